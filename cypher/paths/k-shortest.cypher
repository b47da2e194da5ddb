// Up to {{k}} (1..10, validated like maxHops) simple paths (no node twice) of at most {{maxHops}}
// hops, shortest first, and whether both ends exist. The filters sit inside the path pattern so
// they apply during the search, before the k are chosen.
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MATCH p = SHORTEST {{k}} (
    (a)((x)-[r]-(y)){1,{{maxHops}}}(b)
    WHERE all(rel IN r WHERE type(rel) IN $relTypes)
      AND none(n IN x[1..] WHERE any(l IN labels(n) WHERE l IN $excludeLabels))
      AND all(i IN range(0, size(x) - 1) WHERE NOT x[i] IN x[i + 1..])
      AND NOT b IN x
  )
  WITH p ORDER BY length(p)
  RETURN collect(p) AS paths
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths
