// A new saved query, owned by whoever saved it. $parameters is the JSON text of its declared parameters.
CREATE (q:SavedQuery {id: $id, name: $name, description: $description, cypher: $cypher,
                      parameters: $parameters, owner: $owner, visibility: $visibility,
                      createdAt: datetime(), updatedAt: datetime()})
RETURN q
