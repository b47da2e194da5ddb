// name: Who targeted an election, and how
// description: Actors and campaigns that interfered in or targeted the election, the campaigns behind them, the actors that conduct those campaigns and the tools or domains they used.
// param: election id = "election--us-2024-presidential" -- the election's id
MATCH (e:Election {id: $election})<-[i:INTERFERES_IN|TARGETS]-(who:Entity)
OPTIONAL MATCH (actor:Entity)-[c:CONDUCTS]->(who:Campaign)
OPTIONAL MATCH (who)-[u:USES]->(means:Entity)
RETURN e, i, who, c, actor, u, means,
       who.name AS interferer, [l IN labels(who) WHERE l <> 'Entity'][0] AS kind,
       type(i) AS how, i.confidence AS confidence, actor.name AS conductedBy, means.name AS using
ORDER BY interferer
