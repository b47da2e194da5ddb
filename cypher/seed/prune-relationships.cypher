// Relationships an earlier seed wrote that the current files no longer hold. An id is
// "<from>|<TYPE>|<to>", so each is found through the id index of its start and end.
UNWIND $ids AS id
WITH id, split(id, '|') AS part
MATCH (a:Entity {id: part[0]})-[r]->(b:Entity {id: part[2]})
WHERE r.id = id
DELETE r
RETURN count(*) AS pruned
