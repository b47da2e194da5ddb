// Replaces a snapshot's fields (a new document and its baseline, or a new title and caption).
MATCH (s:Snapshot {id: $id})
SET s += $fields
RETURN s
