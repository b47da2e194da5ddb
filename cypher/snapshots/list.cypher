// Snapshots newest first, without their documents (which can be megabytes each).
MATCH (s:Snapshot)
RETURN s {.id, .title, .caption, .createdAt, .updatedAt, .nodeCount, .edgeCount} AS s
ORDER BY s.createdAt DESC, s.id
