// Benchmark generator: one batch of synthetic nodes of one label into an empty database.
// {{label}} comes from the graph model's allow-list; every node also gets :Entity.
// CREATE, not MERGE: the generator only ever writes into a fresh instance.
UNWIND $rows AS row
CREATE (n:Entity:{{label}})
SET n = row
