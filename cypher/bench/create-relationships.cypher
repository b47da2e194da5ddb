// Benchmark generator: one batch of synthetic relationships of one type, with their evidence.
// {{type}} comes from the graph model's allow-list; endpoints are looked up by id (:Entity index).
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:{{type}}]->(b)
SET r = row.props
