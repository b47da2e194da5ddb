// Property keys in use on one label, from a sample of its nodes. {{label}} from the allow-list.
MATCH (n:{{label}})
WITH n LIMIT 200
UNWIND keys(n) AS key
RETURN collect(DISTINCT key) AS properties
