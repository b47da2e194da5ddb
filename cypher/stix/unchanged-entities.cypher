// Before an import's commit (server/stix/write.ts, withoutUnchanged), in a read transaction: which
// of the existing entities the import would update to a newer version would not be updated
// (update-entities.cypher's condition, negated): not an earlier import's own entity of that STIX
// id, or already holding that `modified` or a newer one. Each row is a list: [index, id, STIX id,
// modified]; the indexes of the unchanged rows come back. An entity gone is not returned: the
// commit then finds it gone and fails.
UNWIND $rows AS row
MATCH (n:Entity {id: row[1]})
WHERE NOT coalesce(
  n.imported = true AND n.stixId = row[2] AND (n.stixModified IS NULL OR datetime(row[3]) > datetime(n.stixModified)),
  false
)
RETURN row[0] AS i
