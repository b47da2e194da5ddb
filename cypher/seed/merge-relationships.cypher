// One batch of seed relationships of one type. {{type}} comes from the graph model's allow-list.
// There is one relationship per (from, type, to); its evidence properties are replaced.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:{{type}}]->(b)
SET r = row.props
