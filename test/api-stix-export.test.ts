// The STIX export endpoints over HTTP: a view (POST /api/export/stix), a saved snapshot
// (GET /api/snapshots/:id/export/stix) and a built-in query's whole result
// (POST /api/queries/:id/export/stix); unknown ids answer 404, an unknown format 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '@model/api.js';
import { viewDocumentSchema, type ViewDocument } from '@model/snapshot.js';
import { validateObject } from '../server/stix/validate.js';
import { apiClient, expectBadField } from './support/api.js';
import { testDatabase } from './support/database.js';
import { viewDocument } from './support/view-document.js';

const db = testDatabase();
const api = apiClient(db);
let graph: Graph;
let doc: ViewDocument;

beforeAll(async () => {
  const expanded = await api
    .post('/api/expand')
    .send({ ids: ['state--russia'], relTypes: ['DIRECTS'], direction: 'out', limit: 5 })
    .expect(200);
  const ids = ['state--russia', ...expanded.body.nodes.map((n: { id: string }) => n.id)];
  graph = (await api.post('/api/subgraph').send({ ids }).expect(200)).body;
  doc = viewDocumentSchema.parse(viewDocument(graph));
});
afterAll(() => db.close());

function bundleOf(text: string) {
  const bundle = JSON.parse(text) as { type: string; id: string; objects: Array<Record<string, unknown>> };
  expect(bundle.type).toBe('bundle');
  for (const [i, o] of bundle.objects.entries()) expect(validateObject(o, i)).toEqual([]);
  return bundle;
}

describe('STIX export endpoints', () => {
  it('exports the current view and a saved snapshot as the same valid bundle, named after the title', async () => {
    const view = await api.post('/api/export/stix').send({ document: doc }).expect(200);
    expect(view.headers['content-type']).toMatch(/application\/json/);
    expect(view.headers['content-disposition']).toMatch(/\.stix\.json"$/);
    const bundle = bundleOf(view.text);
    const ours = bundle.objects.map((o) => o.x_threat_network_id);
    for (const n of graph.nodes.filter((x) => x.label !== 'Source')) expect(ours).toContain(n.id);
    expect(bundle.objects.filter((o) => o.type === 'relationship').length).toBe(graph.edges.filter((e) => e.type !== 'REPORTED_IN').length);

    const saved = (await api.post('/api/snapshots').send({ document: doc }).expect(201)).body as { id: string };
    try {
      const snap = await api.get(`/api/snapshots/${saved.id}/export/stix`).expect(200);
      expect(snap.text).toBe(view.text);
    } finally {
      await api.delete(`/api/snapshots/${saved.id}`).set('Content-Type', 'application/json').expect(204);
    }
  });

  it("exports a built-in query's whole result with the parameters run takes", async () => {
    const { queries } = (await api.get('/api/queries').expect(200)).body as { queries: Array<{ id: string; cypher: string }> };
    const query = queries.find((q) => q.cypher.includes('campaign'))!;
    const run = (await api.post(`/api/queries/${query.id}/run`).send({ params: {} }).expect(200)).body as Graph;
    const res = await api.post(`/api/queries/${query.id}/export/stix`).send({ params: {} }).expect(200);
    const bundle = bundleOf(res.text);
    const ours = bundle.objects.map((o) => o.x_threat_network_id);
    for (const n of run.nodes.filter((x) => x.label !== 'Source')) expect(ours).toContain(n.id);
  });

  it('answers 400 naming the entity when the view holds what STIX cannot carry (a State without its country code)', async () => {
    const stateless = structuredClone(doc);
    const russia = stateless.elements.nodes.find((n) => n.data.id === 'state--russia')!;
    delete russia.data.properties.iso2;
    const res = await api.post('/api/export/stix').send({ document: stateless }).expect(400);
    expect(res.body.error.code).toBe('NOT_EXPORTABLE_AS_STIX');
    expect(res.body.error.message).toContain('state--russia (State) has no two-letter country code');
  });

  it('answers 404 for an unknown snapshot or query and 400 for an unknown format or bad parameters', async () => {
    await api.get('/api/snapshots/no-such-snapshot/export/stix').expect(404);
    await api.post('/api/queries/no-such-query/export/stix').send({ params: {} }).expect(404);
    expectBadField((await api.post('/api/export/stixx').send({ document: doc }).expect(400)).body, 'format');
    expectBadField((await api.get('/api/snapshots/no-such-snapshot/export/stix2').expect(400)).body, 'format');
    await api.post('/api/queries/no-such-query/export/xml').send({ params: {} }).expect(404);
  });
});
