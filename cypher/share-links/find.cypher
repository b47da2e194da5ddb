// The live link of a token hash (not expired: ISO 8601 UTC strings compare as times), with its
// snapshot. Revoked links are deleted, so they are not found.
MATCH (l:ShareLink {tokenHash: $tokenHash})
WHERE l.expiresAt IS NULL OR l.expiresAt > $now
MATCH (s:Snapshot {id: l.snapshotId})
RETURN l {.id, .snapshotId, .expiresAt} AS l, s
