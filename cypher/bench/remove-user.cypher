// npm run bench:auth: removes its temporary account and its sessions.
MATCH (n)
WHERE (n:User OR n:Session) AND n.username = $username
DELETE n
