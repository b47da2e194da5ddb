// npm run bench:import [-- --rels 100000]: the STIX import's speed. Generates a valid STIX 2.1
// bundle of that many `uses` relationships (distinct pairs, so none fold) between intrusion sets
// and malware, each citing one of a few hundred external references, in a temporary file;
// imports it (the steps of importBundle, each timed: read and validate, plan, build rows, the write's
// transactions) into a disposable Neo4j holding the schema and the seed, and prints objects/s and
// relationships/s per phase and for the whole import. Then, if
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
import { buildRows, writeRows } from '../server/stix/write.js';
import { generateBundle } from './stix-bundle.js';

const { values } = parseArgs({ options: { rels: { type: 'string', default: '100000' }, heap: { type: 'string' } } });
const HEAP = values.heap ?? loadConfig({}).NEO4J_HEAP;
const RELS = Number(values.rels);
const MOBILE = path.resolve(REPO_ROOT, '../shared/data/mobile-attack-17.1.json');

/** The import as importBundle runs it, phase by phase, each printed as it ends. */
async function timedImport(db: Database, file: string, label: string) {
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
