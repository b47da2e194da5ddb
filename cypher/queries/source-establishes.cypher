// name: What a source document establishes
// description: Every relationship whose evidence cites the source, with its quote or summary and confidence.
// param: source id = "source--article-2024-10-15-mddr" -- the source's id
MATCH (s:Source {id: $source})
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) <> 'REPORTED_IN' AND s.id IN r.sources
RETURN a, r, b,
       a.name AS from, type(r) AS relationship, b.name AS to,
       coalesce(r.quote, r.summary) AS evidence, r.confidence AS confidence
ORDER BY from, relationship, to
