// One batch of imported relationships of one type ({{type}}) of which an end is an entity this
// same import creates: none can exist yet, so CREATE rather than MERGE (which must look through
// the relationships already there and in the transaction, the bulk of a large import's time).
// The properties are what merge-relationships.cypher gives a relationship it creates.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:{{type}}]->(b)
SET r = row.stix
SET r.id = row.id,
    r.sources = row.stix.stixSources,
    r.evidenceFrom = 'stix',
    r.summary = row.stix.stixSummary,
    r.quote = row.stix.stixQuote,
    r.confidence = row.stix.stixConfidence,
    r.firstSeen = row.stix.stixFirstSeen,
    r.lastSeen = row.stix.stixLastSeen,
    r.reportedAt = row.stix.stixReportedAt
RETURN count(r) AS written
