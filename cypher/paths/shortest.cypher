// One shortest path of at most {{maxHops}} hops (an integer 1..8 validated by the API), over
// $relTypes, avoiding intermediate nodes of $excludeLabels; and whether both ends exist, so a
// missing one is a 404 without a second round trip.
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MATCH p = shortestPath((a)-[*..{{maxHops}}]-(b))
  WHERE all(r IN relationships(p) WHERE type(r) IN $relTypes)
    AND none(x IN nodes(p)[1..-1] WHERE any(l IN labels(x) WHERE l IN $excludeLabels))
  RETURN collect(p) AS paths
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths
