// Snapshots: saved views stored in Neo4j, their validation, their limits, and what changed in the
// database since one was saved. Against the real seeded Neo4j; other test files run after this one
// in the same database, so every fixture written here is removed in a finally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '@model/api.js';
import { SNAPSHOT_LIMITS, viewDocumentSchema, type Snapshot, type ViewDocument } from '@model/snapshot.js';
import { Database } from '../server/db/database.js';
import { freePort } from '../server/db/local-neo4j/instance.js';
import { baselineOf, diff, type AroundRel } from '../server/snapshots/changes.js';
import { apiClient, expectBadField } from './support/api.js';
import { rows, testDatabase } from './support/database.js';
import { viewDocument } from './support/view-document.js';

const db = testDatabase();
const api = apiClient(db);
let graph: Graph;
let doc: ViewDocument;

beforeAll(async () => {
  // A real neighbourhood: Russia and what it directs.
  const expanded = await api
    .post('/api/expand')
    .send({ ids: ['state--russia'], relTypes: ['DIRECTS'], direction: 'out', limit: 5 })
    .expect(200);
  const ids = ['state--russia', ...expanded.body.nodes.map((n: { id: string }) => n.id)];
  graph = (await api.post('/api/subgraph').send({ ids }).expect(200)).body;
  doc = viewDocumentSchema.parse(viewDocument(graph, { notes: { 'state--russia': 'Start here.' }, pinned: ['state--russia'] }));
});
afterAll(() => db.close());

async function save(document: ViewDocument = doc): Promise<Snapshot> {
  return (await api.post('/api/snapshots').send({ document }).expect(201)).body;
}

/** The stored node itself, every property, to prove a refused write changed nothing. */
async function stored(id: string) {
  const [row] = await rows(db, 'MATCH (s:Snapshot {id: $id}) RETURN properties(s) AS p', { id });
  return row?.p;
}

describe('snapshots: create, read, list, change, duplicate, delete', () => {
  it('saves a view and gives it back equal, with its counts', async () => {
    const created = await save();
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(created).toMatchObject({ title: doc.title, caption: doc.caption, nodeCount: graph.nodes.length, edgeCount: graph.edges.length });
    expect(created.document).toEqual(doc);
    expect(Date.parse(created.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(created.updatedAt).toBe(created.createdAt);

    const read = await api.get(`/api/snapshots/${created.id}`).expect(200);
    expect(read.body).toEqual(created);
    // Apart from the threat data: no :Entity label.
    const [labels] = await rows(db, 'MATCH (s {id: $id}) RETURN labels(s) AS labels', { id: created.id });
    expect(labels?.labels).toEqual(['Snapshot']);
  });

  it('lists summaries newest first, without documents', async () => {
    const first = await save({ ...doc, title: 'First' });
    const second = await save({ ...doc, title: 'Second' });
    const { snapshots } = (await api.get('/api/snapshots').expect(200)).body as { snapshots: Array<Record<string, unknown>> };
    const ids = snapshots.map((s) => s.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    expect(snapshots.every((s) => !('document' in s))).toBe(true);
    expect(snapshots.find((s) => s.id === second.id)).toEqual({
      id: second.id,
      title: 'Second',
      caption: doc.caption,
      createdAt: second.createdAt,
      updatedAt: second.updatedAt,
      nodeCount: doc.elements.nodes.length,
      edgeCount: doc.elements.edges.length,
      // AUTH=none: the one local user owns what it saves, private unless told (test/api-sharing.test.ts).
      owner: 'local',
      visibility: 'private',
    });
  });

  it('replaces a document, renames and recaptions, in the document too', async () => {
    const created = await save();
    const smaller = { ...doc, title: 'Only Russia', elements: { nodes: doc.elements.nodes.slice(0, 1), edges: [] }, notes: {}, pinned: [] };
    const replaced = (await api.put(`/api/snapshots/${created.id}`).send({ document: smaller }).expect(200)).body as Snapshot;
    expect(replaced).toMatchObject({ id: created.id, title: 'Only Russia', nodeCount: 1, edgeCount: 0, createdAt: created.createdAt });
    expect(replaced.document).toEqual(smaller);

    const renamed = (await api.patch(`/api/snapshots/${created.id}`).send({ title: '  Renamed  ' }).expect(200)).body as Snapshot;
    expect(renamed.title).toBe('Renamed');
    expect(renamed.document).toEqual({ ...smaller, title: 'Renamed' });
    const recaptioned = (await api.patch(`/api/snapshots/${created.id}`).send({ caption: 'New caption' }).expect(200)).body as Snapshot;
    expect(recaptioned).toMatchObject({ title: 'Renamed', caption: 'New caption' });
    expect(recaptioned.document).toEqual({ ...smaller, title: 'Renamed', caption: 'New caption' });
    expect((await api.get(`/api/snapshots/${created.id}`).expect(200)).body).toEqual(recaptioned);
  });

  it('duplicates under "Copy of …" or a given title, leaving the original', async () => {
    const original = await save();
    const copy = (await api.post(`/api/snapshots/${original.id}/duplicate`).send({}).expect(201)).body as Snapshot;
    expect(copy.id).not.toBe(original.id);
    expect(copy.title).toBe(`Copy of ${doc.title}`);
    expect(copy.document).toEqual({ ...doc, title: `Copy of ${doc.title}` });
    const named = (await api.post(`/api/snapshots/${original.id}/duplicate`).send({ title: 'For the briefing' }).expect(201))
      .body as Snapshot;
    expect(named.title).toBe('For the briefing');
    expect((await api.get(`/api/snapshots/${original.id}`).expect(200)).body).toEqual(original);
  });

  it('deletes, then answers 404', async () => {
    const created = await save();
    await api.delete(`/api/snapshots/${created.id}`).expect(204);
    await api.get(`/api/snapshots/${created.id}`).expect(404);
    await api.delete(`/api/snapshots/${created.id}`).expect(404);
    await api.put(`/api/snapshots/${created.id}`).send({ document: doc }).expect(404);
    await api.patch(`/api/snapshots/${created.id}`).send({ title: 'x' }).expect(404);
    await api.post(`/api/snapshots/${created.id}/duplicate`).send({}).expect(404);
    await api.get(`/api/snapshots/${created.id}/changes`).expect(404);
    await api.get(`/api/snapshots/${created.id}/export/json`).expect(404);
  });

  it('exports a saved snapshot as a file named after its title', async () => {
    const created = await save({ ...doc, title: 'Russia’s proxies: Oct. 2024' });
    const res = await api.get(`/api/snapshots/${created.id}/export/json`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="russia-s-proxies-oct-2024.json"');
    expect(res.body).toEqual(created.document);
    const untitled = await save({ ...doc, title: '' });
    const svg = await api.get(`/api/snapshots/${untitled.id}/export/svg`).query({ background: 'transparent', area: 'visible' }).expect(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.headers['content-disposition']).toBe('attachment; filename="snapshot.svg"');
  });
});

describe('snapshots: bad input', () => {
  it('names the field of a malformed document', async () => {
    const bad = (document: unknown, field: string) =>
      api
        .post('/api/snapshots')
        .send({ document })
        .expect(400)
        .then((res) => expectBadField(res.body, field));
    const [n0, n1] = doc.elements.nodes;
    await bad({ ...doc, format: 'something-else' }, 'document.format');
    await bad({ ...doc, zoom: -1 }, 'document.zoom');
    await bad({ ...doc, title: 'x'.repeat(SNAPSHOT_LIMITS.titleMax + 1) }, 'document.title');
    await bad({ ...doc, extra: 1 }, 'document');
    await bad(
      { ...doc, elements: { ...doc.elements, nodes: [n0, { ...n1!, position: { x: 'left', y: 0 } }] } },
      'document.elements.nodes.1.position.x',
    );
    await bad(
      { ...doc, elements: { ...doc.elements, nodes: [n0, { ...n1!, data: { ...n1!.data, id: n0!.data.id } }] } },
      'document.elements.nodes.1.data.id',
    );
    const edges = doc.elements.edges.map((e, i) => (i === 1 ? { ...e, data: { ...e.data, source: 'state--atlantis' } } : e));
    await bad({ ...doc, elements: { ...doc.elements, edges } }, 'document.elements.edges.1.data.source');
    await bad({ ...doc, notes: { 'state--atlantis': 'x' } }, 'document.notes.state--atlantis');
    await bad({ ...doc, hidden: ['state--atlantis'] }, 'document.hidden.0');
    // A source's url is shown as a link by viewers of the view: web links only.
    const scripted = { ...n1!, data: { ...n1!.data, properties: { ...n1!.data.properties, url: 'javascript:alert(1)' } } };
    await bad(
      { ...doc, elements: { ...doc.elements, nodes: doc.elements.nodes.map((n, i) => (i === 1 ? scripted : n)) } },
      'document.elements.nodes.1.data.properties.url',
    );
    const linked = { ...n1!, data: { ...n1!.data, properties: { ...n1!.data.properties, url: 'https://example.org/report' } } };
    const nodes = doc.elements.nodes.map((n, i) => (i === 1 ? linked : n));
    const saved = await api
      .post('/api/snapshots')
      .send({ document: { ...doc, elements: { ...doc.elements, nodes } } })
      .expect(201);
    await api.delete(`/api/snapshots/${saved.body.id}`).expect(204);
    expectBadField((await api.post('/api/snapshots').send({}).expect(400)).body, 'document');
    expectBadField((await api.post('/api/snapshots').send({ document: doc, baseline: [] }).expect(400)).body, 'body');
  });

  it('names the field of a bad rename, duplicate, id, format or option', async () => {
    const created = await save();
    expectBadField((await api.patch(`/api/snapshots/${created.id}`).send({}).expect(400)).body, 'title');
    expectBadField(
      (
        await api
          .patch(`/api/snapshots/${created.id}`)
          .send({ caption: 'x'.repeat(SNAPSHOT_LIMITS.captionMax + 1) })
          .expect(400)
      ).body,
      'caption',
    );
    expectBadField((await api.post(`/api/snapshots/${created.id}/duplicate`).send({ title: 7 }).expect(400)).body, 'title');
    expectBadField((await api.get('/api/snapshots/abc').expect(400)).body, 'id');
    expectBadField((await api.get('/api/snapshots/not%20an%20id!').expect(400)).body, 'id');
    expectBadField((await api.delete('/api/snapshots/abc').expect(400)).body, 'id');
    const unknown = await api.get('/api/snapshots/AAAAAAAAAAAAAAAA').expect(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expectBadField((await api.get(`/api/snapshots/${created.id}/export/pdf`).expect(400)).body, 'format');
    expectBadField((await api.get(`/api/snapshots/${created.id}/export/png`).query({ scale: 9 }).expect(400)).body, 'scale');
    expectBadField((await api.get(`/api/snapshots/${created.id}/export/png`).query({ scale: 'big' }).expect(400)).body, 'scale');
    expectBadField(
      (await api.get(`/api/snapshots/${created.id}/export/svg`).query({ background: 'black' }).expect(400)).body,
      'background',
    );
    expectBadField((await api.get(`/api/snapshots/${created.id}/export/svg`).query({ dpi: 300 }).expect(400)).body, 'dpi');
  });

  it('leaves a snapshot byte for byte as it was when a replace is refused', async () => {
    const created = await save();
    const before = await stored(created.id);
    const raw = (await api.get(`/api/snapshots/${created.id}`).expect(200)).text;
    const broken = {
      ...doc,
      elements: {
        ...doc.elements,
        edges: [
          ...doc.elements.edges,
          { ...doc.elements.edges[0]!, data: { ...doc.elements.edges[0]!.data, id: 'new', target: 'nobody--here' } },
        ],
      },
    };
    await api.put(`/api/snapshots/${created.id}`).send({ document: broken }).expect(400);
    await api.put(`/api/snapshots/${created.id}`).set('content-type', 'application/json').send('{"document": {').expect(400);
    expect((await api.get(`/api/snapshots/${created.id}`).expect(200)).text).toBe(raw);
    expect(await stored(created.id)).toEqual(before);
  });

  it('takes bodies up to its own limit, answers 413 past it, and keeps 1 MB elsewhere', async () => {
    // About 2 MB: past the rest of the API's limit, well within the snapshots'.
    const big = structuredClone(doc);
    big.elements.nodes[0]!.data.properties.longText = 'x'.repeat(2 * 1024 * 1024);
    const created = (await api.post('/api/snapshots').send({ document: big }).expect(201)).body as Snapshot;
    expect(created.document.elements.nodes[0]!.data.properties.longText).toHaveLength(2 * 1024 * 1024);
    await api.post('/api/export/json').send({ document: big }).expect(200);
    const elsewhere = await api
      .post('/api/expand')
      .send({ ids: ['state--russia'], pad: 'x'.repeat(2 * 1024 * 1024) })
      .expect(413);
    expect(elsewhere.body.error).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The request body is too large (at most 1 MB here).',
      field: 'body',
    });

    const before = (await api.get('/api/snapshots').expect(200)).body.snapshots.length;
    const huge = structuredClone(doc);
    huge.elements.nodes[0]!.data.properties.longText = 'x'.repeat(SNAPSHOT_LIMITS.bodyBytesMax);
    const res = await api.post('/api/snapshots').send({ document: huge }).expect(413);
    expect(res.body).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large (at most 16 MB here).', field: 'body' },
    });
    await api.put(`/api/snapshots/${created.id}`).send({ document: huge }).expect(413);
    await api.post('/api/export/png').send({ document: huge }).expect(413);
    expect((await api.get('/api/snapshots').expect(200)).body.snapshots.length).toBe(before);
  });
});

describe('GET /api/snapshots/:id/changes', () => {
  /** The threat data, apart from snapshots: other test files must find it as seeded. */
  async function threatData() {
    const [row] = await rows(
      db,
      'MATCH (n:Entity) WITH count(n) AS nodes CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels',
    );
    return row;
  }

  async function write(query: string, params: Record<string, unknown> = {}) {
    const result = await db.write((tx) => tx.run(query, params));
    return result.records.map((r) => r.toObject());
  }

  it('reports exactly the relationships and nodes added and removed around the view since it was saved', async () => {
    const before = await threatData();
    const [russia, other] = ['state--russia', doc.elements.nodes.find((n) => n.data.id !== 'state--russia')!.data.id];
    try {
      // Before the snapshot: a node that will go, tied to Russia, and a relationship that will go.
      const [going] = await write(
        `MATCH (r:Entity {id: $russia}), (o:Entity {id: $other})
         CREATE (g:Person:Entity {id: 'person--snapshot-fixture-going', name: 'Fixture going', snapshotFixture: true})
         CREATE (r)-[gr:EMPLOYS {sources: ['source--doj-2024-02-15-moobot'], confidence: 20, snapshotFixture: true}]->(g)
         CREATE (r)-[f:FUNDS {sources: ['source--doj-2024-02-15-moobot'], confidence: 10, snapshotFixture: true}]->(o)
         RETURN elementId(gr) AS goingRel, elementId(f) AS funds`,
        { russia, other },
      );
      const withGoing = viewDocumentSchema.parse(
        viewDocument({
          nodes: [...graph.nodes, { id: 'person--snapshot-fixture-going', label: 'Person', name: 'Fixture going', properties: {} }],
          edges: graph.edges,
        }),
      );
      const snapshot = await save(withGoing);
      const unchanged = (await api.get(`/api/snapshots/${snapshot.id}/changes`).expect(200)).body;
      expect(unchanged).toEqual({
        since: snapshot.createdAt,
        nodes: { added: [], removed: [] },
        relationships: { added: [], removed: [] },
        truncated: false,
      });

      // After: a new relationship with its source to a new node, one relationship deleted, one node deleted.
      const [added] = await write(
        `MATCH (r:Entity {id: $russia})
         CREATE (n:Person:Entity {id: 'person--snapshot-fixture-new', name: 'Fixture newcomer', snapshotFixture: true})
         CREATE (r)-[e:EMPLOYS {sources: ['source--doj-2024-02-15-moobot'], confidence: 60, snapshotFixture: true}]->(n)
         CREATE (r)-[:REPORTED_IN {snapshotFixture: true}]->(:Source:Entity {id: 'source--snapshot-fixture', name: 'Fixture source', snapshotFixture: true})
         RETURN elementId(e) AS rel`,
        { russia },
      );
      await write('MATCH ()-[f]->() WHERE elementId(f) = $funds DELETE f', { funds: going!.funds });
      await write("MATCH (g:Person {id: 'person--snapshot-fixture-going'}) DETACH DELETE g");

      const changes = (await api.get(`/api/snapshots/${snapshot.id}/changes`).expect(200)).body;
      expect(changes).toEqual({
        since: snapshot.createdAt,
        nodes: {
          added: [{ id: 'person--snapshot-fixture-new', label: 'Person', name: 'Fixture newcomer' }],
          removed: ['person--snapshot-fixture-going'],
        },
        relationships: {
          added: [{ id: added!.rel, type: 'EMPLOYS', from: russia, to: 'person--snapshot-fixture-new' }],
          removed: [going!.goingRel, going!.funds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
        },
        truncated: false,
      });

      // A rename or a new caption keeps the baseline, and so does a copy: "since" stays true.
      await api.patch(`/api/snapshots/${snapshot.id}`).send({ title: 'Renamed since' }).expect(200);
      await api.patch(`/api/snapshots/${snapshot.id}`).send({ caption: 'Recaptioned since' }).expect(200);
      expect((await api.get(`/api/snapshots/${snapshot.id}/changes`).expect(200)).body).toEqual(changes);
      const copy = (await api.post(`/api/snapshots/${snapshot.id}/duplicate`).send({}).expect(201)).body as Snapshot;
      expect((await api.get(`/api/snapshots/${copy.id}/changes`).expect(200)).body).toEqual(changes);
      await api.delete(`/api/snapshots/${copy.id}`).expect(204);

      // A replace takes a new baseline: nothing has changed since.
      const replaced = (await api.put(`/api/snapshots/${snapshot.id}`).send({ document: withGoing }).expect(200)).body as Snapshot;
      const fresh = (await api.get(`/api/snapshots/${snapshot.id}/changes`).expect(200)).body;
      expect(fresh).toEqual({
        since: replaced.updatedAt,
        nodes: { added: [], removed: [] },
        relationships: { added: [], removed: [] },
        truncated: false,
      });
    } finally {
      await write('MATCH ()-[r]->() WHERE r.snapshotFixture DELETE r');
      await write('MATCH (n) WHERE n.snapshotFixture DETACH DELETE n');
    }
    expect(await threatData()).toEqual(before);
  });
});

describe('what changed, past the baseline cap', () => {
  const rel = (id: string, to = 'person--b'): AroundRel => ({
    id,
    type: 'EMPLOYS',
    from: { id: 'state--a', name: 'A', labels: ['State', 'Entity'] },
    to: { id: to, name: 'B', labels: ['Entity', 'Person'] },
  });
  const around = (...ids: string[]) => ({ present: ['state--a', 'person--b'], rels: ids.map((id) => rel(id)) });
  const baseline = baselineOf(around('r01', 'r02', 'r03', 'r04', 'r05', 'r06', 'r07'), '2024-01-01T00:00:00.000Z', 5);

  it('keeps the first relationships by id and says it is truncated', () => {
    expect(baseline.baselineRels).toHaveLength(5);
    expect(baseline.baselineTruncated).toBe(true);
    expect(diff(baseline, around('r01', 'r02', 'r03', 'r04', 'r05', 'r06', 'r07'), ['state--a', 'person--b'], 5)).toMatchObject({
      relationships: { added: [], removed: [] },
      truncated: true,
    });
  });

  it('reports changes up to the last id both sides are complete to, and nothing past it', () => {
    // r02 gone, r04a new; r06 gone and r08 new lie past the cut, where nothing can be told.
    const later = diff(baseline, around('r01', 'r03', 'r04', 'r04a', 'r05', 'r07', 'r08'), ['state--a', 'person--b'], 5);
    expect(later.relationships).toEqual({ added: [{ id: 'r04a', type: 'EMPLOYS', from: 'state--a', to: 'person--b' }], removed: ['r02'] });
    // Many new relationships early in the order move the cut back: r05 can no longer be checked.
    const crowded = diff(baseline, around('r01', 'r01a', 'r01b', 'r03', 'r04', 'r05'), ['state--a', 'person--b'], 5);
    expect(crowded.relationships).toEqual({
      added: ['r01a', 'r01b'].map((id) => ({ id, type: 'EMPLOYS', from: 'state--a', to: 'person--b' })),
      removed: ['r02'],
    });
  });

  it('does not take a new relationship under an old id for the old one', () => {
    const whole = baselineOf(around('r01'), '2024-01-01T00:00:00.000Z');
    const reused = diff(whole, { present: ['state--a', 'person--b', 'person--c'], rels: [rel('r01', 'person--c')] }, [
      'state--a',
      'person--b',
    ]);
    expect(reused.relationships).toEqual({ added: [{ id: 'r01', type: 'EMPLOYS', from: 'state--a', to: 'person--c' }], removed: ['r01'] });
    expect(reused.nodes.added).toEqual([{ id: 'person--c', label: 'Person', name: 'B' }]);
  });
});

describe('GET /api/openapi.json', () => {
  it('describes the snapshot and export endpoints from the shared schemas', async () => {
    const { paths, components } = (await api.get('/api/openapi.json').expect(200)).body;
    for (const p of [
      '/api/snapshots',
      '/api/snapshots/{id}',
      '/api/snapshots/{id}/duplicate',
      '/api/snapshots/{id}/changes',
      '/api/snapshots/{id}/export/{format}',
      '/api/export/{format}',
    ]) {
      expect(paths[p], p).toBeDefined();
    }
    expect(paths['/api/snapshots'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/SaveSnapshotRequest',
    });
    expect(components.schemas.SaveSnapshotRequest.properties.document).toEqual({ $ref: '#/components/schemas/ViewDocument' });
    expect(components.schemas.ViewDocument.properties.elements.properties.nodes.maxItems).toBe(SNAPSHOT_LIMITS.nodesMax);
    expect(Object.keys(paths['/api/snapshots'].post.responses)).toContain('201');
    expect(paths['/api/snapshots'].post.responses['413']).toBeDefined();
    const formats = paths['/api/export/{format}'].post.parameters[0].schema.enum;
    expect(formats).toEqual(['png', 'svg', 'json', 'graphml', 'csv', 'html', 'stix']);
  });
});

describe('snapshots without Neo4j', () => {
  it('answers 503 on every endpoint that needs the database', async () => {
    const down = new Database({ uri: `bolt://127.0.0.1:${await freePort()}`, user: 'neo4j', password: 'x' });
    const offline = apiClient(down);
    try {
      const calls = [
        offline.get('/api/snapshots'),
        offline.post('/api/snapshots').send({ document: doc }),
        offline.get('/api/snapshots/AAAAAAAAAAAAAAAA'),
        offline.get('/api/snapshots/AAAAAAAAAAAAAAAA/changes'),
        offline.delete('/api/snapshots/AAAAAAAAAAAAAAAA'),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(503);
        expect(res.body.error.code).toBe('NEO4J_UNAVAILABLE');
      }
      // An unsaved view exports without the database.
      await offline.post('/api/export/json').send({ document: doc }).expect(200);
    } finally {
      await down.close();
    }
  });
});
