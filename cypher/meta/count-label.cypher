// Nodes of one label, from the count store. {{label}} comes from the allow-list.
MATCH (n:{{label}})
RETURN count(n) AS count
