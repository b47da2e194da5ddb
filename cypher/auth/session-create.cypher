// A new session: only the SHA-256 of its token is stored, never the token.
CREATE (s:Session {tokenHash: $tokenHash, username: $username, createdAt: $now, lastSeenAt: $now})
RETURN s.tokenHash AS tokenHash
