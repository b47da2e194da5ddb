// Who owns a snapshot and who may see it, and its title (an audit event's `before`), without its
// document (which can be megabytes).
MATCH (s:Snapshot {id: $id})
RETURN s {.id, .title, .owner, .visibility} AS s
