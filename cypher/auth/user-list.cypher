// Every account, without password hashes, with how many live sessions each has.
MATCH (u:User)
OPTIONAL MATCH (s:Session {username: u.username})
RETURN u.username AS username, u.role AS role, u.disabled AS disabled, u.createdAt AS createdAt, count(s) AS sessions
ORDER BY username
