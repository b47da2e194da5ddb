// One batch of the entities and Sources an import creates, written before the import commits:
// :StixPending only (no :Entity, no kind label), so that no read, search or constraint of the graph
// sees them until the commit (commit-nodes.cypher) gives them their labels. Their element ids let
// the relationships among them be created without an index on a label nobody reads.
UNWIND $rows AS row
CREATE (n:StixPending)
SET n = row.props, n.stixImportId = $importId, n.stixPendingLabel = row.label
RETURN elementId(n) AS eid, row.props.id AS id
