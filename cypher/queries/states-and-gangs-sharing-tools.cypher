// name: States and criminal gangs that share tools
// description: Tools (malware, botnets, AI services) used or run both by a state-linked actor and by a proxy gang, with the states the actor is tied to (by attribution, direction or sponsorship, up to three hops).
// param: minConfidence integer = 0 -- ignore USES and OPERATES links below this confidence
MATCH (actor:ThreatActor)-[u1:USES|OPERATES]->(tool:Tool)<-[u2:USES|OPERATES]-(gang:ProxyGang)
WHERE u1.confidence >= $minConfidence AND u2.confidence >= $minConfidence
OPTIONAL MATCH (actor)-[:ATTRIBUTED_TO|DIRECTS|SPONSORS*1..3]-(state:State)
RETURN tool, actor, gang, u1, u2,
       tool.name AS toolName, actor.name AS stateActor, gang.name AS gangName,
       collect(DISTINCT state.name) AS states
ORDER BY toolName, stateActor, gangName
