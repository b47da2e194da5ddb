// The benchmarks' synthetic graph (bench/generate-graph.ts) in its own managed Neo4j under
// .neo4j/bench/nodes-N-rels-M-seed-S/, generated once and reused: a later run of the same size
// finds the manifest, checks the counts and skips generation. Shared by bench:api and bench:load.
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../server/config.js';
import { cypher } from '../server/db/statements.js';
import { Database } from '../server/db/database.js';
import { LocalNeo4j, freePort } from '../server/db/local-neo4j/instance.js';
import { applySchema } from '../server/db/schema.js';
import { createLogger } from '../server/logger.js';
import {
  GENERATOR_VERSION,
  graphCounts,
  loadGraph,
  planGraph,
  type GraphPicks,
  type GraphSize,
  type GraphStats,
  type LoadReport,
} from './generate-graph.js';

export const NEO4J_ROOT = process.env.NEO4J_HOME ?? path.join(REPO_ROOT, '.neo4j');
export const BENCH_ROOT = path.join(NEO4J_ROOT, 'bench');
export const LIB_ROOT = path.join(NEO4J_ROOT, 'lib');
const MANIFEST = 'bench-graph.json';
export const BENCH_HEAP = '4g';
export const BENCH_PAGE_CACHE = '4g';
export const START_TIMEOUT_MS = 300_000;

/** A benchmark stopped by Ctrl-C (or SIGTERM). */
export class Interrupted extends Error {}

export interface BenchGraphSize extends GraphSize {
  seed: number;
}

export interface Manifest {
  generatorVersion: number;
  seed: number;
  nodes: number;
  rels: number;
  /** Every relationship in the database: rels plus the derived REPORTED_IN. */
  relationshipsTotal: number;
  generatedAt: string;
  planSeconds: number;
  load: LoadReport;
  stats: GraphStats;
  picks: GraphPicks;
}

export interface BenchGraph {
  local: LocalNeo4j;
  db: Database;
  manifest: Manifest;
  instanceDir: string;
}

export function benchInstanceDir(o: BenchGraphSize): string {
  return path.join(BENCH_ROOT, `nodes-${o.nodes}-rels-${o.rels}-seed-${o.seed}`);
}

async function readManifest(instanceDir: string, o: BenchGraphSize): Promise<Manifest | null> {
  const file = path.join(instanceDir, MANIFEST);
  if (!existsSync(file)) return null;
  try {
    const m = JSON.parse(await readFile(file, 'utf8')) as Manifest;
    const matches = m.generatorVersion === GENERATOR_VERSION && m.nodes === o.nodes && m.rels === o.rels && m.seed === o.seed;
    return matches ? m : null;
  } catch {
    return null;
  }
}

/** Deletes a benchmark instance folder (only ever one under BENCH_ROOT, and not while its Neo4j runs). */
export async function wipe(instanceDir: string): Promise<void> {
  if (path.dirname(instanceDir) !== BENCH_ROOT) throw new Error(`refusing to delete ${instanceDir}`);
  if (!existsSync(instanceDir)) return;
  const pidFile = path.join(instanceDir, 'run', 'neo4j.pid');
  if (existsSync(pidFile)) {
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    let alive = false;
    try {
      if (Number.isInteger(pid) && pid > 0) {
        process.kill(pid, 0);
        alive = true;
      }
    } catch {
      alive = false;
    }
    if (alive)
      throw new Error(`A Neo4j (pid ${pid}) still runs in ${instanceDir}: stop it first, or delete ${pidFile} if that pid is not Neo4j.`);
  }
  await rm(instanceDir, { recursive: true, force: true });
}

/**
 * A managed Neo4j in `instanceDir` on a free Bolt port, started (Ctrl-C through `signal` stops it).
 * `http`: also its HTTP Query API on a free port of 127.0.0.1 (bench:api's peer row).
 */
export async function startBenchNeo4j(
  instanceDir: string,
  {
    heap = BENCH_HEAP,
    pageCache = BENCH_PAGE_CACHE,
    signal,
    http = false,
  }: { heap?: string; pageCache?: string; signal?: AbortSignal; http?: boolean } = {},
): Promise<LocalNeo4j> {
  const local = await LocalNeo4j.prepare({
    libRoot: LIB_ROOT,
    instanceDir,
    heap,
    pageCache,
    startTimeoutMs: START_TIMEOUT_MS,
    boltPort: await freePort(),
    ...(http ? { httpPort: await freePort() } : {}),
    logger: createLogger('warn'),
  });
  try {
    await local.start(signal);
  } catch (err) {
    if (signal?.aborted) throw new Interrupted();
    throw err;
  }
  return local;
}

/**
 * The synthetic graph of `size` in its own Neo4j, started; generated first unless a previous run
 * left the same graph (same generator version, size, seed and counts). Progress goes to `log`.
 * On failure or interruption everything it started is stopped before it rejects.
 */
export async function openBenchGraph(
  size: BenchGraphSize,
  { signal, log, http = false }: { signal: AbortSignal; log: (line: string) => void; http?: boolean },
): Promise<BenchGraph> {
  const checkStop = () => {
    if (signal.aborted) throw new Interrupted();
  };
  const instanceDir = benchInstanceDir(size);
  let manifest = await readManifest(instanceDir, size);
  if (!manifest) await wipe(instanceDir);

  let local: LocalNeo4j | null = null;
  let db: Database | null = null;
  try {
    let t = performance.now();
    local = await startBenchNeo4j(instanceDir, { signal, http });
    db = new Database(local.connection);
    log(
      `Neo4j ${local.owned ? 'started' : 'reused (already running)'} on ${local.connection.uri} in ${seconds(t)} s (heap ${BENCH_HEAP}, page cache ${BENCH_PAGE_CACHE})`,
    );
    checkStop();

    if (manifest) {
      await applySchema(db);
      const counts = await graphCounts(db);
      if (counts.nodes !== manifest.nodes || counts.relationships !== manifest.relationshipsTotal) {
        log(`The stored graph has ${counts.nodes} nodes and ${counts.relationships} relationships, not the expected ones: regenerating.`);
        await db.close();
        await local.stop();
        db = null;
        local = null;
        manifest = null;
        await wipe(instanceDir);
        local = await startBenchNeo4j(instanceDir, { signal, http });
        db = new Database(local.connection);
      } else {
        log(
          `Reusing the graph generated ${manifest.generatedAt} (generation took ${manifest.load.seconds.total} s; ` +
            `${manifest.relationshipsTotal - manifest.rels} derived REPORTED_IN on top)`,
        );
      }
    }

    if (!manifest) {
      checkStop();
      log('Generating the graph…');
      t = performance.now();
      const graph = planGraph(size);
      const planSeconds = Math.round((performance.now() - t) / 100) / 10;
      log(
        `  planned in ${planSeconds} s: degree mean ${graph.stats.degree.mean}, median ${graph.stats.degree.median}, p99 ${graph.stats.degree.p99}, max ${graph.stats.degree.max}`,
      );
      const load = await loadGraph(db, graph, { signal, log });
      await db.runAutoCommit(cypher('await-indexes'));
      manifest = {
        generatorVersion: GENERATOR_VERSION,
        seed: size.seed,
        nodes: size.nodes,
        rels: size.rels,
        relationshipsTotal: size.rels + load.derivedReportedIn,
        generatedAt: new Date().toISOString(),
        planSeconds,
        load,
        stats: graph.stats,
        picks: graph.picks,
      };
      const counts = await graphCounts(db);
      if (counts.nodes !== manifest.nodes || counts.relationships !== manifest.relationshipsTotal) {
        throw new Error(
          `Generated ${counts.nodes} nodes and ${counts.relationships} relationships, expected ${manifest.nodes} and ${manifest.relationshipsTotal}`,
        );
      }
      await writeFile(path.join(instanceDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
      log(
        `Generated in ${load.seconds.total} s (schema ${load.seconds.schema} s, nodes ${load.seconds.nodes} s, ` +
          `relationships ${load.seconds.relationships} s, ${load.derivedReportedIn} REPORTED_IN ${load.seconds.reportedIn} s; planning ${planSeconds} s more)`,
      );
    }
    checkStop();
    return { local, db, manifest, instanceDir };
  } catch (err) {
    await db?.close().catch(() => {});
    await local?.stop().catch(() => {});
    if (signal.aborted && !(err instanceof Interrupted)) throw new Interrupted();
    throw err;
  }
}

// ---- small shared helpers ----

/** The p-th percentile (nearest rank) of `samples`; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return percentileOfSorted(sorted, p);
}

/** The same, of samples already sorted ascending. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** "2 cores (model), 23.4 GiB memory, load average …": the machine, for the top of a report. */
export function machineLine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim();
  const gib = (bytes: number) => (bytes / 1024 ** 3).toFixed(1);
  return (
    `${cpus.length} cores${model ? ` (${model})` : ''}, ${gib(os.totalmem())} GiB memory (${gib(os.freemem())} free), ` +
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`
  );
}

/** Neo4j's version and edition, as the health check reads them. */
export async function neo4jVersion(db: Database): Promise<string> {
  const result = await db.read((tx) => tx.run(cypher('health/status')));
  const row = result.records[0];
  return row ? `${String(row.get('version'))} ${String(row.get('edition'))}` : 'unknown';
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}
