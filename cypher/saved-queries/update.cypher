// Changes a saved query; its visibility only when one is given ($visibility null: unchanged).
MATCH (q:SavedQuery {id: $id})
SET q.name = $name, q.description = $description, q.cypher = $cypher,
    q.parameters = $parameters, q.updatedAt = datetime(),
    q.visibility = coalesce($visibility, q.visibility)
RETURN q
