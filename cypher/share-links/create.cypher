// A guest link to a snapshot, apart from the threat data (no :Entity label, no relationships):
// only the SHA-256 of its token is stored.
CREATE (l:ShareLink {id: $id, tokenHash: $tokenHash, snapshotId: $snapshotId, createdBy: $createdBy,
                     createdAt: $now, expiresAt: $expiresAt})
RETURN l {.id, .snapshotId, .createdBy, .createdAt, .expiresAt} AS l
