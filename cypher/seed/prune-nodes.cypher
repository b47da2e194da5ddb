// Entities an earlier seed wrote that the current files no longer hold, with their relationships.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
DETACH DELETE n
RETURN count(*) AS pruned
