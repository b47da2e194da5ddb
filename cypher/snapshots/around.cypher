// The snapshot's nodes that are in the database now, and the relationships that touch them,
// REPORTED_IN aside (it ties every entity to its sources). In id order and at most $max of them,
// so a baseline cut at the cap still knows up to which id it is complete.
UNWIND $nodeIds AS nodeId
MATCH (n:Entity {id: nodeId})
WITH collect(n) AS nodes
CALL (nodes) {
  UNWIND nodes AS n
  MATCH (n)-[r]-()
  WHERE type(r) <> 'REPORTED_IN'
  WITH DISTINCT r
  WITH r, coalesce(r.id, elementId(r)) AS id, startNode(r) AS a, endNode(r) AS b
  ORDER BY id
  LIMIT $max
  RETURN collect({
    id: id, type: type(r),
    from: {id: coalesce(a.id, elementId(a)), name: coalesce(a.name, a.id, ''), labels: labels(a)},
    to: {id: coalesce(b.id, elementId(b)), name: coalesce(b.name, b.id, ''), labels: labels(b)}
  }) AS rels
}
RETURN [n IN nodes | n.id] AS present, rels
