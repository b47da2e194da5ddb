MATCH (s:Snapshot {id: $id})
DELETE s
RETURN count(*) AS deleted
