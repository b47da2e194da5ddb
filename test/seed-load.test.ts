import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_DIR, deriveReportedIn, readDataset } from '../seed/dataset.js';
import { InvalidSeedError, isEmpty, loadDataset } from '../seed/load.js';
import { applySchema } from '../server/db/schema.js';
import { counts, rows, testDatabase } from './support/database.js';

const db = testDatabase();
beforeAll(() => applySchema(db));
afterAll(() => db.close());

describe('loading the seed', () => {
  it('loads into the database, and a second load changes no count', async () => {
    const dataset = await readDataset();
    await loadDataset(db, dataset);
    const first = await counts(db);
    await loadDataset(db, dataset);
    const second = await counts(db);
    expect(second).toEqual(first);
    expect(await isEmpty(db)).toBe(false);
    const [entities] = await rows(db, 'MATCH (n:Entity) RETURN count(n) AS n');
    expect(Number(entities!.n)).toBe(dataset.nodes.length);
    const [rels] = await rows(db, 'MATCH (:Entity)-[r]->(:Entity) WHERE type(r) <> "REPORTED_IN" RETURN count(r) AS n');
    expect(Number(rels!.n)).toBe(dataset.relationships.length);
    const [derived] = await rows(db, 'MATCH (:Entity)-[r:REPORTED_IN]->(:Source) RETURN count(r) AS n');
    expect(Number(derived!.n)).toBe(deriveReportedIn(dataset).length);
  });

  it('stores each record as written in its file', async () => {
    const dataset = await readDataset();
    const rel = dataset.relationships.find((r) => r.quote && r.firstSeen) ?? dataset.relationships[0]!;
    const [stored] = await rows(db, 'MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to}) WHERE type(r) = $type RETURN properties(r) AS props, labels(a) AS labels', rel);
    expect(stored).toBeDefined();
    const props = stored!.props as Record<string, unknown>;
    expect(props.sources).toEqual(rel.sources);
    expect(props.quote).toBe(rel.quote);
    expect(props.firstSeen).toBe(rel.firstSeen);
    expect(Number(props.confidence)).toBe(rel.confidence);
    const fromNode = dataset.nodes.find((n) => n.props.id === rel.from)!;
    expect(stored!.labels).toEqual(expect.arrayContaining(['Entity', fromNode.label]));
  });

  it('gives every relationship in the database at least one existing Source', async () => {
    const [row] = await rows(
      db,
      `MATCH ()-[r]->()
       WITH r, [s IN coalesce(r.sources, []) WHERE EXISTS { MATCH (:Source {id: s}) }] AS found
       RETURN count(r) AS total,
              count(CASE WHEN size(found) = 0 OR size(found) <> size(r.sources) THEN 1 END) AS unsourced,
              count(CASE WHEN r.confidence IS NULL OR r.confidence < 0 OR r.confidence > 100 THEN 1 END) AS badConfidence,
              count(CASE WHEN r.quote IS NULL AND r.summary IS NULL THEN 1 END) AS noEvidence`,
    );
    expect(Number(row!.total)).toBeGreaterThan(250);
    expect({ unsourced: Number(row!.unsourced), badConfidence: Number(row!.badConfidence), noEvidence: Number(row!.noEvidence) }).toEqual({
      unsourced: 0,
      badConfidence: 0,
      noEvidence: 0,
    });
  });

  it('refuses a seed with a bad record and writes nothing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'seed-bad-'));
    try {
      await cp(SEED_DIR, dir, { recursive: true });
      // A new, otherwise valid node, and a bad relationship further on: neither may be written.
      const states = path.join(dir, 'nodes/states.json');
      const records = JSON.parse(await readFile(states, 'utf8')) as unknown[];
      records.push({ id: 'state--test-only-freedonia', name: 'Freedonia', aliases: [], summary: 'Test record.', iso2: 'unknown' });
      await writeFile(states, JSON.stringify(records));
      const dataset = await readDataset(dir);
      const rel = dataset.relationships[0]!;
      await writeFile(
        path.join(dir, 'relationships', 'zz-bad.json'),
        JSON.stringify([{ ...rel, id: undefined, to: 'state--test-only-freedonia', confidence: 101 }]),
      );
      const before = await counts(db);
      const invalid = await readDataset(dir);
      await expect(loadDataset(db, invalid)).rejects.toThrow(InvalidSeedError);
      await expect(loadDataset(db, invalid)).rejects.toThrow(/relationships\/zz-bad\.json record 0 confidence: /);
      expect(await counts(db)).toEqual(before);
      expect(await rows(db, 'MATCH (n {id: "state--test-only-freedonia"}) RETURN n')).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
