// One batch of imported relationships of one type ({{type}}) of which an end is an entity this
// same import creates and the other one the graph already held: none can exist yet, so CREATE
// rather than MERGE. Runs in the commit transaction, after the new entities got their labels.
// The properties (built by write.ts) are what merge-relationships.cypher gives one it creates.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:{{type}}]->(b)
SET r = row.props
RETURN count(r) AS written
