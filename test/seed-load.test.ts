import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_DIR, deriveReportedIn, readDataset } from '../seed/dataset.js';
import { InvalidSeedError, LOADER_VERSION, isLoaded, loadDataset, storedIdentity } from '../seed/load.js';
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
    expect(await isLoaded(db, dataset)).toBe(true);
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
    const [stored] = await rows(
      db,
      'MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to}) WHERE type(r) = $type RETURN properties(r) AS props, labels(a) AS labels',
      rel,
    );
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

  it('gives every relationship the earliest published date of its sources as reportedAt', async () => {
    // Computed here from the Source nodes in the database, apart from the loader's own code.
    const [row] = await rows(
      db,
      `MATCH (:Entity)-[r]->(:Entity)
       CALL (r) {
         UNWIND r.sources AS id
         MATCH (s:Entity {id: id}) WHERE s:Source
         RETURN min(s.published) AS earliest
       }
       RETURN count(CASE WHEN type(r) <> 'REPORTED_IN' THEN 1 END) AS cited,
              count(CASE WHEN type(r) <> 'REPORTED_IN' AND r.reportedAt = earliest THEN 1 END) AS citedRight,
              count(CASE WHEN type(r) = 'REPORTED_IN' THEN 1 END) AS derived,
              count(CASE WHEN type(r) = 'REPORTED_IN' AND r.reportedAt = earliest THEN 1 END) AS derivedRight,
              collect(CASE WHEN r.reportedAt IS NULL OR r.reportedAt <> earliest THEN r.id END)[..5] AS wrong`,
    );
    const dataset = await readDataset();
    expect(row!.wrong).toEqual([]);
    expect(Number(row!.cited)).toBe(dataset.relationships.length);
    expect(Number(row!.citedRight)).toBe(dataset.relationships.length);
    expect(Number(row!.derivedRight)).toBe(Number(row!.derived));
    // Some relationship cites sources of different days, so "earliest" is put to the test.
    const published = new Map(dataset.nodes.filter((n) => n.label === 'Source').map((n) => [n.props.id, n.props.published]));
    expect(dataset.relationships.some((r) => new Set(r.sources.map((id) => published.get(id))).size > 1)).toBe(true);
  });

  it('stores the sources a node summary names', async () => {
    const dataset = await readDataset();
    const named = dataset.nodes.filter((n) => Array.isArray(n.props.summarySources));
    expect(named.length).toBeGreaterThan(0);
    const stored = await rows(db, 'UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, n.summarySources AS summarySources', {
      ids: named.map((n) => n.props.id),
    });
    expect(Object.fromEntries(stored.map((r) => [r.id, r.summarySources]))).toEqual(
      Object.fromEntries(named.map((n) => [n.props.id, n.props.summarySources])),
    );
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

  describe('as the files change, and when interrupted', () => {
    // A copy of the seed without one state (and its relationships), with one relationship's
    // evidence changed, and with a target turned into an organisation (a change of kind).
    const REMOVED = 'state--north-korea';
    const RELABELLED = 'target--us-voter-groups';
    const RELABELLED_AS = 'organization--us-voter-groups';
    let dir: string;
    let changed: Awaited<ReturnType<typeof readDataset>>;
    let full: Awaited<ReturnType<typeof readDataset>>;

    beforeAll(async () => {
      full = await readDataset();
      dir = await mkdtemp(path.join(os.tmpdir(), 'seed-changed-'));
      await cp(SEED_DIR, dir, { recursive: true });
      const edit = async (file: string, change: (records: Array<Record<string, unknown>>) => Array<Record<string, unknown>>) => {
        const full = path.join(dir, file);
        await writeFile(full, JSON.stringify(change(JSON.parse(await readFile(full, 'utf8')) as Array<Record<string, unknown>>)));
      };
      await edit('nodes/states.json', (r) => r.filter((n) => n.id !== REMOVED));
      let moved: Record<string, unknown> | undefined;
      await edit('nodes/targets.json', (r) => {
        moved = r.find((n) => n.id === RELABELLED);
        return r.filter((n) => n.id !== RELABELLED);
      });
      expect(moved).toBeDefined();
      const { targetType: _t, ...rest } = moved!;
      await edit('nodes/organizations.json', (r) => [...r, { ...rest, id: RELABELLED_AS, orgType: 'ngo' }]);
      const { readdir } = await import('node:fs/promises');
      for (const file of await readdir(path.join(dir, 'relationships'))) {
        await edit(`relationships/${file}`, (r) =>
          r
            .filter((rel) => rel.from !== REMOVED && rel.to !== REMOVED)
            .map((rel) => ({
              ...rel,
              from: rel.from === RELABELLED ? RELABELLED_AS : rel.from,
              to: rel.to === RELABELLED ? RELABELLED_AS : rel.to,
            })),
        );
      }
      changed = await readDataset(dir);
      expect(changed.errors).toEqual([]);
      expect(changed.hash).not.toBe(full.hash);
    });

    afterAll(async () => {
      // Whatever happened above, the shared database ends holding the real seed.
      await loadDataset(db, full);
      await rm(dir, { recursive: true, force: true });
    });

    it('records the identity of the files as the last write, and matches only those files', async () => {
      await loadDataset(db, full);
      const stored = await storedIdentity(db);
      expect(stored).toMatchObject({ hash: full.hash, loaderVersion: LOADER_VERSION });
      expect(stored.loadedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(await isLoaded(db, full)).toBe(true);
      expect(await isLoaded(db, changed)).toBe(false);
    });

    it('applies a changed dataset: removed records go, snapshots and saved queries stay', async () => {
      await loadDataset(db, full);
      await db.write((tx) =>
        tx.run('CREATE (:Snapshot {id: "snap-seed-test", title: "kept"}) CREATE (:SavedQuery {id: "query-seed-test", name: "kept"})'),
      );
      try {
        const result = await loadDataset(db, changed);
        expect(result.prunedNodes).toBe(2); // North Korea, and the target that became an organisation
        expect(result.prunedRelationships).toBeGreaterThan(0);
        expect(await rows(db, 'MATCH (n:Entity {id: $id}) RETURN n', { id: REMOVED })).toEqual([]);
        expect(await rows(db, 'MATCH (n:Entity {id: $id}) RETURN n', { id: RELABELLED })).toEqual([]);
        const [org] = await rows(db, 'MATCH (n:Entity {id: $id}) RETURN labels(n) AS labels', { id: RELABELLED_AS });
        expect((org!.labels as string[]).sort()).toEqual(['Entity', 'Organization']);
        const [entities] = await rows(db, 'MATCH (n:Entity) RETURN count(n) AS n');
        expect(Number(entities!.n)).toBe(changed.nodes.length);
        const [rels] = await rows(db, 'MATCH (:Entity)-[r]->(:Entity) WHERE type(r) <> "REPORTED_IN" RETURN count(r) AS n');
        expect(Number(rels!.n)).toBe(changed.relationships.length);
        const [derived] = await rows(db, 'MATCH (:Entity)-[r:REPORTED_IN]->(:Source) RETURN count(r) AS n');
        expect(Number(derived!.n)).toBe(deriveReportedIn(changed).length);
        const [kept] = await rows(
          db,
          'MATCH (s:Snapshot {id: "snap-seed-test"}) MATCH (q:SavedQuery {id: "query-seed-test"}) RETURN s.title AS s, q.name AS q',
        );
        expect(kept).toEqual({ s: 'kept', q: 'kept' });
        expect(await isLoaded(db, changed)).toBe(true);
      } finally {
        await db.write((tx) => tx.run('MATCH (n) WHERE n.id IN ["snap-seed-test", "query-seed-test"] DETACH DELETE n'));
      }
    });

    it('a change of kind keeps one kind label', async () => {
      // The reverse of the test above: the organisation turns back into a target on a full load.
      await loadDataset(db, full);
      const [target] = await rows(db, 'MATCH (n:Entity {id: $id}) RETURN labels(n) AS labels', { id: RELABELLED });
      expect((target!.labels as string[]).sort()).toEqual(['Entity', 'Target']);
      expect(await rows(db, 'MATCH (n:Entity {id: $id}) RETURN n', { id: RELABELLED_AS })).toEqual([]);
    });

    it('an interrupted load leaves no identity, and the next load completes it and prunes', async () => {
      await loadDataset(db, full);
      // Stop the changed dataset's load after its first batches, as a kill would.
      const stop = new Error('stopped midway');
      let batches = 0;
      await expect(
        loadDataset(db, changed, {
          batchSize: 50,
          onProgress: () => {
            batches += 1;
            if (batches === 4) throw stop;
          },
        }),
      ).rejects.toBe(stop);
      expect(await storedIdentity(db)).toEqual({ hash: null, loaderVersion: null, loadedAt: null });
      expect(await isLoaded(db, full)).toBe(false);
      expect(await isLoaded(db, changed)).toBe(false);

      // Going back to the full files, then forward again: each completes, nothing is left behind.
      await loadDataset(db, full);
      expect(await isLoaded(db, full)).toBe(true);
      const [entities] = await rows(db, 'MATCH (n:Entity) RETURN count(n) AS n');
      expect(Number(entities!.n)).toBe(full.nodes.length);
      await loadDataset(db, changed, { batchSize: 50 });
      const [after] = await rows(db, 'MATCH (n:Entity) RETURN count(n) AS n');
      expect(Number(after!.n)).toBe(changed.nodes.length);
    });
  });
});
