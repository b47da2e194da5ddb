// Ends every session of an account (disabled, password reset).
MATCH (s:Session {username: $username})
DELETE s
RETURN count(*) AS ended
