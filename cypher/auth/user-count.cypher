// How many accounts there are (none: the first start says how to create an admin).
MATCH (u:User)
RETURN count(u) AS users
