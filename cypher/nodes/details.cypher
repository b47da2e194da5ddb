// One node with all its properties, its degree per relationship type and direction, and the
// sources that mention it (through the derived REPORTED_IN).
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
RETURN n, degrees, sources
