// REPORTED_IN is derived from the evidence; drop the ones the current seed no longer implies.
MATCH (:Entity)-[r:REPORTED_IN]->(:Source)
WHERE NOT r.id IN $ids
DELETE r
RETURN count(*) AS pruned
