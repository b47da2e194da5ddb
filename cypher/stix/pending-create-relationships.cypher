// One batch of imported relationships of one type ({{type}}, from the graph model's allow-list)
// between two nodes this import creates (still :StixPending, found by element id): invisible until
// the commit labels their ends, deleted with them by a rollback. Properties built by write.ts.
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
MATCH (b) WHERE elementId(b) = row.b
CREATE (a)-[r:{{type}}]->(b)
SET r = row.props
RETURN count(r) AS written
