// A snapshot and its share links, in one transaction: no link outlives what it opens.
MATCH (s:Snapshot {id: $id})
OPTIONAL MATCH (l:ShareLink {snapshotId: $id})
DETACH DELETE l
WITH DISTINCT s
DELETE s
RETURN count(*) AS deleted
