// The availability probe: answers only once the database itself serves queries, not merely when
// Bolt accepts connections (which comes earlier while Neo4j starts).
RETURN 1 AS ok
