// Researchers' own saved queries, newest first.
MATCH (q:SavedQuery)
RETURN q ORDER BY q.updatedAt DESC
