// A newer version of an object an earlier import created (`imported`, same STIX id, a later
// `modified`) replaces its properties in place; an older or equal one changes nothing. Entities
// the seed owns (no `imported`) are never overwritten by an import.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WHERE n.imported = true
  AND n.stixId = row.props.stixId
  AND row.props.stixModified IS NOT NULL
  AND (n.stixModified IS NULL OR datetime(row.props.stixModified) > datetime(n.stixModified))
SET n = row.props
RETURN count(n) AS updated
