// Relationships of one type, from the count store. {{type}} comes from the allow-list.
MATCH ()-[r:{{type}}]->()
RETURN count(r) AS count
