// The Cypher console and saved queries against a corpus of statements that try to write, change
// the schema, administer the DBMS, reach out (LOAD CSV) or smuggle any of that past the checks.
// Every one is sent to POST /api/cypher and POST /api/queries; each must be refused with a 400
// naming `query` (or, for the few harmless reads in disguise, run and change nothing), and the
// database must be exactly as before: data, tokens, schema, users, databases, settings and the
// transactions of other sessions.
import { createHash } from 'node:crypto';
import neo4j, { type Session, type Transaction } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { QueryRefusalReason } from '@model/api.js';
import { apiClient } from './support/api.js';
import { rows, testDatabase } from './support/database.js';

const db = testDatabase();
const api = apiClient(db);
const connection = inject('neo4j');

/**
 * A refusal reason: 400 on both endpoints, saying why (the same reason on both). `runs`: a harmless
 * read that looks like a write. Neo4j itself rejects some statements before our checks see a plan
 * (administration commands Community lacks, unknown procedures, look-alike characters):
 * INVALID_CYPHER, which still refuses them.
 */
type Outcome = QueryRefusalReason | 'runs';
type Entry = [outcome: Outcome, description: string, query: string, params?: Record<string, unknown>];

// The names the corpus tries to create. None exists in the seeded database, and none may exist
// after: a token (label, type or property key) created by a refused statement is caught here.
// db.labels() and db.relationshipTypes() list only tokens in use (db.createLabel('Hacked') does
// not show there; db.propertyKeys() does list unused keys), so EXPLAIN's "unknown label / type /
// property key" warnings are what tell whether these tokens exist.
const CANARY = { label: 'Hacked', type: 'HACKED', property: 'hacked' } as const;

const corpus: Entry[] = [
  // ---- plain writes ----
  ['NOT_READ_ONLY', 'CREATE a node', "CREATE (n:Hacked {id: 'state--x'}) RETURN n"],
  [
    'NOT_READ_ONLY',
    'CREATE a relationship',
    "MATCH (a:State {id: 'state--russia'}), (b:State {id: 'state--iran'}) CREATE (a)-[r:HACKED]->(b) RETURN r",
  ],
  ['NOT_READ_ONLY', 'MERGE a node', "MERGE (n:Entity {id: 'state--x'}) RETURN n"],
  [
    'NOT_READ_ONLY',
    'MERGE a relationship with ON CREATE SET',
    "MATCH (a:State {id: 'state--russia'}) MERGE (a)-[r:HACKED]->(a) ON CREATE SET r.hacked = true",
  ],
  ['NOT_READ_ONLY', 'SET a property', "MATCH (n:State {id: 'state--russia'}) SET n.name = 'x'"],
  [
    'NOT_READ_ONLY',
    'SET += a map parameter',
    'MATCH (n:State {id: $id}) SET n += $props',
    { id: 'state--russia', props: { hacked: true } },
  ],
  ['NOT_READ_ONLY', 'SET a label', "MATCH (n:State {id: 'state--russia'}) SET n:Hacked"],
  ['NOT_READ_ONLY', 'SET a dynamic label', "MATCH (n:State {id: 'state--russia'}) SET n:$($label)", { label: 'Hacked' }],
  ['NOT_READ_ONLY', 'REMOVE a property', "MATCH (n:State {id: 'state--russia'}) REMOVE n.summary"],
  ['NOT_READ_ONLY', 'REMOVE a label', "MATCH (n:State {id: 'state--russia'}) REMOVE n:State"],
  ['NOT_READ_ONLY', 'DELETE a relationship', 'MATCH ()-[r:DIRECTS]->() DELETE r'],
  ['NOT_READ_ONLY', 'DELETE a node', "MATCH (n:State {id: 'state--russia'}) DELETE n"],
  ['NOT_READ_ONLY', 'DETACH DELETE everything', 'MATCH (n) DETACH DELETE n'],
  ['NOT_READ_ONLY', 'FOREACH with CREATE', 'FOREACH (i IN [1, 2] | CREATE (:Hacked {i: i}))'],
  [
    'NOT_READ_ONLY',
    'FOREACH with SET over collected nodes',
    'MATCH (n:State) WITH collect(n) AS ns FOREACH (n IN ns | SET n.hacked = true)',
  ],
  ['NOT_READ_ONLY', 'write inside CALL { } (scoped)', 'CALL () { CREATE (x:Hacked) RETURN x } RETURN x'],
  ['NOT_READ_ONLY', 'write inside CALL { } (importing WITH)', 'MATCH (n:State) CALL { WITH n SET n.hacked = 1 } RETURN count(*) AS c'],
  [
    'NOT_READ_ONLY',
    'write in the second UNION branch',
    "MATCH (n:State) RETURN n.id AS id UNION CREATE (m:Hacked {id: 'x'}) RETURN m.id AS id",
  ],
  [
    'NOT_READ_ONLY',
    'write in the first UNION ALL branch',
    "MERGE (m:Hacked {id: 'x'}) RETURN m.id AS id UNION ALL MATCH (n:State) RETURN n.id AS id",
  ],
  ['NOT_READ_ONLY', 'write after WITH', 'MATCH (n:State) WITH n LIMIT 1 SET n.hacked = true RETURN n'],
  [
    'NOT_READ_ONLY',
    'conditional write: FOREACH over CASE',
    "MATCH (n:State) FOREACH (_ IN CASE WHEN n.id = 'no-such' THEN [1] ELSE [] END | SET n.hacked = true)",
  ],
  [
    'NOT_READ_ONLY',
    'conditional write: SET on a CASE target',
    "MATCH (n:State {id: 'state--russia'}) SET (CASE WHEN false THEN n END).hacked = 1",
  ],
  ['NOT_READ_ONLY', 'CALL { } IN TRANSACTIONS with DETACH DELETE', 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1 ROWS'],
  [
    'FORBIDDEN_OPERATOR',
    'CALL { } IN TRANSACTIONS that only reads',
    'CALL () { MATCH (n) RETURN n } IN TRANSACTIONS OF 10 ROWS RETURN count(n) AS c',
  ],
  [
    'NOT_READ_ONLY',
    'CALL { } IN CONCURRENT TRANSACTIONS',
    'UNWIND range(1, 3) AS i CALL (i) { CREATE (:Hacked {i: i}) } IN 2 CONCURRENT TRANSACTIONS',
  ],
  ['NOT_READ_ONLY', 'CREATE with a map parameter', 'CREATE (n:Hacked $props) RETURN n', { props: { hacked: true, name: 'x' } }],
  [
    'NOT_READ_ONLY',
    'UNWIND a list parameter into CREATE',
    'UNWIND $rows AS row CREATE (n:Hacked) SET n = row',
    { rows: [{ hacked: 1 }, { hacked: 2 }] },
  ],

  // ---- schema and administration ----
  ['SCHEMA_COMMAND', 'CREATE INDEX', 'CREATE INDEX hacked IF NOT EXISTS FOR (n:State) ON (n.hacked)'],
  ['SCHEMA_COMMAND', 'CREATE FULLTEXT INDEX', 'CREATE FULLTEXT INDEX hacked_text FOR (n:Hacked) ON EACH [n.hacked]'],
  ['SCHEMA_COMMAND', 'DROP INDEX', 'DROP INDEX entity_search'],
  ['SCHEMA_COMMAND', 'CREATE CONSTRAINT', 'CREATE CONSTRAINT hacked_id FOR (n:Hacked) REQUIRE n.hacked IS UNIQUE'],
  ['SCHEMA_COMMAND', 'DROP CONSTRAINT', 'DROP CONSTRAINT entity_id'],
  ['INVALID_CYPHER', 'CREATE DATABASE', 'CREATE DATABASE hacked'],
  ['INVALID_CYPHER', 'DROP DATABASE', 'DROP DATABASE neo4j'],
  ['INVALID_CYPHER', 'STOP DATABASE', 'STOP DATABASE neo4j'],
  ['INVALID_CYPHER', 'START DATABASE', 'START DATABASE neo4j'],
  ['SCHEMA_COMMAND', 'CREATE USER', "CREATE USER hacker SET PASSWORD 'abcdefghijk' CHANGE NOT REQUIRED"],
  ['SCHEMA_COMMAND', 'ALTER USER', "ALTER USER neo4j SET PASSWORD 'abcdefghijk' CHANGE NOT REQUIRED"],
  ['SCHEMA_COMMAND', 'DROP USER', 'DROP USER neo4j'],
  ['INVALID_CYPHER', 'CREATE ROLE', 'CREATE ROLE hacker'],
  ['INVALID_CYPHER', 'GRANT ROLE', 'GRANT ROLE admin TO hacker'],
  ['INVALID_CYPHER', 'GRANT a privilege', 'GRANT WRITE ON GRAPH * TO PUBLIC'],
  ['INVALID_CYPHER', 'DENY a privilege', 'DENY READ {*} ON GRAPH * TO PUBLIC'],
  ['INVALID_CYPHER', 'REVOKE ROLE', 'REVOKE ROLE admin FROM neo4j'],
  // With the real current password: had it run, every later request would fail to log in.
  [
    'SCHEMA_COMMAND',
    'ALTER CURRENT USER SET PASSWORD',
    'ALTER CURRENT USER SET PASSWORD FROM $old TO $new',
    { old: connection.password, new: 'hacked-password-123' },
  ],
  ['FORBIDDEN_OPERATOR', 'TERMINATE TRANSACTIONS by id', "TERMINATE TRANSACTIONS 'neo4j-transaction-1'"],
  [
    'FORBIDDEN_OPERATOR',
    'SHOW TRANSACTIONS piped into TERMINATE (every other session)',
    "SHOW TRANSACTIONS YIELD transactionId AS txId, currentQuery WHERE NOT currentQuery CONTAINS 'TERMINATE' " +
      'TERMINATE TRANSACTIONS txId YIELD transactionId, message RETURN transactionId, message',
  ],
  ['FORBIDDEN_OPERATOR', 'TERMINATE TRANSACTION (singular) from a parameter', 'TERMINATE TRANSACTION $id', { id: 'neo4j-transaction-1' }],
  // Reads, but they show other sessions' queries with their parameters, and the configuration.
  ['FORBIDDEN_OPERATOR', 'SHOW TRANSACTIONS', 'SHOW TRANSACTIONS'],
  [
    'FORBIDDEN_OPERATOR',
    'SHOW TRANSACTIONS with YIELD',
    'SHOW TRANSACTIONS YIELD currentQuery, parameters RETURN currentQuery, parameters',
  ],
  ['FORBIDDEN_OPERATOR', 'SHOW SETTINGS', 'SHOW SETTINGS'],
  ['SCHEMA_COMMAND', 'SHOW USERS (system database only)', 'SHOW USERS'],
  ['INVALID_CYPHER', 'USE system with CREATE USER', "USE system CREATE USER hacker SET PASSWORD 'abcdefghijk'"],
  ['INVALID_CYPHER', 'USE system with SHOW USERS', 'USE system SHOW USERS'],
  ['NOT_READ_ONLY', 'USE neo4j with CREATE', 'USE neo4j CREATE (n:Hacked)'],
  ['INVALID_CYPHER', 'USE system to read the system graph', 'USE system MATCH (n) RETURN n'],
  ['INVALID_CYPHER', 'USE system inside CALL { }', 'CALL () { USE system SHOW USERS YIELD user RETURN user } RETURN user'],
  ['INVALID_CYPHER', 'USE an unknown database with CREATE', 'USE hacked CREATE (n:Hacked)'],
  ['INVALID_CYPHER', 'ALTER DATABASE to read-only', 'ALTER DATABASE neo4j SET ACCESS READ ONLY'],
  ['SCHEMA_COMMAND', 'SHOW CURRENT USER (system database only)', 'SHOW CURRENT USER'],

  // ---- procedures outside the allow-list, with or without side effects ----
  ['NOT_READ_ONLY', 'db.createLabel', "CALL db.createLabel('Hacked')"],
  ['NOT_READ_ONLY', 'db.createProperty', "CALL db.createProperty('hacked')"],
  ['NOT_READ_ONLY', 'db.createRelationshipType', "CALL db.createRelationshipType('HACKED')"],
  ['NOT_READ_ONLY', 'db.createLabel with a backticked name', "CALL `db`.`createLabel`('Hacked')"],
  [
    'NOT_READ_ONLY',
    'db.createLabel fed by the allowed db.labels',
    "CALL db.labels() YIELD label CALL db.createLabel(label + 'Hacked') RETURN label",
  ],
  ['NOT_READ_ONLY', 'an allowed procedure followed by CREATE', 'CALL db.labels() YIELD label CREATE (:Hacked {hacked: label})'],
  ['INVALID_CYPHER', 'dbms.setConfigValue', "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')"],
  ['SCHEMA_COMMAND', 'db.clearQueryCaches', 'CALL db.clearQueryCaches()'],
  ['INVALID_CYPHER', 'dbms.killTransaction', "CALL dbms.killTransaction('neo4j-transaction-1')"],
  ['INVALID_CYPHER', 'dbms.killQueries (removed in 5)', "CALL dbms.killQueries(['query-1'])"],
  ['SCHEMA_COMMAND', 'tx.setMetaData', "CALL tx.setMetaData({hacked: 'x'})"],
  [
    'INVALID_CYPHER',
    'db.index.fulltext.createNodeIndex (removed in 5)',
    "CALL db.index.fulltext.createNodeIndex('hacked', ['Hacked'], ['hacked'])",
  ],
  ['INVALID_CYPHER', 'db.index.fulltext.drop (removed in 5)', "CALL db.index.fulltext.drop('entity_search')"],
  ['INVALID_CYPHER', 'db.checkpoint', 'CALL db.checkpoint()'],
  ['PROCEDURE_NOT_ALLOWED', 'db.resampleOutdatedIndexes', 'CALL db.resampleOutdatedIndexes()'],
  ['PROCEDURE_NOT_ALLOWED', 'db.stats.collect', "CALL db.stats.collect('QUERIES')"],
  ['SCHEMA_COMMAND', 'dbms.listConfig (read-only, not allowed)', 'CALL dbms.listConfig()'],
  ['INVALID_CYPHER', 'dbms.security.createUser (removed in 5)', "CALL dbms.security.createUser('hacker', 'abcdefghijk', false)"],
  ['INVALID_CYPHER', 'apoc.create.node (APOC absent)', "CALL apoc.create.node(['Hacked'], {hacked: true})"],
  ['INVALID_CYPHER', 'apoc.cypher.runWrite with Cypher in a parameter', 'CALL apoc.cypher.runWrite($q, {})', { q: 'CREATE (:Hacked)' }],
  ['INVALID_CYPHER', 'apoc.periodic.iterate', "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})"],
  ['INVALID_CYPHER', 'an APOC function', 'RETURN apoc.create.uuid() AS id'],

  // ---- LOAD CSV ----
  ['FORBIDDEN_OPERATOR', 'LOAD CSV from file:/// (read only)', "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line"],
  [
    'FORBIDDEN_OPERATOR',
    'LOAD CSV WITH HEADERS from https:// (read only)',
    "LOAD CSV WITH HEADERS FROM 'https://example.com/x.csv' AS row RETURN row",
  ],
  [
    'NOT_READ_ONLY',
    'LOAD CSV from https:// with CREATE',
    "LOAD CSV FROM 'https://example.com/x.csv' AS line CREATE (:Hacked {hacked: line[0]})",
  ],
  ['NOT_READ_ONLY', 'LOAD CSV from file:/// with MERGE', "LOAD CSV FROM 'file:///etc/hosts' AS line MERGE (:Hacked {hacked: line[0]})"],
  ['FORBIDDEN_OPERATOR', 'LOAD CSV inside CALL { }', "CALL () { LOAD CSV FROM 'file:///etc/hostname' AS l RETURN l } RETURN l"],
  ['FORBIDDEN_OPERATOR', 'LOAD CSV from a parameter URL', 'LOAD CSV FROM $url AS line RETURN line', { url: 'http://127.0.0.1:1/x.csv' }],

  // ---- several statements, comments, quoting ----
  ['MULTIPLE_STATEMENTS', 'two statements', 'MATCH (n) RETURN n; CREATE (x:Hacked)'],
  ['MULTIPLE_STATEMENTS', 'two statements with comments between', 'MATCH (n) RETURN n LIMIT 1 /* ; */ ; // and now\nCREATE (x:Hacked)'],
  ['NOT_READ_ONLY', 'write after a line comment', '// just a read\nCREATE (x:Hacked)'],
  ['NOT_READ_ONLY', 'write after a block comment', 'MATCH (n:State) /* innocent */ SET n.hacked = 1'],
  ['MULTIPLE_STATEMENTS', 'second statement after a // comment holding a semicolon', 'RETURN 1 // ;\n; CREATE (x:Hacked)'],
  ['NOT_READ_ONLY', 'write in a backticked identifier', 'MATCH (`CREATE`:State) SET `CREATE`.hacked = 1'],
  ['NOT_READ_ONLY', 'backslash in a backticked identifier', 'MATCH (`a\\`:State) // `\nCREATE (x:Hacked)'],
  ['MULTIPLE_STATEMENTS', 'a double-quoted string, then a write', 'RETURN "x"; CREATE (n:Hacked)'],
  ['MULTIPLE_STATEMENTS', "an escaped ' in a string, then a write", "RETURN '\\'' ; MATCH (n) DETACH DELETE n"],
  ['MULTIPLE_STATEMENTS', 'an escaped " in a string, then a write', 'RETURN "a\\""; CREATE (n:Hacked) //"'],
  ['INVALID_CYPHER', 'an unterminated string around a write', "RETURN 'x; CREATE (n:Hacked)"],
  ['INVALID_CYPHER', 'fullwidth ＣＲＥＡＴＥ', 'ＣＲＥＡＴＥ (n:Hacked)'],
  ['INVALID_CYPHER', 'Cyrillic С and Е in CREATE', 'СRЕATE (n:Hacked)'],
  ['INVALID_CYPHER', 'a zero-width space inside CREATE', 'CRE\u200BATE (n:Hacked)'],
  ['MULTIPLE_STATEMENTS', 'zero-width spaces around a second statement', 'MATCH (n) RETURN n\u200B;\u200BCREATE (x:Hacked)'],
  ['NOT_READ_ONLY', 'non-breaking spaces around CREATE', 'MATCH (n:State)\u00A0SET\u00A0n.hacked = 1'],
  ['INVALID_CYPHER', 'a fullwidth semicolon ；', 'MATCH (n) RETURN n LIMIT 1；CREATE (x:Hacked)'],
  ['INVALID_CYPHER', 'a Greek question mark (looks like ;)', 'MATCH (n) RETURN n LIMIT 1\u037E CREATE (x:Hacked)'],
  ['NOT_READ_ONLY', 'mixed-case cReAtE', 'cReAtE (n:Hacked)'],
  ['NOT_READ_ONLY', 'mixed-case DeTaCh DeLeTe', 'match (n:State) DeTaCh DeLeTe n'],
  ['NOT_READ_ONLY', 'EXPLAIN prefix with a write', 'EXPLAIN CREATE (n:Hacked)'],
  ['INVALID_CYPHER', 'PROFILE prefix with a write', 'PROFILE CREATE (n:Hacked)'],
  ['NOT_READ_ONLY', 'CYPHER runtime=interpreted with a write', 'CYPHER runtime=interpreted CREATE (n:Hacked)'],
  ['NOT_READ_ONLY', 'CYPHER runtime=slotted with SET', 'CYPHER runtime=slotted MATCH (n:State) SET n.hacked = 1'],
  ['NOT_READ_ONLY', 'CYPHER 5 planner option with DETACH DELETE', 'CYPHER 5 planner=dp MATCH (n) DETACH DELETE n'],
  ['NOT_READ_ONLY', 'CYPHER runtime=parallel (Enterprise) with a write', 'CYPHER runtime=parallel CREATE (n:Hacked)'],

  // ---- parameters ----
  [
    'NOT_READ_ONLY',
    'Cypher in a parameter value used in SET',
    "MATCH (n:State {id: 'state--russia'}) SET n.name = $x",
    { x: "x' }) DETACH DELETE n //" },
  ],
  [
    'NOT_READ_ONLY',
    '$x as a map replacing properties',
    "MATCH (n:State {id: 'state--russia'}) SET n = $x",
    { x: { id: 'state--russia', hacked: true } },
  ],

  // ---- harmless reads that look like writes: they run and change nothing ----
  ['runs', 'a write inside a string literal', "RETURN 'x; CREATE (n:Hacked)' AS s"],
  ['runs', 'a write inside a backticked label in MATCH', 'MATCH (n:`Hacked; CREATE (x)`) RETURN n'],
  ['runs', 'write keywords as map keys and in comments', 'RETURN {`CREATE`: 1, `DELETE`: 2} AS m // ; DETACH DELETE n'],
  ['runs', 'Cypher in a parameter compared in WHERE', 'MATCH (n:State) WHERE n.id = $id RETURN n', { id: "x' }) DETACH DELETE n //" }],
  [
    'runs',
    '$x a map holding Cypher, returned',
    'RETURN $x AS x',
    { x: { query: 'CREATE (n:Hacked)', nested: { '`; DROP': 'DETACH DELETE n' } } },
  ],
  [
    'runs',
    'a parameter naming a label that holds Cypher',
    'MATCH (n:$($label)) RETURN count(n) AS c',
    { label: 'State`) DETACH DELETE n //' },
  ],
];

/** A stable text of any value the driver returns (Integers, temporals, maps with keys sorted). */
function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return `int:${value.toString()}`;
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return `${proto.constructor?.name}:${String(value)}`;
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

const sha256 = (value: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');

async function onSystem<T>(query: string): Promise<T[] | string> {
  const session = db.driver.session({ database: 'system', defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.executeRead((tx) => tx.run(query));
    return result.records.map((r) => canonical(r.toObject()) as T);
  } catch (err) {
    // e.g. SHOW ROLES in Community: what it says is compared, so it must say the same after.
    return `unavailable: ${(err as { code?: string }).code ?? String(err)}`;
  } finally {
    await session.close();
  }
}

/** Whether EXPLAIN still finds no such label, type and property key (tokens are created by writes). */
async function canaryTokensUnknown() {
  const nonce = `v${Date.now()}${Math.floor(Math.random() * 1e6)}`; // a new query text: no cached plan
  const result = await db.read((tx) =>
    tx.run(`EXPLAIN MATCH (${nonce}:${CANARY.label})-[r:${CANARY.type}]->() WHERE ${nonce}.${CANARY.property} = 1 RETURN ${nonce}`),
  );
  const codes = result.summary.notifications.map((n) => n.code);
  return {
    label: codes.includes('Neo.ClientNotification.Statement.UnknownLabelWarning'),
    type: codes.includes('Neo.ClientNotification.Statement.UnknownRelationshipTypeWarning'),
    property: codes.includes('Neo.ClientNotification.Statement.UnknownPropertyKeyWarning'),
  };
}

/** Everything a refused statement could have changed. */
async function databaseState() {
  // The corpus is also saved as queries (and those deleted): audit events of the test's own saves,
  // counted apart below. Every other node is compared whole.
  const nodes = await rows(
    db,
    'MATCH (n) WHERE NOT n:AuditEvent RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props ORDER BY id',
  );
  const rels = await rows(
    db,
    'MATCH (a)-[r]->(b) RETURN elementId(r) AS id, type(r) AS type, elementId(a) AS from, elementId(b) AS to, properties(r) AS props ORDER BY id',
  );
  return {
    nodeCount: nodes.length,
    relationshipCount: rels.length,
    perLabel: canonical(
      await rows(db, 'MATCH (n) WHERE NOT n:AuditEvent UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label'),
    ),
    // Only the saves' events may be added: no other action, no event changed or removed.
    otherAuditEvents: canonical(
      await rows(
        db,
        "MATCH (e:AuditEvent) WHERE NOT e.action IN ['query.create', 'query.delete'] RETURN e.eventId AS id, properties(e) AS props ORDER BY id",
      ),
    ),
    perType: canonical(await rows(db, 'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type')),
    unlabelled: canonical(await rows(db, 'MATCH (n) WHERE size(labels(n)) = 0 RETURN count(n) AS count')),
    nodesHash: sha256(nodes.map((n) => ({ ...n, labels: [...(n.labels as string[])].sort() }))),
    relationshipsHash: sha256(rels),
    indexes: canonical(
      await rows(db, 'SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state, options RETURN * ORDER BY name'),
    ),
    constraints: canonical(
      await rows(db, 'SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties RETURN * ORDER BY name'),
    ),
    labels: canonical(await rows(db, 'CALL db.labels() YIELD label RETURN label ORDER BY label')),
    relationshipTypes: canonical(
      await rows(db, 'CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType ORDER BY relationshipType'),
    ),
    propertyKeys: canonical(await rows(db, 'CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey ORDER BY propertyKey')),
    canaryTokensUnknown: await canaryTokensUnknown(),
    users: await onSystem('SHOW USERS YIELD user, roles, passwordChangeRequired, suspended RETURN * ORDER BY user'),
    roles: await onSystem('SHOW ROLES YIELD role RETURN role ORDER BY role'),
    databases: await onSystem('SHOW DATABASES YIELD name, currentStatus, requestedStatus, access RETURN * ORDER BY name'),
    settings: canonical(await rows(db, 'SHOW SETTINGS YIELD name, value, isDynamic WHERE isDynamic RETURN name, value ORDER BY name')),
  };
}

/** No internals in an answer: no stack frames, no driver error names. */
function expectNoLeak(body: unknown, description: string) {
  const text = JSON.stringify(body);
  expect(text, `${description}: leaks a stack trace`).not.toMatch(/\bat .*\.(ts|js):\d+/);
  expect(text, `${description}: leaks a stack trace`).not.toMatch(/at org\.neo4j|\bat java\./);
  expect(text, `${description}: leaks a driver error`).not.toMatch(/Neo4jError/);
}

// Another session's open transaction: TERMINATE TRANSACTIONS must not reach it.
let otherSession: Session;
let otherTransaction: Transaction;
let before: Awaited<ReturnType<typeof databaseState>>;

beforeAll(async () => {
  // Saving a harmless query stores a :SavedQuery node: create and delete one first, so that the
  // tokens it needs exist before the baseline and only real changes show.
  const warmUp = await api.post('/api/queries').send({ name: 'warm-up', description: 'x', cypher: 'RETURN 1 AS one' }).expect(201);
  await api.delete(`/api/queries/${warmUp.body.id}`).expect(204);

  otherSession = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.READ });
  otherTransaction = otherSession.beginTransaction();
  await otherTransaction.run('RETURN 1 AS one');

  before = await databaseState();
  expect(before.canaryTokensUnknown, 'the canary names must not exist before the corpus runs').toEqual({
    label: true,
    type: true,
    property: true,
  });
  // The baseline must really see what it compares (SHOW ROLES is Enterprise-only: its error is compared).
  expect(before.nodeCount).toBeGreaterThan(0);
  expect(before.relationshipCount).toBeGreaterThan(0);
  expect(JSON.stringify(before.indexes)).toContain('entity_search');
  expect(JSON.stringify(before.constraints)).toContain('entity_id');
  expect(JSON.stringify(before.users)).toContain('"neo4j"');
  expect(JSON.stringify(before.databases)).toContain('"system"');
  expect(before.settings).not.toEqual([]);
});

afterAll(async () => {
  await otherTransaction?.rollback().catch(() => {});
  await otherSession?.close();
  await db.close();
});

describe('the read-only console against a corpus of writes', () => {
  it('has a corpus of at least 50 statements, each described once', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    expect(new Set(corpus.map(([, description]) => description)).size).toBe(corpus.length);
    expect(corpus.filter(([outcome]) => outcome !== 'runs').length).toBeGreaterThanOrEqual(50);
  });

  it.each(corpus)('%s: %s', async (outcome, description, query, params) => {
    const ran = await api.post('/api/cypher').send(params === undefined ? { query } : { query, params });
    const saved = await api.post('/api/queries').send({ name: `corpus: ${description}`, description, cypher: query });

    for (const [endpoint, res] of [
      ['POST /api/cypher', ran],
      ['POST /api/queries', saved],
    ] as const) {
      const what = `${description} (${endpoint}): ${JSON.stringify(query)}`;
      expect(res.status, `${what} answered 500: ${JSON.stringify(res.body)}`).not.toBe(500);
      expectNoLeak(res.body, what);
      if (outcome !== 'runs') {
        expect(res.status, `${what} was not refused: ${JSON.stringify(res.body)}`).toBe(400);
        expect(res.body.error, `${what}: the refusal must name the query and why`).toMatchObject({
          code: 'QUERY_REJECTED',
          field: 'query',
          reason: outcome,
        });
      }
    }
    if (outcome === 'runs') {
      expect(ran.status, `${description}: a harmless read should run: ${JSON.stringify(ran.body)}`).toBe(200);
      expect(saved.status, `${description}: a harmless read can be saved: ${JSON.stringify(saved.body)}`).toBe(201);
      await api.delete(`/api/queries/${saved.body.id}`).expect(204);
    }
  });

  it('leaves the database exactly as it was', async () => {
    const after = await databaseState();
    for (const key of Object.keys(before) as (keyof typeof before)[]) {
      expect(after[key], `database state "${key}" changed`).toEqual(before[key]);
    }
  });

  it("leaves another session's transaction alive", async () => {
    const res = await otherTransaction.run('RETURN 2 AS two');
    expect(res.records[0]?.get('two').toNumber()).toBe(2);
  });

  it('stores none of the refused queries', async () => {
    const res = await api.get('/api/queries').expect(200);
    expect(res.body.queries.filter((q: { name: string }) => q.name.startsWith('corpus: '))).toEqual([]);
  });

  it('still answers a normal read', async () => {
    const res = await api.post('/api/cypher').send({ query: "MATCH (s:State {id: 'state--russia'}) RETURN s.name AS name" }).expect(200);
    expect(res.body.rows).toHaveLength(1);
    await api.get('/api/search').query({ q: 'russia' }).expect(200);
  });
});
