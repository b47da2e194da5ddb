// Benchmark: how big the graph is (both counts come from the count store), to decide whether an
// existing benchmark instance already holds the requested graph.
CALL () { MATCH (n:Entity) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
