// Rolls back an import that did not commit, one batch at a time: its pending nodes and the
// relationships among them. Nothing else was written before the commit.
MATCH (n:StixPending)
WHERE n.stixImportId = $importId
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
