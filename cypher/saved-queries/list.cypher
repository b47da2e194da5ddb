// Researchers' own saved queries, newest first: those the caller may see in a list (admins: all;
// others: their own, team-visible ones, and those saved before ownership existed, with no owner).
MATCH (q:SavedQuery)
WHERE $admin OR q.owner IS NULL OR q.owner = $username OR coalesce(q.visibility, 'team') = 'team'
RETURN q ORDER BY q.updatedAt DESC
