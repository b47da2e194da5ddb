// The labels the full-text search index covers today, to compare with the graph model's.
SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes
WHERE name = 'entity_search'
RETURN labelsOrTypes
