// Every shortest path of at most {{maxHops}} hops (capped at $limit), with the same filters as
// paths/shortest.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[*..{{maxHops}}]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN $relTypes)
  AND none(x IN nodes(p)[1..-1] WHERE any(l IN labels(x) WHERE l IN $excludeLabels))
RETURN p
LIMIT $limit
