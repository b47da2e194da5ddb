// Relationships an earlier seed wrote that the current files no longer hold. An id is
// "<from>|<TYPE>|<to>", so each is found through the id index of its start and end. One a STIX
// import also wrote (stixSources) stays, with the import's own evidence only.
UNWIND $ids AS id
WITH id, split(id, '|') AS part
MATCH (a:Entity {id: part[0]})-[r]->(b:Entity {id: part[2]})
WHERE r.id = id
WITH r, r.stixSources IS NOT NULL AS imported
FOREACH (_ IN CASE WHEN imported THEN [1] ELSE [] END |
  SET r.sources = r.stixSources,
      r.summary = r.stixSummary,
      r.confidence = r.stixConfidence,
      r.firstSeen = r.stixFirstSeen,
      r.lastSeen = r.stixLastSeen,
      r.reportedAt = r.stixReportedAt,
      r.evidenceFrom = 'stix',
      r.quote = null)
// After the SET: a relationship deleted first could not be read by it.
FOREACH (_ IN CASE WHEN imported THEN [] ELSE [1] END | DELETE r)
RETURN count(CASE WHEN NOT imported THEN 1 END) AS pruned
