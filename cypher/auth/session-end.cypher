// Ends one session (sign-out, or found expired).
MATCH (s:Session {tokenHash: $tokenHash})
DELETE s
RETURN count(*) AS ended
