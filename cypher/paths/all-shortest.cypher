// Every shortest path of at most {{maxHops}} hops (capped at $limit), with the same filters as
// paths/shortest, and whether both ends exist.
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MATCH p = allShortestPaths((a)-[*..{{maxHops}}]-(b))
  WHERE all(r IN relationships(p) WHERE type(r) IN $relTypes)
    AND none(x IN nodes(p)[1..-1] WHERE any(l IN labels(x) WHERE l IN $excludeLabels))
  WITH p LIMIT $limit
  RETURN collect(p) AS paths
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths
