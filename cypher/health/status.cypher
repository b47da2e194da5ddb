// Neo4j's version and edition, and how many nodes and relationships it holds (count store, fast).
CALL dbms.components() YIELD versions, edition
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN versions[0] AS version, edition, nodes, relationships
