// Entities an earlier seed wrote that the current files no longer hold, with their relationships.
// An entity a STIX import created or gave its STIX id stays, with its imported relationships
// (the seed's own are pruned by id): pruning it would remove what the import brought.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.stixId IS NULL
DETACH DELETE n
RETURN count(*) AS pruned
