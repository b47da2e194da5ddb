// Full-text search over names, aliases and ids ($lucene is built from the person's words, each
// escaped). $labels, when given, keeps only those labels.
CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: $fetch}) YIELD node, score
WHERE $labels IS NULL OR any(l IN labels(node) WHERE l IN $labels)
RETURN node.id AS id,
       [l IN labels(node) WHERE l <> 'Entity'][0] AS label,
       node.name AS name,
       coalesce(node.aliases, []) AS aliases,
       coalesce(node.summary, '') AS summary,
       score
ORDER BY score DESC, name
LIMIT $limit
