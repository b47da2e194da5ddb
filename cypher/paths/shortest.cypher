// One shortest path of at most {{maxHops}} hops (an integer 1..8 validated by the API), over
// $relTypes, avoiding intermediate nodes of $excludeLabels.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[*..{{maxHops}}]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN $relTypes)
  AND none(x IN nodes(p)[1..-1] WHERE any(l IN labels(x) WHERE l IN $excludeLabels))
RETURN p
