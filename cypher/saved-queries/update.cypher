MATCH (q:SavedQuery {id: $id})
SET q.name = $name, q.description = $description, q.cypher = $cypher,
    q.parameters = $parameters, q.updatedAt = datetime()
RETURN q
