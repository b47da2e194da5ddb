// name: Most connected proxies
// description: Proxy gangs ranked by how many distinct entities they are linked to (sources excluded), with the states they are tied to.
// param: limit integer = 10 -- how many proxies
MATCH (g:ProxyGang)-[r]-(other:Entity)
WHERE type(r) <> 'REPORTED_IN'
WITH g, count(DISTINCT other) AS links
ORDER BY links DESC, g.name
LIMIT $limit
OPTIONAL MATCH (g)-[:ATTRIBUTED_TO|OUTSOURCES_TO|SPONSORS|DIRECTS*1..2]-(s:State)
RETURN g, g.name AS proxy, g.proxyType AS kind, links, collect(DISTINCT s.name) AS states
ORDER BY links DESC, proxy
