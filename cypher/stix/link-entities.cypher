// Entities an import resolved to an existing one (same STIX id, a name or alias, a country code, a
// URL, or a --map decision): they get the STIX id unless they already have one (one bundle's id
// kept; another bundle's object then matches again by name), and then nothing is written. Their
// name, aliases and summary stay. The count must equal the rows: an entity gone since resolution
// fails the import.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
FOREACH (_ IN CASE WHEN n.stixId IS NULL THEN [1] ELSE [] END | SET n.stixId = row.stixId)
RETURN count(n) AS linked
