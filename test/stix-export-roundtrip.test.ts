// STIX export against the test run's Neo4j: the seed plus the OASIS APT1 report imported, exported
// as one bundle (every entity, every relationship but REPORTED_IN), checked against the schemas,
// then imported into an emptied graph (the threat data removed; snapshots and saved queries stay):
// the same entities, relationships and evidence come back. The seed is restored afterwards.
import path from 'node:path';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Node, Relationship } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../seed/dataset.js';
import { loadDataset } from '../seed/load.js';
import { applySchema } from '../server/db/schema.js';
import { cypher } from '../server/db/statements.js';
import { edgeToJson, nodeToJson } from '../server/db/to-json.js';
import { exportStix, type ExportGraph } from '../server/stix/export.js';
import { readValidBundle } from '../server/stix/import.js';
import { importBundle } from '../server/stix/write.js';
import { testDatabase } from './support/database.js';

const db = testDatabase();
const APT1 = path.resolve(import.meta.dirname, 'fixtures/stix/apt1.json');
/** What an import adds of its own: the STIX id and versions, and that it owns the node. */
const BOOKKEEPING = ['stixId', 'stixCreated', 'stixModified', 'imported'];
let dir: string;

async function threatGraph(): Promise<ExportGraph> {
  return db.read(async (tx) => {
    const nodes = (await tx.run('MATCH (n:Entity) WHERE NOT n:Source RETURN n ORDER BY n.id')).records.map((r) =>
      nodeToJson(r.get('n') as Node),
    );
    const rels = await tx.run(
      "MATCH (a:Entity)-[r]->(b:Entity) WHERE type(r) <> 'REPORTED_IN' AND NOT a:Source AND NOT b:Source RETURN a.id AS a, r, b.id AS b",
    );
    const edges = rels.records.map((r) => {
      const e = edgeToJson(r.get('r') as Relationship, (id) => id);
      return { type: e.type, from: r.get('a') as string, to: r.get('b') as string, evidence: e.evidence, properties: e.properties };
    });
    return { nodes, edges };
  });
}

const withoutBookkeeping = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).filter(([k]) => !BOOKKEEPING.includes(k)));

async function wipeThreatData() {
  await db.write((tx) => tx.run('MATCH (n:Entity) DETACH DELETE n'));
}

beforeAll(async () => {
  await applySchema(db);
  dir = await mkdtemp(path.join(tmpdir(), 'stix-export-'));
});

afterAll(async () => {
  try {
    // The seed back, as the import tests leave it: the threat data reloaded, the search index rebuilt.
    await wipeThreatData();
    await loadDataset(db, await readDataset());
    await db.runAutoCommit(cypher('schema-migration/drop-search-index'));
    await applySchema(db);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await db.close();
  }
});

describe('STIX export round trip (seed + an imported OASIS report)', () => {
  it('exports a valid bundle that imports into an empty graph as the same entities, relationships and evidence', async () => {
    await importBundle(db, await readValidBundle(APT1));
    const before = await threatGraph();
    expect(before.nodes.some((n) => n.properties.imported === true)).toBe(true);
    expect(before.nodes.some((n) => n.properties.imported === undefined)).toBe(true);

    // exportStix validates against the OASIS schemas and throws otherwise.
    const text = await exportStix(db, before);
    expect(await exportStix(db, before)).toBe(text);
    const bundle = JSON.parse(text) as { objects: Array<Record<string, unknown>> };
    // An imported object keeps its STIX id.
    const imported = before.nodes.find((n) => n.properties.imported === true)!;
    expect(bundle.objects.some((o) => o.id === imported.properties.stixId)).toBe(true);

    await wipeThreatData();
    const file = path.join(dir, 'export.json');
    await writeFile(file, text);
    const result = await importBundle(db, await readValidBundle(file));
    expect(result.plan.resolution.matches).toEqual([]);
    const after = await threatGraph();

    const afterNodes = new Map(after.nodes.map((n) => [n.id, n]));
    for (const n of before.nodes) {
      const got = afterNodes.get(n.id);
      expect(got, n.id).toBeDefined();
      expect(got!.label).toBe(n.label);
      expect(got!.name).toBe(n.name);
      expect(withoutBookkeeping(got!.properties)).toEqual(withoutBookkeeping(n.properties));
    }
    expect(after.nodes).toHaveLength(before.nodes.length);

    const bundleSource = result.plan.resolution.assignments.get(result.plan.mapped.bundle.id)!.id;
    const key = (e: { from: string; type: string; to: string }) => `${e.from}|${e.type}|${e.to}`;
    const afterEdges = new Map(after.edges.map((e) => [key(e), e]));
    for (const e of before.edges) {
      const got = afterEdges.get(key(e));
      expect(got, key(e)).toBeDefined();
      const { sources, ...evidence } = e.evidence;
      const { sources: gotSources, ...gotEvidence } = got!.evidence;
      expect(gotEvidence, key(e)).toEqual(evidence);
      expect(gotSources.filter((s) => s !== bundleSource).sort(), key(e)).toEqual([...sources].sort());
    }
    expect(after.edges).toHaveLength(before.edges.length);
  });
});
