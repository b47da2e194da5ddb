// Full-text search over names, aliases and ids ($lucene is built from the person's words, each
// escaped). $labels, when given, keeps only those labels. Lucene's score favours short fields, so
// a source whose title holds the words would outrank the actor itself: the score is re-weighted
// so that a name or alias equal to $text (the lower-cased query) counts double, one starting with
// it half as much again, and sources (documents, not actors) count 0.4.
CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: $fetch}) YIELD node, score
WHERE $labels IS NULL OR any(l IN labels(node) WHERE l IN $labels)
WITH node, [node.name] + coalesce(node.aliases, []) AS names, score
WITH node, score
     * CASE
         WHEN any(n IN names WHERE toLower(n) = $text) THEN 2.0
         WHEN any(n IN names WHERE toLower(n) STARTS WITH $text) THEN 1.5
         ELSE 1.0
       END
     * CASE WHEN node:Source THEN 0.4 ELSE 1.0 END AS score
RETURN node.id AS id,
       [l IN labels(node) WHERE l <> 'Entity'][0] AS label,
       node.name AS name,
       coalesce(node.aliases, []) AS aliases,
       coalesce(node.summary, '') AS summary,
       score
ORDER BY score DESC, name
LIMIT $limit
