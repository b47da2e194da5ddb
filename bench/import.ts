// npm run bench:import [-- --rels 100000]: the STIX import's speed. Generates a valid STIX 2.1
// bundle of that many `uses` relationships (distinct pairs, so none fold) between intrusion sets
// and malware, each citing one of a few hundred external references, in a temporary file;
// imports it (the steps of importBundle, each timed: read and validate, plan, build rows, the write's
// transactions) into a disposable Neo4j holding the schema and the seed, and prints objects/s and
// relationships/s per phase and for the whole import. Then imports the same file again, timed: it
// must write nothing (the graph's counts are compared), and the heap of its transactions (Neo4j's
// estimate, polled) is printed per statement; then a copy in which --newer relationships (default
// 10) have a newer `modified`: exactly those must be written; with --all-newer, then one in which
// all of them do (the commit transaction then holds every update). Then, if
// ../shared/data/mobile-attack-17.1.json exists, the same for MITRE's Mobile ATT&CK bundle.
// Neo4j and the temporary files are deleted at the end and on Ctrl-C.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readDataset } from '../seed/dataset.js';
import { loadDataset } from '../seed/load.js';
import { REPO_ROOT, loadConfig } from '../server/config.js';
import { Database } from '../server/db/database.js';
import { LocalNeo4j, freePort } from '../server/db/local-neo4j/instance.js';
import { applySchema } from '../server/db/schema.js';
import { createLogger } from '../server/logger.js';
import { readExistingEntities } from '../server/stix/existing.js';
import { plan, readValidBundle } from '../server/stix/import.js';
import { cypher } from '../server/db/statements.js';
import { buildRows, writeRows, type WriteResult } from '../server/stix/write.js';
import { generateBundle, withNewerRelationships } from './stix-bundle.js';

const { values } = parseArgs({
  options: {
    rels: { type: 'string', default: '100000' },
    heap: { type: 'string' },
    newer: { type: 'string', default: '10' },
    'all-newer': { type: 'boolean', default: false },
  },
});
const HEAP = values.heap ?? loadConfig({}).NEO4J_HEAP;
const RELS = Number(values.rels);
const MOBILE = path.resolve(REPO_ROOT, '../shared/data/mobile-attack-17.1.json');

/**
 * Polls the heap Neo4j estimates for each running transaction, keeping the largest seen per
 * statement (its first comment line names it); stop() returns them, largest first.
 */
function watchHeap(db: Database, everyMs = 250) {
  const peaks = new Map<string, number>();
  const session = db.driver.session({ database: db.database });
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        const result = await session.run(cypher('bench/transactions-heap'));
        for (const r of result.records) {
          const heap = Number(r.get('heap') ?? 0);
          const query = String(r.get('currentQuery'));
          // The statement's name: the first line of its file's comment.
          const name = query.split('\n')[0]!.slice(0, 90);
          if (heap > (peaks.get(name) ?? 0)) peaks.set(name, heap);
        }
      } catch {
        // Neo4j busy or gone (out of memory): try again until stopped.
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    await session.close();
    return [...peaks].sort(([, a], [, b]) => b - a);
  };
}

async function graphCounts(db: Database) {
  const r = (await db.read((tx) => tx.run(cypher('bench/counts')))).records[0]!;
  return { nodes: Number(r.get('nodes')), relationships: Number(r.get('relationships')) };
}

/** The import as importBundle runs it, phase by phase, each printed as it ends. */
async function timedImport(db: Database, file: string, label: string): Promise<WriteResult> {
  const size = (await stat(file)).size / 1024 / 1024;
  console.log(`\n${label} (${size.toFixed(1)} MB)`);
  const times: Array<[string, number]> = [];
  const phase = async <T>(name: string, run: () => Promise<T> | T): Promise<T> => {
    const t = performance.now();
    const result = await run();
    times.push([name, performance.now() - t]);
    return result;
  };
  const started = performance.now();
  const read = await phase('read + validate', () => readValidBundle(file));
  const existing = await phase('read existing entities', () => readExistingEntities(db));
  const planned = await phase('map + resolve + link', () => plan(read, existing));
  const rows = await phase('build rows', () => buildRows(planned, existing));
  const w = await phase('write', () => writeRows(db, rows));
  const totalMs = performance.now() - started;
  const objects = read.objects.length;
  const stixRels = planned.linked.relationships.reduce((n, r) => n + r.stixIds.length, 0);
  const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en');
  // Each phase handles every object and every STIX relationship of the bundle: its own rates say
  // how fast it alone would go; the write's also counts what Neo4j got (REPORTED_IN included).
  for (const [name, ms] of times)
    console.log(`  ${name}: ${Math.round(ms)} ms (${perSecond(objects, ms)} objects/s, ${perSecond(stixRels, ms)} relationships/s)`);
  console.log(
    `  written in ${w.transactions} transactions: ${w.created} created, ${w.linked} linked, ${w.relationships} relationships, ${w.reportedIn} REPORTED_IN (${perSecond(w.relationships + w.reportedIn, w.writeMs)} Neo4j relationships/s)`,
  );
  console.log(
    `  total ${Math.round(totalMs)} ms for ${objects.toLocaleString('en')} objects and ${stixRels.toLocaleString('en')} relationships: ${perSecond(objects, totalMs)} objects/s, ${perSecond(stixRels, totalMs)} relationships/s`,
  );
  return w;
}

/**
 * A bundle imported again, timed, its transactions' heap watched: it must write `expected`
 * relationships (those with a newer `modified`) and create nothing.
 */
async function timedReimport(db: Database, file: string, label: string, expected: number) {
  const before = await graphCounts(db);
  const stop = watchHeap(db);
  const started = performance.now();
  let w: WriteResult | undefined;
  try {
    w = await timedImport(db, file, label);
  } catch (err) {
    console.log(`  FAILED after ${Math.round(performance.now() - started)} ms: ${err instanceof Error ? err.message : String(err)}`);
  }
  const peaks = await stop();
  console.log('  largest heap Neo4j estimated per statement (polled every 250 ms):');
  for (const [name, heap] of peaks.slice(0, 6)) console.log(`    ${(heap / 1024 / 1024).toFixed(1)} MB  ${name}`);
  if (!w) return;
  const after = await graphCounts(db);
  const same = after.nodes === before.nodes && after.relationships === before.relationships;
  const u = w.unchanged;
  console.log(
    `  unchanged (left out of the commit): ${u.entities} entities, ${u.relationships} relationships, ${u.reportedIn} REPORTED_IN; the commit changed ${w.commitUpdates} things`,
  );
  const ok = w.created === 0 && w.updated === 0 && w.relationships === expected && same && (expected > 0 || w.commitUpdates === 0);
  console.log(
    `  ${ok ? 'as expected' : 'NOT AS EXPECTED'}: ${expected} relationships should be written; graph ${before.nodes} → ${after.nodes} entities, ${before.relationships} → ${after.relationships} relationships`,
  );
}

async function main() {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-import-'));
  const libRoot = path.join(process.env.NEO4J_HOME ?? path.join(REPO_ROOT, '.neo4j'), 'lib');
  let local: LocalNeo4j | undefined;
  let db: Database | undefined;
  const cleanup = async () => {
    await db?.close().catch(() => {});
    await local?.stop().catch(() => {});
    await rm(tmp, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const file = path.join(tmp, 'bench-bundle.json');
    const g0 = performance.now();
    const objects = await generateBundle(file, RELS);
    console.log(
      `Generated ${objects.toLocaleString('en')} objects (${RELS.toLocaleString('en')} relationships) in ${Math.round(performance.now() - g0)} ms`,
    );
    console.log(`Starting a disposable Neo4j (heap ${HEAP}; schema and seed)...`);
    local = await LocalNeo4j.start({
      libRoot,
      instanceDir: path.join(tmp, 'neo4j'),
      // The explorer's own default heap (NEO4J_HEAP, server/config.ts): the import writes in batches
      // of STIX_IMPORT_BATCH_ROWS rows per transaction and must fit in it. --heap to compare.
      heap: HEAP,
      pageCache: '1g',
      startTimeoutMs: 300_000,
      boltPort: await freePort(),
      logger: createLogger('warn'),
    });
    db = new Database(local.connection);
    await applySchema(db);
    await loadDataset(db, await readDataset());
    console.log(
      `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), shared with other work: rates vary between runs.`,
    );
    await timedImport(db, file, `Synthetic bundle`);
    await timedReimport(db, file, `Synthetic bundle again (unchanged)`, 0);
    const newer = Number(values.newer);
    const newerFile = path.join(tmp, 'bench-bundle-newer.json');
    await withNewerRelationships(file, newerFile, newer);
    await timedReimport(db, newerFile, `Synthetic bundle, ${newer} relationships with a newer modified`, newer);
    if (values['all-newer']) {
      const allFile = path.join(tmp, 'bench-bundle-all-newer.json');
      await withNewerRelationships(file, allFile, RELS);
      await rm(newerFile);
      await timedReimport(db, allFile, `Synthetic bundle, all ${RELS} relationships with a newer modified`, RELS - newer);
    }
    if (existsSync(MOBILE)) await timedImport(db, MOBILE, 'Mobile ATT&CK 17.1');
    else console.log(`\n(${MOBILE} is absent: no Mobile ATT&CK time.)`);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
