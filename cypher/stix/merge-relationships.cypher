// One batch of imported relationships of one type ({{type}}, from the graph model's allow-list),
// one per (from, type, to). The import's own evidence is kept under stix* keys (stixIds,
// stixSources, stixSummary, stixQuote, stixConfidence, stixFirstSeen, stixLastSeen, stixReportedAt,
// stixCreated, stixModified), so that a seed run keeps it and can fall back to it. The evidence
// read by everything else (sources, summary, confidence, dates, reportedAt) is the import's on a
// relationship it created (evidenceFrom: 'stix'); on one the seed holds, the seed's text stays and
// the import's sources join `sources` (reportedAt: the earlier). Written only the first time or
// when the bundle's version is newer (`modified`): an older or equal one changes nothing.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:{{type}}]->(b)
WITH r, row
WHERE r.stixModified IS NULL OR datetime(row.stix.stixModified) > datetime(r.stixModified)
WITH r, row,
     r.sources IS NULL OR r.evidenceFrom = 'stix' AS ours,
     [s IN coalesce(r.sources, []) WHERE NOT s IN coalesce(r.stixSources, [])] AS others
SET r += row.stix, r.id = row.id
SET r.sources = others + [s IN row.stix.stixSources WHERE NOT s IN others]
SET r += CASE WHEN ours THEN {
      evidenceFrom: 'stix',
      summary: row.stix.stixSummary,
      quote: row.stix.stixQuote,
      confidence: row.stix.stixConfidence,
      firstSeen: row.stix.stixFirstSeen,
      lastSeen: row.stix.stixLastSeen,
      reportedAt: row.stix.stixReportedAt
    } ELSE {
      reportedAt: CASE
        WHEN row.stix.stixReportedAt IS NOT NULL AND (r.reportedAt IS NULL OR row.stix.stixReportedAt < r.reportedAt)
        THEN row.stix.stixReportedAt ELSE r.reportedAt END
    } END
RETURN count(r) AS written
