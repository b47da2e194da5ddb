MATCH (q:SavedQuery {id: $id})
DELETE q
RETURN count(*) AS deleted
