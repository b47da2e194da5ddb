// The STIX import killed midway: `npm run import` as a real process, with a small batch size so
// that a generated bundle of a few thousand relationships spans many transactions, gets SIGKILL
// once its first batch is written. Until then nothing of it is visible; the next run rolls the
// leftovers back and imports, and the graph ends exactly as one clean import leaves it.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBundle } from '../bench/stix-bundle.js';
import { freePort } from '../server/db/local-neo4j/instance.js';
import { applySchema } from '../server/db/schema.js';
import { readValidBundle } from '../server/stix/import.js';
import { importBundle } from '../server/stix/write.js';
import { rows, testDatabase, testNeo4jEnv } from './support/database.js';
import { graphState, type GraphState } from './support/graph-state.js';
import { removeImports } from './support/remove-imports.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BATCH_ROWS = 250;
const db = testDatabase();
let dir: string;
let bundle: string;

/**
 * `npm run import -- <bundle>` in its own process group; `killAfter` a stdout line matching it,
 * SIGKILL to the whole group (npm, tsx and the node running the import).
 */
function runImport(killAfter?: RegExp): Promise<{ code: number | null; signal: string | null; out: string; err: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'import', '--', bundle], {
      cwd: ROOT,
      detached: true,
      env: testNeo4jEnv({ LOG_LEVEL: 'error', STIX_IMPORT_BATCH_ROWS: String(BATCH_ROWS) }),
    });
    let out = '';
    let err = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killAfter && !killed && killAfter.test(out)) {
        killed = true;
        process.kill(-child.pid!, 'SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out, err, killed }));
  });
}

/**
 * The explorer (`server/main.ts`) on the test's Neo4j until it says it is ready (its last start-up
 * line), then stopped with SIGTERM; what it printed.
 */
async function startAndStopExplorer(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    detached: true,
    env: testNeo4jEnv({ PORT: String(await freePort()), HOST: '127.0.0.1', AUTH: 'none', LOG_LEVEL: 'warn' }),
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the explorer did not get ready:\n${out}`)), 240_000);
    const read = (d: Buffer) => {
      out += d.toString();
      if (/^Threat-network explorer: http\S+\s*$/m.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', reject);
  });
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
  return out;
}

beforeAll(async () => {
  await applySchema(db);
  dir = await mkdtemp(path.join(tmpdir(), 'stix-kill-'));
  bundle = path.join(dir, 'kill-test.json');
  // 3,000 relationships and about as many REPORTED_IN: some 25 batches of 250 rows.
  await generateBundle(bundle, 3000, { name: 'Kill Test', refs: 20 });
});

afterAll(async () => {
  try {
    await removeImports(db);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await db.close();
  }
});

describe('npm run import, killed midway and run again', () => {
  let seeded: GraphState;
  let clean: GraphState;

  beforeAll(async () => {
    seeded = await graphState(db);
    // What one clean import leaves (same batch size), then back to the seeded graph.
    const result = await importBundle(db, await readValidBundle(bundle), undefined, undefined, { batchRows: BATCH_ROWS });
    expect(result.written.transactions).toBeGreaterThan(10);
    expect(result.written.relationships).toBe(3000);
    clean = await graphState(db);
    await removeImports(db);
    expect(await graphState(db)).toEqual(seeded);
  }, 300_000);

  it('leaves only invisible pending nodes when killed, and the next run ends as one clean import', async () => {
    const killed = await runImport(/^Batch 1 written/m);
    expect(killed.killed, killed.out + killed.err).toBe(true);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.out).not.toMatch(/Import time/);

    // Killed midway: pending nodes and the open job are there, and no :Entity of the bundle is.
    const after = await graphState(db);
    expect(after.labels.StixPending ?? 0).toBeGreaterThan(0);
    expect(after.labels.StixImport).toBe(1);
    expect(await rows(db, "MATCH (n:Entity) WHERE n.name STARTS WITH 'Kill Test' RETURN n.id")).toEqual([]);
    expect(Object.fromEntries(Object.entries(after.labels).filter(([l]) => !l.startsWith('Stix')))).toEqual(seeded.labels);

    const cliImports = async () =>
      Number((await rows(db, "MATCH (e:AuditEvent {action: 'import.stix', actor: 'cli'}) RETURN count(e) AS n"))[0]!.n);
    const eventsBefore = await cliImports();
    const again = await runImport();
    expect(again.code, again.out + again.err).toBe(0);
    // The finished import is one audit event by `cli`; the killed one left none.
    expect(await cliImports()).toBe(eventsBefore + 1);
    expect(again.out).toMatch(/Rolled back import [0-9a-f-]{36}, which an earlier run left unfinished/);
    expect(again.out).toMatch(/relationships\/s/);
    const final = await graphState(db);
    expect(final.labels.StixPending).toBeUndefined();
    expect(final.labels.StixImport).toBeUndefined();
    expect(final).toEqual(clean);
  }, 300_000);

  it('is rolled back by the next start of the explorer, before it says it is ready', async () => {
    await removeImports(db);
    expect(await graphState(db)).toEqual(seeded);
    const killed = await runImport(/^Batch 1 written/m);
    expect(killed.killed, killed.out + killed.err).toBe(true);
    expect((await graphState(db)).labels.StixPending ?? 0).toBeGreaterThan(0);

    const printed = await startAndStopExplorer();
    expect(printed).toMatch(/Rolled back STIX import [0-9a-f-]{36}, which an earlier run left unfinished/);
    expect(await graphState(db)).toEqual(seeded);
  }, 300_000);
});
