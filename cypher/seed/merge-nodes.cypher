// One batch of seed nodes of one label. {{label}} comes from the graph model's allow-list.
// The seed owns its records, so properties are replaced, not merged: a property removed from
// a seed file disappears from the database too.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:{{label}}
