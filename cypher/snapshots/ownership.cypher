// Who owns a snapshot and who may see it, without its document (which can be megabytes).
MATCH (s:Snapshot {id: $id})
RETURN s {.owner, .visibility} AS s
