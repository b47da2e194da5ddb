// Up to {{k}} (1..10, validated like maxHops) simple paths (no node twice) of at most {{maxHops}} hops, shortest first. The filters
// sit inside the path pattern so they apply during the search, before the k are chosen.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = SHORTEST {{k}} (
  (a)((x)-[r]-(y)){1,{{maxHops}}}(b)
  WHERE all(rel IN r WHERE type(rel) IN $relTypes)
    AND none(n IN x[1..] WHERE any(l IN labels(n) WHERE l IN $excludeLabels))
    AND all(i IN range(0, size(x) - 1) WHERE NOT x[i] IN x[i + 1..])
    AND NOT b IN x
)
RETURN p
ORDER BY length(p)
