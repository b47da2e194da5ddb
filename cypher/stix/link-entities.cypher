// Entities an import resolved to an existing one (same STIX id, a name or alias, a country code, a
// URL, or a --map decision): they get the STIX id unless they already have one (one bundle's id
// kept; another bundle's object then matches again by name). Their name, aliases and summary stay.
// The count must equal the rows: an entity gone since resolution fails the import.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n.stixId = coalesce(n.stixId, row.stixId)
RETURN count(n) AS linked
