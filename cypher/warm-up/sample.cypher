// Two connected entities to run the common queries on before the explorer says it is ready, so
// that they read real data (Neo4j's page cache is cold after a start) and not only plan.
MATCH (a:Entity)-[]-(b:Entity)
RETURN a.id AS a, b.id AS b, a.name AS name
LIMIT 1
