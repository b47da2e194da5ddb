// A new saved query. $parameters is the JSON text of its declared parameters.
CREATE (q:SavedQuery {id: $id, name: $name, description: $description, cypher: $cypher,
                      parameters: $parameters, createdAt: datetime(), updatedAt: datetime()})
RETURN q
