// name: Paths between two states through proxies
// description: Up to 10 shortest paths from one state to another that pass through at least one proxy gang and visit no node twice, over every relationship type except REPORTED_IN.
// param: from id = "state--russia" -- the first state
// param: to id = "state--united-states" -- the second state
MATCH (a:State {id: $from}), (b:State {id: $to})
MATCH p = SHORTEST 10 ((a)((x)-[r]-(y)){1,6}(b)
  WHERE none(rel IN r WHERE type(rel) = 'REPORTED_IN')
    AND any(n IN x WHERE n:ProxyGang)
    AND all(i IN range(0, size(x) - 1) WHERE NOT x[i] IN x[i + 1..])
    AND NOT b IN x)
RETURN p, length(p) AS hops, [n IN nodes(p) | n.name] AS route
ORDER BY hops
