// One page of the neighbours of $ids, with the connecting relationships, the total per
// relationship type under the same filters ("+37 more USES"), and the ids that do not exist: one
// round trip, the filters written once.
// Filters: relationship types, direction, neighbour labels, minimum confidence, and a date window
// (a relationship is kept when its event dates [firstSeen, lastSeen] overlap [$fromDate, $toDate],
// or, without either, the day it was first reported (reportedAt, derived by the loader) falls in
// it; one with no date at all drops out when a window is set). The rule for partial dates is
// model/partial-date.ts's, applied here to the stored dates; the route passes the window's bounds
// already widened. The client's time filter (client/src/shared/visibility.ts) falls back alike.
CALL () {
  UNWIND $ids AS id
  OPTIONAL MATCH (a:Entity {id: id})
  RETURN collect(a) AS anchors, [x IN collect([id, a]) WHERE x[1] IS NULL | x[0]] AS missing
}
CALL () {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})-[r]-(m:Entity)
  WHERE type(r) IN $relTypes
    AND ($direction = 'both' OR ($direction = 'out' AND startNode(r) = n) OR ($direction = 'in' AND endNode(r) = n))
    AND ($labels IS NULL OR any(l IN labels(m) WHERE l IN $labels))
    AND ($minConfidence IS NULL OR r.confidence >= $minConfidence)
    AND ($fromDate IS NULL OR coalesce(r.lastSeen, r.firstSeen, r.reportedAt) IS NOT NULL)
    AND ($fromDate IS NULL OR
         CASE size(coalesce(r.lastSeen, r.firstSeen, r.reportedAt))
           WHEN 4 THEN coalesce(r.lastSeen, r.firstSeen, r.reportedAt) + '-12-31'
           WHEN 7 THEN coalesce(r.lastSeen, r.firstSeen, r.reportedAt) + '-31'
           ELSE coalesce(r.lastSeen, r.firstSeen, r.reportedAt) END >= $fromDate)
    AND ($toDate IS NULL OR coalesce(r.firstSeen, r.lastSeen, r.reportedAt) IS NOT NULL)
    AND ($toDate IS NULL OR coalesce(r.firstSeen, r.lastSeen, r.reportedAt) <= $toDate)
  WITH r, m ORDER BY m.name, type(r), r.id
  RETURN collect([r, m]) AS rows
}
CALL (rows) {
  UNWIND rows AS row
  WITH type(row[0]) AS type, count(*) AS count
  ORDER BY count DESC, type
  RETURN collect({type: type, count: count}) AS totals
}
WITH anchors, missing, totals, size(rows) AS total, rows[$skip..$skip + $limit] AS page
RETURN anchors, missing, totals, total,
       [row IN page | row[0]] AS relationships,
       [row IN page | row[1]] AS neighbours
