// One batch of imported relationships of one type ({{type}}, from the graph model's allow-list)
// between two nodes this import creates (still :StixPending, found by element id): invisible until
// the commit labels their ends, deleted with them by a rollback. Each row is a list (write.ts,
// createdRow): the ends' element ids, then the properties merge-relationships.cypher gives a
// relationship it creates, each value once for its stix* key and its plain one (a null is not stored).
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row[0]
MATCH (b) WHERE elementId(b) = row[1]
CREATE (a)-[r:{{type}} {
  id: row[2],
  stixIds: row[3],
  stixSources: row[4], sources: row[4],
  stixSummary: row[5], summary: row[5],
  stixConfidence: row[6], confidence: row[6],
  stixFirstSeen: row[7], firstSeen: row[7],
  stixLastSeen: row[8], lastSeen: row[8],
  stixQuote: row[9], quote: row[9],
  stixReportedAt: row[10], reportedAt: row[10],
  stixCreated: row[11],
  stixModified: row[12],
  evidenceFrom: 'stix'
}]->(b)
RETURN count(r) AS written
