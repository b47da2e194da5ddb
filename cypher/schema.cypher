// Schema of the threat-network graph. Applied at every start; each statement is idempotent.
// Every entity also carries the label :Entity, whose constraint makes ids unique across labels
// and gives one index for lookups by id whatever the label.

CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT state_id IF NOT EXISTS FOR (n:State) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT threat_actor_id IF NOT EXISTS FOR (n:ThreatActor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT proxy_gang_id IF NOT EXISTS FOR (n:ProxyGang) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT tool_id IF NOT EXISTS FOR (n:Tool) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT technique_id IF NOT EXISTS FOR (n:Technique) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT domain_id IF NOT EXISTS FOR (n:Domain) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT election_id IF NOT EXISTS FOR (n:Election) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT campaign_id IF NOT EXISTS FOR (n:Campaign) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT enforcement_action_id IF NOT EXISTS FOR (n:EnforcementAction) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;

// Search: names, aliases (a list of strings) and ids, tokenised by Lucene.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:State|ThreatActor|ProxyGang|Tool|Technique|Domain|Target|Election|Campaign|EnforcementAction|Organization|Person|Source)
ON EACH [n.name, n.aliases, n.id]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-no-stop-words' } };

// Sorting and filtering by name (autocomplete, listings).
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);

// Sources by publication date (timelines).
CREATE INDEX source_published IF NOT EXISTS FOR (n:Source) ON (n.published);

// Researchers' saved queries: stored apart from the threat data (no :Entity label).
CREATE CONSTRAINT saved_query_id IF NOT EXISTS FOR (q:SavedQuery) REQUIRE q.id IS UNIQUE;

// Snapshots of views: stored apart from the threat data (no :Entity label).
CREATE CONSTRAINT snapshot_id IF NOT EXISTS FOR (s:Snapshot) REQUIRE s.id IS UNIQUE;

// The identity and ledger of the loaded seed (seed/load.ts): apart from the threat data.
CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (d:Dataset) REQUIRE d.id IS UNIQUE;

// Accounts and their sessions (server/auth): apart from the threat data (no :Entity label, no
// relationships, no `id` property), so search, meta, traversals and the seed never reach them.
CREATE CONSTRAINT user_username IF NOT EXISTS FOR (u:User) REQUIRE u.username IS UNIQUE;
CREATE CONSTRAINT session_token IF NOT EXISTS FOR (s:Session) REQUIRE s.tokenHash IS UNIQUE;

// The audit trail (server/audit): apart from the threat data like accounts, appended only.
CREATE CONSTRAINT audit_event_id IF NOT EXISTS FOR (e:AuditEvent) REQUIRE e.eventId IS UNIQUE;
CREATE INDEX audit_event_at IF NOT EXISTS FOR (e:AuditEvent) ON (e.at);

// Guest links to snapshots (server/sharing): apart from the threat data; looked up by the SHA-256
// of their token, listed per snapshot.
CREATE CONSTRAINT share_link_id IF NOT EXISTS FOR (l:ShareLink) REQUIRE l.id IS UNIQUE;
CREATE CONSTRAINT share_link_token IF NOT EXISTS FOR (l:ShareLink) REQUIRE l.tokenHash IS UNIQUE;
CREATE INDEX share_link_snapshot IF NOT EXISTS FOR (l:ShareLink) ON (l.snapshotId);
