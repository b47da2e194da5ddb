// A new snapshot, apart from the threat data (no :Entity label). $fields holds the view document
// as JSON text, its counts and node ids, and the baseline read in the same transaction.
CREATE (s:Snapshot {id: $id})
SET s += $fields
RETURN s
