// One batch of seed relationships of one type. {{type}} comes from the graph model's allow-list.
// There is one relationship per (from, type, to); its evidence properties are replaced, except
// what a STIX import added (server/stix/write.ts): its stix* keys stay, its sources stay among
// `sources`, and reportedAt is the earlier of the seed's and the import's.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:{{type}}]->(b)
WITH r, row, r {.stixIds, .stixSources, .stixSummary, .stixConfidence, .stixFirstSeen, .stixLastSeen, .stixReportedAt, .stixCreated, .stixModified} AS imported
SET r = row.props
SET r += imported
SET r.sources = r.sources + [s IN coalesce(imported.stixSources, []) WHERE NOT s IN r.sources],
    r.reportedAt = CASE
      WHEN imported.stixReportedAt IS NOT NULL AND (r.reportedAt IS NULL OR imported.stixReportedAt < r.reportedAt)
      THEN imported.stixReportedAt ELSE r.reportedAt END
