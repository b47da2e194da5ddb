// The nodes of $ids and every relationship between two of them (to restore a saved view).
MATCH (a:Entity) WHERE a.id IN $ids
OPTIONAL MATCH (a)-[r]->(b:Entity) WHERE b.id IN $ids
RETURN a, collect(r) AS rels, collect(b) AS ends
