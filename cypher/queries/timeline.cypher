// name: Timeline of relationships
// description: Relationships first seen within a date range, oldest first, with their evidence. Dates are YYYY, YYYY-MM or YYYY-MM-DD.
// param: from date = "2024-01" -- start of the range
// param: to date = "2024-12" -- end of the range
// param: limit integer = 200 -- at most this many rows
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) <> 'REPORTED_IN' AND r.firstSeen IS NOT NULL
  AND r.firstSeen >= $from AND left(r.firstSeen, size($to)) <= $to
RETURN a, r, b,
       r.firstSeen AS date, a.name AS from, type(r) AS relationship, b.name AS to,
       coalesce(r.quote, r.summary) AS evidence
ORDER BY date, from
LIMIT $limit
