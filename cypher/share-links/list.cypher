// A snapshot's live links, newest first (never their token hashes).
MATCH (l:ShareLink {snapshotId: $snapshotId})
WHERE l.expiresAt IS NULL OR l.expiresAt > $now
RETURN l {.id, .snapshotId, .createdBy, .createdAt, .expiresAt} AS l
ORDER BY l.createdAt DESC, l.id
