// Revoking deletes the link: its token then matches nothing.
MATCH (l:ShareLink {id: $id, snapshotId: $snapshotId})
DELETE l
RETURN count(*) AS deleted
