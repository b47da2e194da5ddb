// One batch of imported relationships of one type ({{type}}) of which an end is an entity this
// same import creates and the other one the graph already held: none can exist yet, so CREATE
// rather than MERGE. Runs in the commit transaction, after the new entities got their labels.
// Each row is a list (write.ts, createdRow): the ends' ids, then the properties
// merge-relationships.cypher gives a relationship it creates (as in pending-create-relationships).
UNWIND $rows AS row
MATCH (a:Entity {id: row[0]})
MATCH (b:Entity {id: row[1]})
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
