// name: Domains of a campaign and who seized them
// description: Every domain the campaign, or an actor that conducts it, used or operated; what each impersonated; and which authority seized it.
// param: campaign id = "campaign--doppelganger" -- the campaign's id
MATCH (c:Campaign {id: $campaign})
OPTIONAL MATCH (actor:Entity)-[:CONDUCTS]->(c)
WITH c, [c] + collect(actor) AS users
UNWIND users AS user
MATCH (user)-[via:USES|OPERATES]->(d:Domain)
OPTIONAL MATCH (d)-[imp:IMPERSONATES]->(victim:Entity)
OPTIONAL MATCH (seizer:Entity)-[s:SEIZED]->(d)
RETURN DISTINCT d, user, via, victim, imp, seizer, s,
       d.name AS domain, user.name AS usedBy, victim.name AS impersonates,
       seizer.name AS seizedBy, s.firstSeen AS seizedOn, d.status AS status
ORDER BY domain
