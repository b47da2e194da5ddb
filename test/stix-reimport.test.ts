// Importing a STIX bundle again, against the test run's Neo4j holding the seed: a generated bundle
// of 300 relationships (bench/stix-bundle.ts) imported once, then again unchanged (nothing may
// reach the commit transaction, and the graph stays the same to the property), then with one
// relationship's `modified` newer (exactly that relationship and the REPORTED_IN citing it change).
// The last step removes what the imports wrote and checks that the seeded graph is back.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBundle, NEWER, withNewerRelationships } from '../bench/stix-bundle.js';
import { applySchema } from '../server/db/schema.js';
import { readExistingEntities } from '../server/stix/existing.js';
import { plan, readValidBundle } from '../server/stix/import.js';
import { buildRows, importBundle, withoutUnchanged, writeRows, type WriteRows } from '../server/stix/write.js';
import { rows, testDatabase } from './support/database.js';
import { graphState, type GraphState } from './support/graph-state.js';
import { restoreSeededGraph } from './support/remove-imports.js';

const RELS = 300;
const db = testDatabase();
let seeded: GraphState;
let dir: string;
let file: string;

/** The rows an import of this file would write, planned against the graph as it is now. */
async function plannedRows(bundle: string): Promise<WriteRows> {
  const existing = await readExistingEntities(db);
  return buildRows(plan(await readValidBundle(bundle), existing), existing);
}

const rowsOf = (r: WriteRows, type: 'USES' | 'REPORTED_IN') => r.relationships.get(type) ?? [];

/** Every relationship of the graph by its ends and type, with its properties as JSON. */
async function relationships(): Promise<Map<string, string>> {
  const found = await rows(db, 'MATCH (a)-[r]->(b) RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props');
  return new Map(found.map((r) => [`${String(r.from)} ${String(r.type)} ${String(r.to)}`, JSON.stringify(r.props)]));
}

beforeAll(async () => {
  await applySchema(db);
  seeded = await graphState(db);
  dir = await mkdtemp(path.join(tmpdir(), 'stix-reimport-'));
  file = path.join(dir, 'bundle.json');
  // 20 references for 300 relationships: most REPORTED_IN cite several relationships.
  await generateBundle(file, RELS, { name: 'Reimport Test', refs: 20 });
  const first = await importBundle(db, await readValidBundle(file));
  expect(first.written.relationships).toBe(RELS);
});

afterAll(() => restoreSeededGraph(db, seeded, dir));

describe('importing the same generated bundle again', () => {
  it('sends no row to the commit when nothing changed, says so in its counts, and leaves the graph as it was', async () => {
    const before = await graphState(db);
    const planned = await plannedRows(file);
    // Every relationship now joins two existing entities: all would be MERGEd in the commit.
    expect(rowsOf(planned, 'USES')).toHaveLength(RELS);
    expect(rowsOf(planned, 'USES').every((r) => !r.fresh)).toBe(true);
    const reportedIn = rowsOf(planned, 'REPORTED_IN').length;
    expect(reportedIn).toBeGreaterThan(0);

    const left = await withoutUnchanged(db, planned);
    expect(left.rows.update).toEqual([]);
    for (const [type, list] of left.rows.relationships) expect(list, type).toEqual([]);
    expect(left.unchanged).toEqual({ entities: planned.update.length, relationships: RELS, reportedIn });

    const written = await writeRows(db, planned);
    expect(written).toMatchObject({
      created: 0,
      updated: 0,
      relationships: 0,
      reportedIn: 0,
      unchanged: { entities: planned.update.length, relationships: RELS, reportedIn },
      // Neo4j's own counters of the commit's statements: not one property set.
      commitUpdates: 0,
    });
    expect(await graphState(db)).toEqual(before);
  });

  it('updates exactly the one relationship whose modified is newer, and the REPORTED_IN citing it', async () => {
    const newerFile = path.join(dir, 'newer.json');
    const [touched] = await withNewerRelationships(file, newerFile, 1);
    const planned = await plannedRows(newerFile);
    // What must change, from the rows: the one relationship, and each citation that folds it in.
    const expectedKeys = new Set(
      [...planned.relationships.entries()].flatMap(([type, list]) =>
        list.filter((r) => (r.stix.stixIds as string[]).includes(touched!)).map((r) => `${r.from} ${type} ${r.to}`),
      ),
    );
    const citing = rowsOf(planned, 'REPORTED_IN').filter((r) => (r.stix.stixIds as string[]).includes(touched!)).length;
    // Both ends cite the reference and the bundle: four citations, one per (end, Source).
    expect(citing).toBe(4);

    const nodesBefore = (await graphState(db)).labels;
    const before = await relationships();
    const written = await writeRows(db, planned);
    expect(written).toMatchObject({
      created: 0,
      updated: 0,
      relationships: 1,
      reportedIn: citing,
      unchanged: { relationships: RELS - 1, reportedIn: rowsOf(planned, 'REPORTED_IN').length - citing },
    });
    const after = await relationships();
    expect(after.size).toBe(before.size);
    const changed = [...after].filter(([key, props]) => before.get(key) !== props).map(([key]) => key);
    expect(new Set(changed)).toEqual(expectedKeys);
    for (const key of changed) expect(JSON.parse(after.get(key)!)).toMatchObject({ stixModified: NEWER });
    expect((await graphState(db)).labels).toEqual(nodesBefore);

    // That newer version imported again: nothing more.
    const state = await graphState(db);
    const again = await importBundle(db, await readValidBundle(newerFile));
    expect(again.written).toMatchObject({ created: 0, updated: 0, relationships: 0, reportedIn: 0, commitUpdates: 0 });
    expect(await graphState(db)).toEqual(state);
  });
});
