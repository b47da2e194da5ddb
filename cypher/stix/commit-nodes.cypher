// The commit of an import, first step: its pending nodes of one label ({{label}}, from the graph
// model's allow-list) become entities. The id constraints check them here: an id taken since the
// plan was made fails the commit, and the import is rolled back.
UNWIND $eids AS eid
MATCH (n:StixPending)
WHERE elementId(n) = eid AND n.stixImportId = $importId
SET n:Entity:{{label}}
REMOVE n:StixPending, n.stixImportId, n.stixPendingLabel
RETURN count(n) AS committed
