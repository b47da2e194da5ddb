// Meta, search, node details, expand, subgraph and paths, checked against what the seed holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_LABELS, REL_TYPES } from '../model/graph-model.js';
import { readDataset, type Dataset } from '../seed/dataset.js';
import { apiClient, expectBadField } from './support/api.js';
import { rows, testDatabase } from './support/database.js';

const db = testDatabase();
const api = apiClient(db);
let dataset: Dataset;
beforeAll(async () => {
  dataset = await readDataset();
});
afterAll(() => db.close());

const neighbours = (id: string, types?: string[]) =>
  dataset.relationships.filter((r) => (r.from === id || r.to === id) && (!types || types.includes(r.type)));

describe('GET /api/meta', () => {
  it('lists every label and type with counts that match the seed', async () => {
    const res = await api.get('/api/meta').expect(200);
    expect(res.body.labels.map((l: { label: string }) => l.label)).toEqual([...NODE_LABELS]);
    for (const label of NODE_LABELS) {
      const entry = res.body.labels.find((l: { label: string }) => l.label === label);
      expect(entry.count, label).toBe(dataset.nodes.filter((n) => n.label === label).length);
      expect(entry.properties).toEqual(expect.arrayContaining(['id', 'name', 'summary']));
    }
    expect(res.body.relationshipTypes.map((t: { type: string }) => t.type)).toEqual([...REL_TYPES]);
    const uses = res.body.relationshipTypes.find((t: { type: string }) => t.type === 'USES');
    expect(uses.count).toBe(dataset.relationships.filter((r) => r.type === 'USES').length);
    expect(uses.from).toContain('ThreatActor');
    expect(res.body.relationshipTypes.find((t: { type: string }) => t.type === 'REPORTED_IN').derived).toBe(true);
    expect(res.body.limits.pathHopsMax).toBe(8);
  });
});

describe('GET /api/search', () => {
  it('finds by prefix and despite typos, ranked, with label, name and summary', async () => {
    for (const q of ['sandw', 'Sandwrm', 'seashel blizard', 'APT44']) {
      const res = await api.get('/api/search').query({ q }).expect(200);
      const ids = res.body.results.map((r: { id: string }) => r.id);
      expect(ids.slice(0, 3), q).toContain('threat-actor--seashell-blizzard');
    }
    // The actor ranks above the report whose title holds the same words.
    for (const q of ['sandw', 'Sandwrm', 'APT44']) {
      const res = await api.get('/api/search').query({ q }).expect(200);
      expect(res.body.results[0].id, q).toBe('threat-actor--seashell-blizzard');
      expect(res.body.results.some((r: { label: string }) => r.label === 'Source'), q).toBe(true);
    }
    const res = await api.get('/api/search').query({ q: 'star blizzard' }).expect(200);
    expect(res.body.results[0]).toMatchObject({ id: 'threat-actor--star-blizzard', label: 'ThreatActor', name: 'Star Blizzard' });
    expect(res.body.results[0].summary.length).toBeGreaterThan(0);
    expect(res.body.results[0].summary.length).toBeLessThanOrEqual(200);
    const scores = res.body.results.map((r: { score: number }) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('finds by id, filters by label and honours the limit', async () => {
    const byId = await api.get('/api/search').query({ q: 'election--us-2024-presidential' }).expect(200);
    expect(byId.body.results[0].id).toBe('election--us-2024-presidential');
    const sources = await api.get('/api/search').query({ q: 'russia', labels: 'Source' }).expect(200);
    expect(sources.body.results.length).toBeGreaterThan(0);
    expect(sources.body.results.every((r: { label: string }) => r.label === 'Source')).toBe(true);
    const two = await api.get('/api/search').query({ q: 'russia', limit: 2 }).expect(200);
    expect(two.body.results).toHaveLength(2);
    const dflt = await api.get('/api/search').query({ q: 'a' }).expect(200);
    expect(dflt.body.results.length).toBeLessThanOrEqual(20);
  });

  it('treats Lucene syntax as plain words', async () => {
    for (const q of ['*:*', 'name:(x', '"unbalanced', 'AND OR NOT', '~~~', '\\']) {
      await api.get('/api/search').query({ q }).expect(200);
    }
  });

  it('names the bad field', async () => {
    expectBadField((await api.get('/api/search').expect(400)).body, 'q');
    expectBadField((await api.get('/api/search').query({ q: '   ' }).expect(400)).body, 'q');
    expectBadField((await api.get('/api/search').query({ q: 'x', limit: 0 }).expect(400)).body, 'limit');
    expectBadField((await api.get('/api/search').query({ q: 'x', limit: 'ten' }).expect(400)).body, 'limit');
    expectBadField((await api.get('/api/search').query({ q: 'x', limit: 101 }).expect(400)).body, 'limit');
    expectBadField((await api.get('/api/search').query({ q: 'x', labels: 'State,Spy' }).expect(400)).body, 'labels.1');
    expectBadField((await api.get('/api/search').query({ q: 'x'.repeat(201) }).expect(400)).body, 'q');
  });
});

describe('GET /api/nodes/:id', () => {
  it('returns all properties, degrees per type and direction, and the sources that mention it', async () => {
    const id = 'threat-actor--star-blizzard';
    const res = await api.get(`/api/nodes/${id}`).expect(200);
    const seeded = dataset.nodes.find((n) => n.props.id === id)!;
    expect(res.body.node).toMatchObject({ id, label: 'ThreatActor', name: seeded.props.name });
    expect(res.body.node.properties).toMatchObject({ summary: seeded.props.summary, aliases: seeded.props.aliases });
    const own = neighbours(id);
    const outUses = own.filter((r) => r.from === id && r.type === 'ATTRIBUTED_TO').length;
    if (outUses > 0) expect(res.body.degrees).toContainEqual({ type: 'ATTRIBUTED_TO', direction: 'out', count: outUses });
    const total = res.body.degrees
      .filter((d: { type: string }) => d.type !== 'REPORTED_IN')
      .reduce((s: number, d: { count: number }) => s + d.count, 0);
    expect(total).toBe(own.length);
    const cited = new Set(own.flatMap((r) => r.sources));
    expect(res.body.sources.map((s: { id: string }) => s.id).sort()).toEqual([...cited].sort());
    expect(res.body.sources[0]).toEqual(expect.objectContaining({ id: expect.any(String), title: expect.any(String), publisher: expect.any(String) }));
  });

  it('answers 404 for an unknown id', async () => {
    const res = await api.get('/api/nodes/state--atlantis').expect(404);
    expect(res.body.error).toEqual({ code: 'NOT_FOUND', message: 'No node with id "state--atlantis"', field: 'id' });
  });
});

describe('POST /api/expand', () => {
  it("returns the neighbours with each link's evidence, and totals per type", async () => {
    const id = 'state--russia';
    const res = await api.post('/api/expand').send({ ids: [id], limit: 500 }).expect(200);
    const expected = neighbours(id);
    expect(res.body.edges).toHaveLength(expected.length);
    expect(res.body.total).toBe(expected.length);
    expect(res.body.hasMore).toBe(false);
    const edge = res.body.edges.find((e: { id: string }) => e.id === expected[0]!.id);
    expect(edge.evidence).toMatchObject({ sources: expected[0]!.sources, confidence: expected[0]!.confidence });
    // The evidence is sent once, under `evidence`, not again among the properties.
    for (const key of ['sources', 'quote', 'summary', 'firstSeen', 'lastSeen', 'confidence']) expect(edge.properties).not.toHaveProperty(key);
    expect(res.body.nodes.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining([id, expected[0]!.from, expected[0]!.to]));
    for (const { type, count } of res.body.totals) expect(count, type).toBe(expected.filter((r) => r.type === type).length);
    // REPORTED_IN only when asked for.
    expect(res.body.edges.some((e: { type: string }) => e.type === 'REPORTED_IN')).toBe(false);
    const reported = await api.post('/api/expand').send({ ids: [id], relTypes: ['REPORTED_IN'] }).expect(200);
    expect(reported.body.nodes.filter((n: { label: string }) => n.label === 'Source').length).toBeGreaterThan(0);
  });

  it('pages without gaps or repeats', async () => {
    const id = 'state--russia';
    const all = neighbours(id).length;
    const seen: string[] = [];
    for (let skip = 0; skip < all; skip += 4) {
      const page = await api.post('/api/expand').send({ ids: [id], limit: 4, skip }).expect(200);
      seen.push(...page.body.edges.map((e: { id: string }) => e.id));
      expect(page.body.hasMore).toBe(skip + 4 < all);
    }
    expect(new Set(seen).size).toBe(all);
    expect(seen).toHaveLength(all);
  });

  it('filters by type, direction, label, confidence and date', async () => {
    const id = 'state--russia';
    const directs = await api.post('/api/expand').send({ ids: [id], relTypes: ['DIRECTS'], direction: 'out' }).expect(200);
    const expected = dataset.relationships.filter((r) => r.from === id && r.type === 'DIRECTS');
    expect(directs.body.edges.map((e: { to: string }) => e.to).sort()).toEqual(expected.map((r) => r.to).sort());
    expect(directs.body.nodes.map((n: { id: string }) => n.id)).toContain('threat-actor--gru');

    const incoming = await api.post('/api/expand').send({ ids: [id], direction: 'in' }).expect(200);
    expect(incoming.body.edges.every((e: { to: string }) => e.to === id)).toBe(true);

    const actors = await api.post('/api/expand').send({ ids: [id], labels: ['ThreatActor'] }).expect(200);
    const actorIds = new Set(dataset.nodes.filter((n) => n.label === 'ThreatActor').map((n) => n.props.id));
    expect(actors.body.edges.every((e: { from: string; to: string }) => actorIds.has(e.from === id ? e.to : e.from))).toBe(true);

    const sure = await api.post('/api/expand').send({ ids: [id], minConfidence: 90 }).expect(200);
    expect(sure.body.edges.length).toBe(neighbours(id).filter((r) => r.confidence >= 90).length);

    const in2024 = await api.post('/api/expand').send({ ids: [id], from: '2024-01', to: '2024-12' }).expect(200);
    for (const e of in2024.body.edges as Array<{ evidence: { firstSeen?: string; lastSeen?: string } }>) {
      const start = e.evidence.firstSeen ?? e.evidence.lastSeen!;
      const end = e.evidence.lastSeen ?? e.evidence.firstSeen!;
      expect(start <= '2024-12-31' && end.padEnd(10, '9') >= '2024-01-01').toBe(true);
    }
  });

  it('answers 404 for unknown ids and 400 naming each bad field', async () => {
    const missing = await api.post('/api/expand').send({ ids: ['state--russia', 'state--atlantis'] }).expect(404);
    expect(missing.body.error.message).toContain('"state--atlantis"');
    const bad: Array<[unknown, string]> = [
      [{}, 'ids'],
      [{ ids: [] }, 'ids'],
      [{ ids: 'state--russia' }, 'ids'],
      [{ ids: [''] }, 'ids.0'],
      [{ ids: Array.from({ length: 51 }, (_, i) => `state--x${i}`) }, 'ids'],
      [{ ids: ['state--russia'], limit: 0 }, 'limit'],
      [{ ids: ['state--russia'], limit: 501 }, 'limit'],
      [{ ids: ['state--russia'], skip: -1 }, 'skip'],
      [{ ids: ['state--russia'], direction: 'up' }, 'direction'],
      [{ ids: ['state--russia'], relTypes: ['LIKES'] }, 'relTypes.0'],
      [{ ids: ['state--russia'], labels: ['Spy'] }, 'labels.0'],
      [{ ids: ['state--russia'], minConfidence: 101 }, 'minConfidence'],
      [{ ids: ['state--russia'], from: '2024-13' }, 'from'],
      [{ ids: ['state--russia'], from: '2024', to: '2023' }, 'to'],
      [{ ids: ['state--russia'], colour: 'red' }, 'body'],
    ];
    for (const [body, field] of bad) expectBadField((await api.post('/api/expand').send(body as object).expect(400)).body, field);
  });
});

describe('POST /api/subgraph', () => {
  it('returns the relationships among the ids and lists ids no longer there', async () => {
    const ids = ['state--russia', 'threat-actor--gru', 'threat-actor--fsb', 'threat-actor--star-blizzard', 'state--atlantis'];
    const res = await api.post('/api/subgraph').send({ ids }).expect(200);
    const expected = dataset.relationships.filter((r) => ids.includes(r.from) && ids.includes(r.to));
    expect(res.body.edges.map((e: { id: string }) => e.id).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(res.body.nodes).toHaveLength(4);
    expect(res.body.missing).toEqual(['state--atlantis']);
    expectBadField((await api.post('/api/subgraph').send({ ids: [] }).expect(400)).body, 'ids');
  });
});

describe('POST /api/paths', () => {
  it('answers "how is Iran connected to the 2024 US election?" in one call, with evidence on every hop', async () => {
    const res = await api.post('/api/paths').send({ from: 'state--iran', to: 'election--us-2024-presidential' }).expect(200);
    expect(res.body.paths).toHaveLength(1);
    const [path] = res.body.paths;
    expect(path.nodes[0]).toBe('state--iran');
    expect(path.nodes.at(-1)).toBe('election--us-2024-presidential');
    expect(path.edges).toHaveLength(path.length);
    for (const edgeId of path.edges) {
      const edge = res.body.edges.find((e: { id: string }) => e.id === edgeId);
      expect(edge.evidence.sources.length).toBeGreaterThan(0);
      expect(edge.evidence.confidence).toBeGreaterThanOrEqual(0);
    }
    // Same length as Neo4j's own answer.
    const [direct] = await rows(
      db,
      "MATCH p = shortestPath((:Entity {id: 'state--iran'})-[*..4]-(:Entity {id: 'election--us-2024-presidential'})) WHERE none(r IN relationships(p) WHERE type(r) = 'REPORTED_IN') RETURN length(p) AS n",
    );
    expect(path.length).toBe(Number(direct!.n));
  });

  it('lists all shortest paths, or up to k simple paths shortest first', async () => {
    const all = await api.post('/api/paths').send({ from: 'state--russia', to: 'state--united-states', mode: 'allShortest' }).expect(200);
    expect(all.body.paths.length).toBeGreaterThanOrEqual(1);
    expect(new Set(all.body.paths.map((p: { length: number }) => p.length)).size).toBe(1);

    const k = await api.post('/api/paths').send({ from: 'state--russia', to: 'state--united-states', mode: 'k', k: 5, maxHops: 4 }).expect(200);
    expect(k.body.paths.length).toBeGreaterThan(1);
    expect(k.body.paths.length).toBeLessThanOrEqual(5);
    const lengths = k.body.paths.map((p: { length: number }) => p.length);
    expect([...lengths].sort((a, b) => a - b)).toEqual(lengths);
    expect(lengths[0]).toBe(all.body.paths[0].length);
    for (const p of k.body.paths) {
      expect(new Set(p.nodes).size).toBe(p.nodes.length);
      expect(p.length).toBeLessThanOrEqual(4);
    }
  });

  it('respects relationship types, excluded labels and the hop limit', async () => {
    const only = await api.post('/api/paths').send({ from: 'state--russia', to: 'threat-actor--gru', relTypes: ['DIRECTS'], maxHops: 1 }).expect(200);
    expect(only.body.paths[0].length).toBe(1);
    const none = await api.post('/api/paths').send({ from: 'state--russia', to: 'state--iran', relTypes: ['TESTIFIED_BEFORE'] }).expect(200);
    expect(none.body.paths).toEqual([]);
    const avoid = await api
      .post('/api/paths')
      .send({ from: 'state--iran', to: 'election--us-2024-presidential', mode: 'k', k: 10, excludeLabels: ['Campaign'] })
      .expect(200);
    const campaigns = new Set(dataset.nodes.filter((n) => n.label === 'Campaign').map((n) => n.props.id));
    for (const p of avoid.body.paths) expect(p.nodes.some((n: string) => campaigns.has(n))).toBe(false);
  });

  it('answers 404 for unknown ends and 400 naming each bad field', async () => {
    const missing = await api.post('/api/paths').send({ from: 'state--iran', to: 'state--atlantis' }).expect(404);
    expect(missing.body.error.field).toBe('to');
    const bad: Array<[unknown, string]> = [
      [{ to: 'state--iran' }, 'from'],
      [{ from: 'state--iran' }, 'to'],
      [{ from: 'state--iran', to: 'state--iran' }, 'to'],
      [{ from: 'state--iran', to: 'state--russia', maxHops: 9 }, 'maxHops'],
      [{ from: 'state--iran', to: 'state--russia', maxHops: 0 }, 'maxHops'],
      [{ from: 'state--iran', to: 'state--russia', maxHops: 2.5 }, 'maxHops'],
      [{ from: 'state--iran', to: 'state--russia', mode: 'longest' }, 'mode'],
      [{ from: 'state--iran', to: 'state--russia', mode: 'k', k: 11 }, 'k'],
      [{ from: 'state--iran', to: 'state--russia', excludeLabels: ['Nope'] }, 'excludeLabels.0'],
    ];
    for (const [body, field] of bad) expectBadField((await api.post('/api/paths').send(body as object).expect(400)).body, field);
  });
});
