// Closes an import: its job node goes, in the commit transaction (or after its rollback).
MATCH (j:StixImport)
WHERE j.id = $importId
DELETE j
RETURN count(j) AS ended
