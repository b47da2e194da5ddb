// One node with all its properties, its degree per relationship type and direction, the sources
// that mention it (through the derived REPORTED_IN), and the sources its summary names
// (summarySources), in the order the seed lists them.
MATCH (n:Entity {id: $id})
CALL (n) {
  MATCH (n)-[r]->()
  RETURN type(r) AS type, 'out' AS direction, count(*) AS count
  UNION ALL
  MATCH (n)<-[r]-()
  RETURN type(r) AS type, 'in' AS direction, count(*) AS count
}
WITH n, collect({type: type, direction: direction, count: count}) AS degrees
CALL (n) {
  OPTIONAL MATCH (n)-[:REPORTED_IN]->(s:Source)
  WITH s ORDER BY s.published DESC
  RETURN collect(s {.id, .title, .publisher, .published, .url, .sourceType, .verified}) AS sources
}
CALL (n) {
  WITH coalesce(n.summarySources, []) AS ids
  UNWIND range(0, size(ids) - 1) AS i
  MATCH (s:Entity {id: ids[i]})
  WHERE s:Source
  WITH i, s ORDER BY i
  RETURN collect(s {.id, .title, .publisher, .published, .url, .sourceType, .verified}) AS summarySources
}
RETURN n, degrees, sources, summarySources
