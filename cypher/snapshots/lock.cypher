// Reads a snapshot for a change made from its current value (rename, recaption): the write takes
// the node's lock, so two such changes cannot lose one another.
MATCH (s:Snapshot {id: $id})
SET s.updatedAt = s.updatedAt
RETURN s
