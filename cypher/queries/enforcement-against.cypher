// name: Enforcement against an actor and its people
// description: Indictments, sanctions, seizures, disruptions and bans aimed at the actor, at the people it employs and at what it operates or conducts.
// param: actor id = "proxy-gang--evil-corp" -- the actor's id
MATCH (a:Entity {id: $actor})
OPTIONAL MATCH (a)-[link:EMPLOYS|OPERATES|CONDUCTS|USES]->(part:Entity)
WITH a, [a] + collect(part) AS subjects
UNWIND subjects AS subject
MATCH (authority:Entity)-[action:INDICTED|SANCTIONED|SEIZED|DISRUPTED|BANNED]->(subject)
RETURN DISTINCT authority, action, subject,
       authority.name AS by, type(action) AS actionType, subject.name AS against,
       action.firstSeen AS date, action.sources AS sources
ORDER BY date, by
