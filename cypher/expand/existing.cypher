// Which of $ids exist, to answer 404 for the others.
MATCH (n:Entity) WHERE n.id IN $ids
RETURN collect(n.id) AS found
