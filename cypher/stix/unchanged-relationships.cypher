// Before an import's commit (server/stix/write.ts, withoutUnchanged), in a read transaction: which
// of its relationships of one type ({{type}}, from the graph model's allow-list) between two
// entities the graph already holds would change nothing, because the graph holds that relationship
// with the same STIX version (`modified`) or a newer one: merge-relationships.cypher writes only a
// newer one. One row per start entity: its id, and per end id [row index, modified]. Each start
// entity's relationships of the type are read once (one expansion per row of a hub would read
// its relationships once per row); the indexes of the unchanged rows come back.
UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r:{{type}}]->(b:Entity)
WITH row.to[b.id] AS x, r
WHERE x IS NOT NULL
WITH x, collect(r.stixModified IS NOT NULL AND datetime(x[1]) <= datetime(r.stixModified)) AS unchanged
WHERE all(u IN unchanged WHERE u)
RETURN x[0] AS i
