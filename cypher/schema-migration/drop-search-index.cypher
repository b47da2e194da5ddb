// Dropped when the graph model's labels changed: schema.cypher then creates it anew over them
// (CREATE ... IF NOT EXISTS never changes an index that exists).
DROP INDEX entity_search IF EXISTS
