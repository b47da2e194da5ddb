// A session by the hash of its token, with its account as it is now (role, disabled).
MATCH (s:Session {tokenHash: $tokenHash})
OPTIONAL MATCH (u:User {username: s.username})
RETURN s.username AS username, s.createdAt AS createdAt, s.lastSeenAt AS lastSeenAt, u.role AS role, coalesce(u.disabled, true) AS disabled
