// Snapshots newest first, without their documents (which can be megabytes each): those the caller
// may see in a list (admins: all; others: their own, team-visible ones, and those saved before
// ownership existed, which have no owner).
MATCH (s:Snapshot)
WHERE $admin OR s.owner IS NULL OR s.owner = $username OR coalesce(s.visibility, 'team') = 'team'
RETURN s {.id, .title, .caption, .createdAt, .updatedAt, .nodeCount, .edgeCount, .owner, .visibility} AS s
ORDER BY s.createdAt DESC, s.id
