// Meta, search, node details, expand, subgraph and paths, checked against what the seed holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_LABELS, REL_TYPES } from '@model/graph-model.js';
import { publishedDates, readDataset, reportedAt, type Dataset } from '../seed/dataset.js';
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
      // A label with no node (Technique before any import) has no properties to list.
      if (entry.count > 0) expect(entry.properties).toEqual(expect.arrayContaining(['id', 'name', 'summary']));
      else expect(entry.properties).toEqual([]);
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
      expect(
        res.body.results.some((r: { label: string }) => r.label === 'Source'),
        q,
      ).toBe(true);
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
    // Syntax around a word: the word is still found, as if typed alone. (Letters are words:
    // "name:(x" searches for "name" and "x".)
    const plain = (await api.get('/api/search').query({ q: 'sandworm' }).expect(200)).body.results.map((r: { id: string }) => r.id);
    expect(plain).toContain('threat-actor--seashell-blizzard');
    for (const q of ['(sandworm)', '"sandworm', 'sandworm~~~', 'sandworm\\', '+sandworm -', 'sandworm*', '{sandworm]']) {
      const res = await api.get('/api/search').query({ q }).expect(200);
      expect(
        res.body.results.map((r: { id: string }) => r.id),
        q,
      ).toEqual(plain);
    }
    // Syntax alone is no words at all: nothing found (not everything, as *:* would in Lucene).
    for (const q of ['*:*', '~~~', '\\', '()']) {
      expect((await api.get('/api/search').query({ q }).expect(200)).body.results, q).toEqual([]);
    }
  });

  it('names the bad field', async () => {
    expectBadField((await api.get('/api/search').expect(400)).body, 'q');
    expectBadField((await api.get('/api/search').query({ q: '   ' }).expect(400)).body, 'q');
    expectBadField((await api.get('/api/search').query({ q: 'x', limit: 0 }).expect(400)).body, 'limit');
    expectBadField((await api.get('/api/search').query({ q: 'x', limit: 'ten' }).expect(400)).body, 'limit');
    expectBadField((await api.get('/api/search').query({ q: 'x', limit: 101 }).expect(400)).body, 'limit');
    expectBadField((await api.get('/api/search').query({ q: 'x', labels: 'State,Spy' }).expect(400)).body, 'labels.1');
    expectBadField(
      (
        await api
          .get('/api/search')
          .query({ q: 'x'.repeat(201) })
          .expect(400)
      ).body,
      'q',
    );
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
    expect(outUses, 'the seed attributes Star Blizzard').toBeGreaterThan(0);
    expect(res.body.degrees).toContainEqual({ type: 'ATTRIBUTED_TO', direction: 'out', count: outUses });
    const total = res.body.degrees
      .filter((d: { type: string }) => d.type !== 'REPORTED_IN')
      .reduce((s: number, d: { count: number }) => s + d.count, 0);
    expect(total).toBe(own.length);
    const cited = new Set(own.flatMap((r) => r.sources));
    expect(res.body.sources.map((s: { id: string }) => s.id).sort()).toEqual([...cited].sort());
    expect(res.body.sources[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), title: expect.any(String), publisher: expect.any(String) }),
    );
  });

  it('returns the sources a summary names, in their order, with title, publisher, date, url and verified', async () => {
    const sourceProps = new Map(dataset.nodes.filter((n) => n.label === 'Source').map((n) => [n.props.id, n.props]));
    const named = dataset.nodes.filter((n) => Array.isArray(n.props.summarySources) && n.props.summarySources.length > 0);
    expect(named.length, 'the seed names sources for some summaries').toBeGreaterThan(0);
    const node = named.find((n) => (n.props.summarySources as string[]).length > 1) ?? named[0]!;
    const res = await api.get(`/api/nodes/${node.props.id}`).expect(200);
    expect(res.body.summarySources).toEqual(
      (node.props.summarySources as string[]).map((id) => {
        const p = sourceProps.get(id)!;
        return {
          id,
          title: p.title,
          publisher: p.publisher,
          published: p.published,
          ...(p.url === null ? {} : { url: p.url }),
          sourceType: p.sourceType,
          verified: p.verified,
        };
      }),
    );
    const without = dataset.nodes.find((n) => n.label !== 'Source' && n.props.summarySources === undefined);
    if (without) expect((await api.get(`/api/nodes/${without.props.id}`).expect(200)).body.summarySources).toEqual([]);
  });

  it('answers 404 for an unknown id', async () => {
    const res = await api.get('/api/nodes/state--atlantis').expect(404);
    expect(res.body.error).toEqual({ code: 'NOT_FOUND', message: 'No node with id "state--atlantis"', field: 'id' });
  });
});

describe('POST /api/expand', () => {
  it("returns the neighbours with each link's evidence, and totals per type", async () => {
    const id = 'state--russia';
    const res = await api
      .post('/api/expand')
      .send({ ids: [id], limit: 500 })
      .expect(200);
    const expected = neighbours(id);
    expect(res.body.edges).toHaveLength(expected.length);
    expect(res.body.total).toBe(expected.length);
    expect(res.body.hasMore).toBe(false);
    const edge = res.body.edges.find((e: { id: string }) => e.id === expected[0]!.id);
    expect(edge.evidence).toMatchObject({ sources: expected[0]!.sources, confidence: expected[0]!.confidence });
    // Every edge carries the day its earliest source was published.
    const published = publishedDates(dataset.nodes);
    for (const e of res.body.edges as Array<{ id: string; evidence: { sources: string[]; reportedAt?: string } }>) {
      expect(e.evidence.reportedAt, e.id).toBe(reportedAt(e.evidence.sources, published));
      expect(e.evidence.reportedAt, e.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // The evidence is sent once, under `evidence`, not again among the properties.
    for (const key of ['sources', 'quote', 'summary', 'firstSeen', 'lastSeen', 'reportedAt', 'confidence'])
      expect(edge.properties).not.toHaveProperty(key);
    expect(res.body.nodes.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining([id, expected[0]!.from, expected[0]!.to]));
    expect(res.body.totals.map((t: { type: string }) => t.type).sort()).toEqual([...new Set(expected.map((r) => r.type))].sort());
    for (const { type, count } of res.body.totals) expect(count, type).toBe(expected.filter((r) => r.type === type).length);
    // REPORTED_IN only when asked for.
    expect(res.body.edges.some((e: { type: string }) => e.type === 'REPORTED_IN')).toBe(false);
    const reported = await api
      .post('/api/expand')
      .send({ ids: [id], relTypes: ['REPORTED_IN'] })
      .expect(200);
    expect(reported.body.nodes.filter((n: { label: string }) => n.label === 'Source').length).toBeGreaterThan(0);
  });

  it('pages without gaps or repeats', async () => {
    const id = 'state--russia';
    const all = neighbours(id).length;
    const seen: string[] = [];
    for (let skip = 0; skip < all; skip += 4) {
      const page = await api
        .post('/api/expand')
        .send({ ids: [id], limit: 4, skip })
        .expect(200);
      seen.push(...page.body.edges.map((e: { id: string }) => e.id));
      expect(page.body.hasMore).toBe(skip + 4 < all);
    }
    expect(new Set(seen).size).toBe(all);
    expect(seen).toHaveLength(all);
  });

  it('filters by type, direction, label, confidence and date', async () => {
    const id = 'state--russia';
    const directs = await api
      .post('/api/expand')
      .send({ ids: [id], relTypes: ['DIRECTS'], direction: 'out' })
      .expect(200);
    const expected = dataset.relationships.filter((r) => r.from === id && r.type === 'DIRECTS');
    expect(directs.body.edges.map((e: { to: string }) => e.to).sort()).toEqual(expected.map((r) => r.to).sort());
    expect(directs.body.nodes.map((n: { id: string }) => n.id)).toContain('threat-actor--gru');

    const ids = (edges: Array<{ id: string }>) => edges.map((e) => e.id).sort();
    const incoming = await api
      .post('/api/expand')
      .send({ ids: [id], direction: 'in', limit: 500 })
      .expect(200);
    const expectedIncoming = neighbours(id).filter((r) => r.to === id);
    expect(expectedIncoming.length).toBeGreaterThan(0);
    expect(ids(incoming.body.edges)).toEqual(ids(expectedIncoming));

    const actors = await api
      .post('/api/expand')
      .send({ ids: [id], labels: ['ThreatActor'], limit: 500 })
      .expect(200);
    const actorIds = new Set(dataset.nodes.filter((n) => n.label === 'ThreatActor').map((n) => n.props.id));
    const expectedActors = neighbours(id).filter((r) => actorIds.has(r.from === id ? r.to : r.from));
    expect(expectedActors.length).toBeGreaterThan(0);
    expect(ids(actors.body.edges)).toEqual(ids(expectedActors));

    const sure = await api
      .post('/api/expand')
      .send({ ids: [id], minConfidence: 90 })
      .expect(200);
    expect(sure.body.edges.length).toBe(neighbours(id).filter((r) => r.confidence >= 90).length);
  });

  it('keeps exactly the relationships whose dates overlap the window, partial dates included', async () => {
    // The US Department of Justice: dozens of dated indictments and seizures, a few links without
    // an event date, placed at the day they were first reported.
    const id = 'organization--us-doj';
    const all = neighbours(id);
    const published = publishedDates(dataset.nodes);
    const byReport = all.filter((r) => r.firstSeen === undefined && r.lastSeen === undefined);
    expect(byReport.length, 'some links have no event date').toBeGreaterThan(0);
    // A partial date covers its whole month or year: its earliest and latest days.
    const earliest = (d: string) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
    const latest = (d: string) => (d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d);
    const overlaps = (r: (typeof all)[number], from: string, to: string) => {
      const start = (r.firstSeen ?? r.lastSeen ?? reportedAt(r.sources, published))!;
      const end = (r.lastSeen ?? r.firstSeen ?? reportedAt(r.sources, published))!;
      return earliest(start) <= latest(to) && latest(end) >= earliest(from);
    };
    for (const [from, to] of [
      ['2024-01', '2024-06'],
      ['2020', '2021-11-18'],
      ['2024-09-05', '2024-09-05'],
    ] as const) {
      const expected = all
        .filter((r) => overlaps(r, from, to))
        .map((r) => r.id)
        .sort();
      // The window keeps some links and drops others.
      expect(expected.length, `${from}..${to}`).toBeGreaterThan(0);
      expect(expected.length, `${from}..${to}`).toBeLessThan(all.length);
      const res = await api
        .post('/api/expand')
        .send({ ids: [id], from, to, limit: 500 })
        .expect(200);
      expect(res.body.edges.map((e: { id: string }) => e.id).sort(), `${from}..${to}`).toEqual(expected);
      // Only one bound: everything from (or up to) that date.
      const since = await api
        .post('/api/expand')
        .send({ ids: [id], from, limit: 500 })
        .expect(200);
      expect(since.body.edges.map((e: { id: string }) => e.id).sort(), `from ${from}`).toEqual(
        all
          .filter((r) => overlaps(r, from, '9999'))
          .map((r) => r.id)
          .sort(),
      );
      const until = await api
        .post('/api/expand')
        .send({ ids: [id], to, limit: 500 })
        .expect(200);
      expect(until.body.edges.map((e: { id: string }) => e.id).sort(), `to ${to}`).toEqual(
        all
          .filter((r) => overlaps(r, '0000', to))
          .map((r) => r.id)
          .sort(),
      );
    }
    // A link without an event date is kept by a window holding its reported date, dropped by one that does not.
    const reported = byReport.map((r) => [r.id, reportedAt(r.sources, published)!] as const);
    for (const [rid, day] of reported) {
      const on = await api
        .post('/api/expand')
        .send({ ids: [id], from: day, to: day, limit: 500 })
        .expect(200);
      expect(
        on.body.edges.map((e: { id: string }) => e.id),
        `${rid} on ${day}`,
      ).toContain(rid);
      const before = await api
        .post('/api/expand')
        .send({ ids: [id], to: `${Number(day.slice(0, 4)) - 1}`, limit: 500 })
        .expect(200);
      expect(
        before.body.edges.map((e: { id: string }) => e.id),
        `${rid} before ${day}`,
      ).not.toContain(rid);
    }
  });

  it('answers 404 for unknown ids and 400 naming each bad field', async () => {
    const missing = await api
      .post('/api/expand')
      .send({ ids: ['state--russia', 'state--atlantis'] })
      .expect(404);
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
    for (const [body, field] of bad)
      expectBadField(
        (
          await api
            .post('/api/expand')
            .send(body as object)
            .expect(400)
        ).body,
        field,
      );
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

    const k = await api
      .post('/api/paths')
      .send({ from: 'state--russia', to: 'state--united-states', mode: 'k', k: 5, maxHops: 4 })
      .expect(200);
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
    const only = await api
      .post('/api/paths')
      .send({ from: 'state--russia', to: 'threat-actor--gru', relTypes: ['DIRECTS'], maxHops: 1 })
      .expect(200);
    expect(only.body.paths[0].length).toBe(1);
    const none = await api
      .post('/api/paths')
      .send({ from: 'state--russia', to: 'state--iran', relTypes: ['TESTIFIED_BEFORE'] })
      .expect(200);
    expect(none.body.paths).toEqual([]);
    const avoid = await api
      .post('/api/paths')
      .send({ from: 'state--iran', to: 'election--us-2024-presidential', mode: 'k', k: 10, excludeLabels: ['Campaign'] })
      .expect(200);
    const campaigns = new Set(dataset.nodes.filter((n) => n.label === 'Campaign').map((n) => n.props.id));
    expect(avoid.body.paths.length).toBeGreaterThan(0);
    for (const p of avoid.body.paths) expect(p.nodes.some((n: string) => campaigns.has(n))).toBe(false);
    // Without the exclusion, some of the k shortest paths do go through a campaign.
    const through = await api
      .post('/api/paths')
      .send({ from: 'state--iran', to: 'election--us-2024-presidential', mode: 'k', k: 10 })
      .expect(200);
    expect(through.body.paths.some((p: { nodes: string[] }) => p.nodes.some((n) => campaigns.has(n)))).toBe(true);

    // The hop limit: a pair whose shortest path is three hops or more has no path within one hop
    // fewer, and has it within exactly that many.
    const far = await api.post('/api/paths').send({ from: 'state--north-korea', to: 'state--iran', maxHops: 6 }).expect(200);
    expect(far.body.paths.length).toBeGreaterThan(0);
    const hops: number = far.body.paths[0].length;
    expect(hops).toBeGreaterThanOrEqual(3);
    for (const mode of ['shortest', 'allShortest', 'k'] as const) {
      const short = await api
        .post('/api/paths')
        .send({ from: 'state--north-korea', to: 'state--iran', mode, maxHops: hops - 1 })
        .expect(200);
      expect(short.body.paths, `${mode}, maxHops ${hops - 1}`).toEqual([]);
      const exact = await api.post('/api/paths').send({ from: 'state--north-korea', to: 'state--iran', mode, maxHops: hops }).expect(200);
      expect(exact.body.paths.length, `${mode}, maxHops ${hops}`).toBeGreaterThan(0);
      for (const p of exact.body.paths) expect(p.length).toBeLessThanOrEqual(hops);
    }
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
    for (const [body, field] of bad)
      expectBadField(
        (
          await api
            .post('/api/paths')
            .send(body as object)
            .expect(400)
        ).body,
        field,
      );
  });
});
