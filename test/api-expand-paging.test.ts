// Paging a hub's one label and type (what a group node's "+N more" continues): the total counts
// every matching relationship in the seed, and the next page is disjoint from the first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset, type Dataset } from '../seed/dataset.js';
import { apiClient } from './support/api.js';
import { testDatabase } from './support/database.js';

const db = testDatabase();
const api = apiClient(db);
let dataset: Dataset;
beforeAll(async () => {
  dataset = await readDataset();
});
afterAll(() => db.close());

const HUB = 'organization--us-doj';

describe('POST /api/expand, a hub a page at a time under one label and type', () => {
  it('gives the total besides the page, and a next page with none of the first', async () => {
    const labelOf = new Map(dataset.nodes.map((n) => [n.props.id, n.label]));
    const expected = dataset.relationships.filter((r) => r.from === HUB && r.type === 'INDICTED' && labelOf.get(r.to) === 'Person');
    // A hub: more than two pages of five.
    expect(expected.length).toBeGreaterThan(10);
    const body = { ids: [HUB], relTypes: ['INDICTED'], labels: ['Person'], direction: 'out', limit: 5 };
    const first = await api
      .post('/api/expand')
      .send({ ...body, skip: 0 })
      .expect(200);
    const second = await api
      .post('/api/expand')
      .send({ ...body, skip: 5 })
      .expect(200);
    for (const page of [first, second]) {
      expect(page.body.total).toBe(expected.length);
      expect(page.body.hasMore).toBe(true);
      expect(page.body.edges).toHaveLength(5);
    }
    const ids = (page: typeof first) => page.body.edges.map((e: { id: string }) => e.id) as string[];
    expect(ids(second).filter((id) => ids(first).includes(id))).toEqual([]);
    const people = (page: typeof first) => page.body.edges.map((e: { to: string }) => e.to) as string[];
    for (const to of [...people(first), ...people(second)]) expect(expected.map((r) => r.to)).toContain(to);
  });
});
