// One batch of seed nodes of one label. {{label}} and {{others}} (every other kind label) come
// from the graph model's allow-list. The seed owns its records, so properties are replaced, not
// merged (a property removed from a seed file disappears from the database too), and a record
// whose kind changed loses its old label.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:{{label}}
REMOVE n:{{others}}
