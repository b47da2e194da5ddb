// Saved queries, the read-only console, the OpenAPI document and the 503 path of the API.
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../server/db/database.js';
import { freePort } from '../server/db/local-neo4j/instance.js';
import { DEFAULT_LIMITS } from '../server/http/limits.js';
import { builtInQueries } from '../server/queries/builtins.js';
import { apiClient, expectBadField } from './support/api.js';
import { rows, testDatabase } from './support/database.js';

const db = testDatabase();
const api = apiClient(db);
afterAll(() => db.close());

/** Everything in the database, to prove a refused query changed nothing. */
async function fingerprint() {
  const [row] = await rows(
    db,
    `MATCH (n) WITH count(n) AS nodes, collect(DISTINCT labels(n)) AS labels
     CALL () { MATCH ()-[r]->() RETURN count(r) AS rels, sum(size(keys(r))) AS relProps }
     CALL () { MATCH (n) RETURN sum(size(keys(n))) AS nodeProps }
     RETURN nodes, labels, rels, relProps, nodeProps`,
  );
  const indexes = await rows(db, 'SHOW INDEXES YIELD name RETURN name ORDER BY name');
  const constraints = await rows(db, 'SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name');
  const labelTokens = await rows(db, 'CALL db.labels() YIELD label RETURN collect(label) AS labels'); // db.createLabel would show here
  return { ...row, indexes, constraints, labelTokens };
}

describe('saved queries', () => {
  it('ships at least eight built-ins, each with declared, typed parameters', async () => {
    const res = await api.get('/api/queries').expect(200);
    const builtIns = res.body.queries.filter((q: { builtIn: boolean }) => q.builtIn);
    expect(builtIns.length).toBeGreaterThanOrEqual(8);
    for (const q of builtIns) {
      expect(q.name.length, q.id).toBeGreaterThan(0);
      expect(q.description.length, q.id).toBeGreaterThan(0);
      for (const p of q.parameters) expect(p.default, `${q.id}.${p.name}`).toBeDefined();
    }
    expect(builtIns.filter((q: { parameters: unknown[] }) => q.parameters.length > 0).length).toBeGreaterThan(0);
  });

  it('runs every built-in with its defaults, read-only, and returns rows and a graph', async () => {
    for (const q of builtInQueries()) {
      const res = await api.post(`/api/queries/${q.id}/run`).send({}).expect(200);
      expect(res.body.rows.length, q.id).toBeGreaterThan(0);
      expect(res.body.nodes.length, q.id).toBeGreaterThan(0);
    }
  });

  it('answers "who works with Russia" from the data', async () => {
    const res = await api
      .post('/api/queries/who-works-with/run')
      .send({ params: { actor: 'state--russia', minConfidence: 50 } })
      .expect(200);
    const partners = res.body.rows.map((r: { name: string; relationship: string }) => `${r.relationship} ${r.name}`);
    expect(partners.some((p: string) => p.startsWith('DIRECTS GRU'))).toBe(true);
    expect(res.body.rows.every((r: { confidence: number }) => r.confidence >= 50)).toBe(true);
    expect(res.body.edges.length).toBeGreaterThan(0);
    expect(res.body.edges.every((e: { evidence: { sources: string[] } }) => e.evidence.sources.length > 0)).toBe(true);
  });

  it('checks parameters against their declared types', async () => {
    expectBadField(
      (
        await api
          .post('/api/queries/who-works-with/run')
          .send({ params: { minConfidence: 'high' } })
          .expect(400)
      ).body,
      'params.minConfidence',
    );
    expectBadField(
      (
        await api
          .post('/api/queries/who-works-with/run')
          .send({ params: { minConfidence: 1.5 } })
          .expect(400)
      ).body,
      'params.minConfidence',
    );
    expectBadField(
      (
        await api
          .post('/api/queries/who-works-with/run')
          .send({ params: { actor: 'Russia' } })
          .expect(400)
      ).body,
      'params.actor',
    );
    expectBadField(
      (
        await api
          .post('/api/queries/who-works-with/run')
          .send({ params: { colour: 1 } })
          .expect(400)
      ).body,
      'params.colour',
    );
    expectBadField(
      (
        await api
          .post('/api/queries/timeline/run')
          .send({ params: { from: 'June' } })
          .expect(400)
      ).body,
      'params.from',
    );
    expectBadField((await api.post('/api/queries/who-works-with/run').send({ params: [] }).expect(400)).body, 'params');
    await api.post('/api/queries/no-such-query/run').send({}).expect(404);
  });

  it("creates, lists, updates, runs and deletes a researcher's own query", async () => {
    const input = {
      name: 'Tools of an actor',
      description: 'What the actor uses.',
      cypher: 'MATCH (a:Entity {id: $actor})-[r:USES]->(t:Tool) RETURN a, r, t, t.name AS tool',
      parameters: [{ name: 'actor', type: 'id', default: 'threat-actor--forest-blizzard' }],
    };
    const created = await api.post('/api/queries').send(input).expect(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ ...input, builtIn: false });
    expect((await api.get('/api/queries').expect(200)).body.queries.map((q: { id: string }) => q.id)).toContain(id);
    expect((await api.get(`/api/queries/${id}`).expect(200)).body.name).toBe('Tools of an actor');

    const ran = await api.post(`/api/queries/${id}/run`).send({}).expect(200);
    expect(ran.body.rows.map((r: { tool: string }) => r.tool)).toContain('Moobot');

    const updated = await api
      .put(`/api/queries/${id}`)
      .send({ ...input, name: 'Renamed' })
      .expect(200);
    expect(updated.body.name).toBe('Renamed');
    await api.delete(`/api/queries/${id}`).expect(204);
    await api.get(`/api/queries/${id}`).expect(404);
    await api.delete(`/api/queries/${id}`).expect(404);
    await api.put(`/api/queries/${id}`).send(input).expect(404);
  });

  it('refuses to save a query that writes or is malformed, and stores nothing', async () => {
    const before = (await api.get('/api/queries').expect(200)).body.queries.length;
    const base = { name: 'x', cypher: 'MATCH (n) RETURN n LIMIT 1' };
    const writes = await api
      .post('/api/queries')
      .send({ ...base, cypher: 'MATCH (n) DETACH DELETE n' })
      .expect(400);
    expect(writes.body.error).toMatchObject({ code: 'QUERY_REJECTED', field: 'query', reason: 'NOT_READ_ONLY' });
    const procedure = await api
      .post('/api/queries')
      .send({ ...base, cypher: 'CALL db.info()' })
      .expect(400);
    expect(procedure.body.error).toMatchObject({ code: 'QUERY_REJECTED', field: 'query', reason: 'PROCEDURE_NOT_ALLOWED' });
    expectBadField(
      (
        await api
          .post('/api/queries')
          .send({ ...base, name: '' })
          .expect(400)
      ).body,
      'name',
    );
    expectBadField((await api.post('/api/queries').send({ name: 'x' }).expect(400)).body, 'cypher');
    expectBadField(
      (
        await api
          .post('/api/queries')
          .send({ ...base, parameters: [{ name: 'a b', type: 'string' }] })
          .expect(400)
      ).body,
      'parameters.0.name',
    );
    expectBadField(
      (
        await api
          .post('/api/queries')
          .send({ ...base, parameters: [{ name: 'a', type: 'blob' }] })
          .expect(400)
      ).body,
      'parameters.0.type',
    );
    expectBadField(
      (
        await api
          .post('/api/queries')
          .send({ ...base, parameters: [{ name: 'n', type: 'integer', default: 'x' }] })
          .expect(400)
      ).body,
      'parameters.0.default',
    );
    expectBadField(
      (
        await api
          .post('/api/queries')
          .send({
            ...base,
            parameters: [
              { name: 'a', type: 'string' },
              { name: 'a', type: 'string' },
            ],
          })
          .expect(400)
      ).body,
      'parameters.1.name',
    );
    expect((await api.get('/api/queries').expect(200)).body.queries.length).toBe(before);
  });

  it('keeps built-ins read-only', async () => {
    const id = builtInQueries()[0]!.id;
    await api.put(`/api/queries/${id}`).send({ name: 'x', cypher: 'RETURN 1' }).expect(403);
    await api.delete(`/api/queries/${id}`).expect(403);
  });
});

describe('POST /api/cypher', () => {
  it('returns graph elements and table rows', async () => {
    const res = await api
      .post('/api/cypher')
      .send({
        query: 'MATCH p = (s:State {id: $id})-[:DIRECTS]->(a) RETURN p, a.name AS name, 1 + 1 AS two',
        params: { id: 'state--russia' },
      })
      .expect(200);
    expect(res.body.columns).toEqual(['p', 'name', 'two']);
    expect(res.body.rows.length).toBeGreaterThan(0);
    expect(res.body.rows[0].two).toBe(2);
    expect(res.body.nodes.map((n: { id: string }) => n.id)).toContain('state--russia');
    expect(res.body.edges.length).toBeGreaterThan(0);
    expect(res.body.edges.every((e: { type: string }) => e.type === 'DIRECTS')).toBe(true);
    expect(res.body.truncated).toBe(false);
  });

  it('takes whole-number parameters as integers and others as floats', async () => {
    const res = await api
      .post('/api/cypher')
      .send({ query: 'UNWIND range(1, 10) AS i RETURN i, $f AS f LIMIT $n', params: { n: 3, f: 0.5 } })
      .expect(200);
    expect(res.body.rows).toEqual([
      { i: 1, f: 0.5 },
      { i: 2, f: 0.5 },
      { i: 3, f: 0.5 },
    ]);
  });

  it('converts temporal values and big integers to plain JSON', async () => {
    const res = await api
      .post('/api/cypher')
      .send({ query: "RETURN date('2024-10-15') AS d, 9007199254740993 AS big, [1, 2] AS list, {a: 1} AS map" })
      .expect(200);
    expect(res.body.rows[0]).toEqual({ d: '2024-10-15', big: '9007199254740993', list: [1, 2], map: { a: 1 } });
  });

  it('refuses every kind of write and leaves the database unchanged', async () => {
    const before = await fingerprint();
    const writes = [
      "CREATE (n:State {id: 'state--x'}) RETURN n",
      "MERGE (n:Entity {id: 'state--x'})",
      "MATCH (n:State {id: 'state--russia'}) SET n.name = 'x'",
      "MATCH (n:State {id: 'state--russia'}) SET n:Hacked",
      "MATCH (n:State {id: 'state--russia'}) DELETE n",
      "MATCH (n:State {id: 'state--russia'}) DETACH DELETE n",
      "MATCH (n:State {id: 'state--russia'}) REMOVE n.summary",
      'MATCH ()-[r:DIRECTS]->() DELETE r',
      "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
      "LOAD CSV WITH HEADERS FROM 'http://127.0.0.1:1/x.csv' AS line RETURN line",
      'CREATE INDEX hack IF NOT EXISTS FOR (n:State) ON (n.name)',
      'DROP CONSTRAINT entity_id',
      'DROP INDEX entity_search',
      'CALL { MATCH (n:State) RETURN n } IN TRANSACTIONS OF 10 ROWS RETURN n',
      'MATCH (n:State) CALL (n) { SET n.x = 1 } IN TRANSACTIONS',
      "CALL db.createLabel('Hacked')",
      "CALL db.createProperty('hacked')",
      "CALL dbms.killTransactions(['x'])",
      'MATCH (n) RETURN n LIMIT 1; MATCH (m) DETACH DELETE m',
      'FOREACH (i IN [1] | CREATE (:Hacked))',
      "CREATE USER hacker SET PASSWORD 'abcdefghijk'",
      'SHOW USERS',
      'CREATE DATABASE hacked',
    ];
    for (const query of writes) {
      const res = await api.post('/api/cypher').send({ query });
      expect(res.status, query).toBe(400);
      expect(res.body.error.field, query).toBe('query');
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('says why it refuses, with a reason code for each check', async () => {
    const refusals: Array<[query: string, reason: string, message: RegExp]> = [
      ['/* nothing */', 'EMPTY_QUERY', /empty/],
      ['RETURN 1 AS one; RETURN 2 AS two', 'MULTIPLE_STATEMENTS', /one statement/],
      ["MATCH (n:State {id: 'state--russia'}) SET n.name = 'x'", 'NOT_READ_ONLY', /would write/],
      ['CREATE INDEX hack IF NOT EXISTS FOR (n:State) ON (n.name)', 'SCHEMA_COMMAND', /schema or administration/],
      // A read as far as Neo4j's query type goes: only the plan check stops these.
      ["LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", 'FORBIDDEN_OPERATOR', /LOAD CSV is not allowed/],
      [
        'CALL () { MATCH (n:State) RETURN n } IN TRANSACTIONS OF 10 ROWS RETURN count(n) AS c',
        'FORBIDDEN_OPERATOR',
        /IN TRANSACTIONS is not allowed/,
      ],
      ['SHOW TRANSACTIONS', 'FORBIDDEN_OPERATOR', /SHOW TRANSACTIONS/],
      // Read-only procedures, but outside the allow-list.
      ['CALL db.info()', 'PROCEDURE_NOT_ALLOWED', /procedure db\.info is not allowed/],
      ['CALL db.ping()', 'PROCEDURE_NOT_ALLOWED', /procedure db\.ping is not allowed/],
      ['MATCH (n RETURN n', 'INVALID_CYPHER', /Invalid input/],
    ];
    for (const [query, reason, message] of refusals) {
      const res = await api.post('/api/cypher').send({ query });
      expect(res.status, query).toBe(400);
      expect(res.body.error, query).toMatchObject({ code: 'QUERY_REJECTED', field: 'query', reason });
      expect(res.body.error.message, query).toMatch(message);
    }
    // Procedures on the allow-list run.
    const labels = await api.post('/api/cypher').send({ query: 'CALL db.labels() YIELD label RETURN label' }).expect(200);
    expect(labels.body.rows.map((r: { label: string }) => r.label)).toContain('State');
    const found = await api
      .post('/api/cypher')
      .send({ query: "CALL db.index.fulltext.queryNodes('entity_search', 'russia') YIELD node RETURN node.id AS id" })
      .expect(200);
    expect(found.body.rows.map((r: { id: string }) => r.id)).toContain('state--russia');
  });

  it('caps rows and says so', async () => {
    const small = apiClient(db, { ...DEFAULT_LIMITS, cypherRowCap: 10 });
    const res = await small.post('/api/cypher').send({ query: 'UNWIND range(1, 100) AS i RETURN i' }).expect(200);
    expect(res.body.rows).toHaveLength(10);
    expect(res.body.truncated).toBe(true);
    expect(res.body.rowCap).toBe(10);
  });

  it('answers 504 past its time limit, and the server goes on', async () => {
    const hurried = apiClient(db, { ...DEFAULT_LIMITS, cypherTimeoutMs: 300 });
    const res = await hurried
      .post('/api/cypher')
      .send({ query: 'UNWIND range(1, 100000000) AS i WITH i WHERE i % 7 = 3 RETURN count(*) AS n' })
      .expect(504);
    expect(res.body.error.code).toBe('QUERY_TIMEOUT');
    await hurried.post('/api/cypher').send({ query: 'RETURN 1 AS one' }).expect(200);
  });

  it('limits how often one client may call it', async () => {
    const limited = apiClient(db, { ...DEFAULT_LIMITS, cypherPerMinute: 2 });
    await limited.post('/api/cypher').send({ query: 'RETURN 1 AS one' }).expect(200);
    await limited.post('/api/cypher').send({ query: 'RETURN 1 AS one' }).expect(200);
    const third = await limited.post('/api/cypher').send({ query: 'RETURN 1 AS one' }).expect(429);
    expect(third.body.error.code).toBe('RATE_LIMITED');
    await limited.get('/api/search').query({ q: 'russia' }).expect(200); // the rest of the API is unaffected
  });

  it('answers 400 for invalid Cypher and bad bodies', async () => {
    const syntax = await api.post('/api/cypher').send({ query: 'MATCH (n RETURN n' }).expect(400);
    expect(syntax.body.error).toMatchObject({ code: 'QUERY_REJECTED', field: 'query', reason: 'INVALID_CYPHER' });
    expect(syntax.body.error.message).not.toMatch(/\n|at org\.neo4j/);
    const missingParam = await api.post('/api/cypher').send({ query: 'RETURN $x AS x' }).expect(400);
    expect(missingParam.body.error.message).toMatch(/x/);
    expectBadField((await api.post('/api/cypher').send({}).expect(400)).body, 'query');
    expectBadField((await api.post('/api/cypher').send({ query: 'RETURN 1', params: 'x' }).expect(400)).body, 'params');
    expectBadField(
      (
        await api
          .post('/api/cypher')
          .send({ query: 'x'.repeat(20_001) })
          .expect(400)
      ).body,
      'query',
    );
    const empty = await api.post('/api/cypher').send({ query: '// only a comment' }).expect(400);
    expect(empty.body.error).toMatchObject({ message: 'The query is empty.', reason: 'EMPTY_QUERY' });
  });
});

describe('the API without Neo4j', () => {
  it('answers 503 with a JSON message on every data endpoint', async () => {
    const down = new Database({ uri: `bolt://127.0.0.1:${await freePort()}`, user: 'neo4j', password: 'x' });
    const offline = apiClient(down);
    try {
      const calls = [
        offline.get('/api/search').query({ q: 'russia' }),
        offline.get('/api/nodes/state--russia'),
        offline.get('/api/meta'),
        offline.post('/api/expand').send({ ids: ['state--russia'] }),
        offline.post('/api/subgraph').send({ ids: ['state--russia'] }),
        offline.post('/api/paths').send({ from: 'state--russia', to: 'state--iran' }),
        offline.get('/api/queries'),
        offline.post('/api/cypher').send({ query: 'RETURN 1' }),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(503);
        expect(res.body.error.code).toBe('NEO4J_UNAVAILABLE');
      }
    } finally {
      await down.close();
    }
  });
});

describe('GET /api/openapi.json', () => {
  it('describes every endpoint from the shared schemas', async () => {
    const res = await api.get('/api/openapi.json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/health',
      '/api/meta',
      '/api/search',
      '/api/nodes/{id}',
      '/api/expand',
      '/api/subgraph',
      '/api/paths',
      '/api/queries',
      '/api/queries/{id}',
      '/api/queries/{id}/run',
      '/api/cypher',
    ]) {
      expect(res.body.paths[path], path).toBeDefined();
    }
    const expand = res.body.paths['/api/expand'].post.requestBody.content['application/json'].schema;
    expect(expand).toEqual({ $ref: '#/components/schemas/ExpandRequest' });
    expect(res.body.components.schemas.ExpandRequest.properties.ids.maxItems).toBe(50);
    expect(res.body.paths['/api/paths'].post.responses['404']).toBeDefined();
  });
});
