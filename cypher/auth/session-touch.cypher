// Marks a session as used now (the idle timeout counts from here).
MATCH (s:Session {tokenHash: $tokenHash})
SET s.lastSeenAt = $now
