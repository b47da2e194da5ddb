// How many entities the database holds: zero means it has never been seeded.
MATCH (n:Entity)
RETURN count(n) AS entities
