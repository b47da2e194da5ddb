// One batch of seed nodes of one label. {{label}} and {{others}} (every other kind label) come
// from the graph model's allow-list. The seed owns its records, so properties are replaced, not
// merged (a property removed from a seed file disappears from the database too), and a record
// whose kind changed loses its old label. The STIX id an import gave the entity stays (it is how
// the next import finds it); `imported` goes: from now on the seed owns the node.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row, n.stixId AS stixId
SET n = row.props, n:{{label}}
SET n.stixId = stixId
REMOVE n:{{others}}
