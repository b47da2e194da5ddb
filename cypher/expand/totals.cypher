// How many neighbours $ids have per relationship type, under the same filters as expand/page
// (keep the WHERE equal), so the UI can offer "+37 more USES".
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]-(m:Entity)
WHERE type(r) IN $relTypes
  AND ($direction = 'both' OR ($direction = 'out' AND startNode(r) = n) OR ($direction = 'in' AND endNode(r) = n))
  AND ($labels IS NULL OR any(l IN labels(m) WHERE l IN $labels))
  AND ($minConfidence IS NULL OR r.confidence >= $minConfidence)
  AND ($fromDate IS NULL OR coalesce(r.lastSeen, r.firstSeen) IS NOT NULL)
  AND ($fromDate IS NULL OR
       CASE size(coalesce(r.lastSeen, r.firstSeen))
         WHEN 4 THEN coalesce(r.lastSeen, r.firstSeen) + '-12-31'
         WHEN 7 THEN coalesce(r.lastSeen, r.firstSeen) + '-31'
         ELSE coalesce(r.lastSeen, r.firstSeen) END >= $fromDate)
  AND ($toDate IS NULL OR coalesce(r.firstSeen, r.lastSeen) IS NOT NULL)
  AND ($toDate IS NULL OR coalesce(r.firstSeen, r.lastSeen) <= $toDate)
RETURN type(r) AS type, count(*) AS count
ORDER BY count DESC, type
