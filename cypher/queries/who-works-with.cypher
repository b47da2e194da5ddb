// name: Who works with an actor
// description: Everyone linked to the actor by sponsorship, direction, outsourcing, funding, employment or collaboration, in either direction, and through what.
// param: actor id = "state--russia" -- the actor's id
// param: minConfidence integer = 0 -- ignore links below this confidence
MATCH (a:Entity {id: $actor})-[r:SPONSORS|DIRECTS|COLLABORATES_WITH|OUTSOURCES_TO|FUNDS|EMPLOYS]-(partner:Entity)
WHERE r.confidence >= $minConfidence
RETURN a, r, partner,
       partner.name AS name,
       [l IN labels(partner) WHERE l <> 'Entity'][0] AS label,
       type(r) AS relationship,
       CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction,
       r.confidence AS confidence,
       r.sources AS sources
ORDER BY relationship, name
