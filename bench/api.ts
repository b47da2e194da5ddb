// npm run bench:api [-- --nodes N --rels M --requests R --warmup W --prewarm P]
//
// Latency of the explorer API against its own disposable managed Neo4j holding a synthetic graph
// (bench/generate-graph.ts; 100,000 nodes and 1,000,000 relationships by default). For search,
// expand, node details and 4-hop shortest path it measures p50 and p99 through HTTP (node:http,
// keep-alive, one request at a time) and of the same Cypher, with the same parameters, run
// directly through Database.read in this process, then prints them against the targets. A freshly
// started JVM needs a few thousand queries before its JIT settles, so every endpoint is first
// called P times round-robin (--prewarm, default 200), then W warm-up and R measured calls each.
// A row "http floor" times a 404 from the API (full middleware, no Neo4j): the fixed HTTP cost.
//
// The instance lives in .neo4j/bench/nodes-N-rels-M-seed-S/ and is kept: a later run of the same
// size reuses the graph and skips generation. Neo4j is stopped at the end and on Ctrl-C. All
// traffic stays on 127.0.0.1.
import http, { type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { pino } from 'pino';
import { API_LIMITS } from '../model/api.js';
import { createApp } from '../server/app.js';
import { REPO_ROOT } from '../server/config.js';
import { cypher, withSchemaNames } from '../server/db/statements.js';
import type { Database } from '../server/db/database.js';
import { freePort, type LocalNeo4j } from '../server/db/local-neo4j/instance.js';
import { TRAVERSAL_REL_TYPES } from '../model/graph-model.js';
import { DEFAULT_LIMITS } from '../server/http/limits.js';
import type { Logger } from '../server/logger.js';
import { luceneQuery } from '../server/graph/lucene.js';
import { searchParams } from '../server/graph/search.js';
import { Interrupted, benchInstanceDir, openBenchGraph, percentile } from './bench-graph.js';
import { PAIR_DISTANCE, parseSize, type GraphPicks } from './generate-graph.js';

const PATH_HOPS = 4;
/** The cap the paths route passes as $limit (ALL_SHORTEST_CAP in server/paths/route.ts). */
const PATHS_ROW_CAP = 100;

const TARGETS = {
  overheadRatio: 1.2,
  searchP99Ms: 30,
  expandP99Ms: 30,
  pathP99Ms: 150,
};

interface Options {
  nodes: number;
  rels: number;
  seed: number;
  requests: number;
  warmup: number;
  prewarm: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      nodes: { type: 'string' },
      rels: { type: 'string' },
      seed: { type: 'string' },
      requests: { type: 'string' },
      warmup: { type: 'string' },
      prewarm: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const count = (value: string | undefined, fallback: number, name: string, min: number, max: number): number => {
    if (value === undefined) return fallback;
    const n = Number(value.replace(/_/g, ''));
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer from ${min} to ${max}`);
    return n;
  };
  return {
    ...parseSize(argv),
    requests: count(values.requests, 300, 'requests', 1, 100_000),
    warmup: count(values.warmup, 50, 'warmup', 0, 10_000),
    prewarm: count(values.prewarm, 200, 'prewarm', 0, 10_000),
  };
}

// ---- measuring ----

interface Case<T> {
  name: string;
  inputs: readonly T[];
  /** Through HTTP; returns a problem with the answer, if any. */
  api(input: T): Promise<string | null>;
  /** The route's Cypher through Database.read; returns a problem with the result, if any. */
  direct?(input: T): Promise<string | null>;
  /** Sub-group of an input, reported separately (e.g. the kind of a search phrase). */
  group?(input: T): string;
}

interface Samples {
  api: number[];
  direct: number[];
}

interface Measured extends Samples {
  name: string;
  hasDirect: boolean;
  groups: Map<string, Samples>;
  problems: Map<string, number>;
}

async function timed(run: () => Promise<string | null>, problems: Map<string, number>): Promise<number> {
  const start = performance.now();
  let problem: string | null;
  try {
    problem = await run();
  } catch (err) {
    problem = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  }
  const ms = performance.now() - start;
  if (problem) problems.set(problem, (problems.get(problem) ?? 0) + 1);
  return ms;
}

/** Warm-up, then `requests` pairs of API and direct calls, interleaved so both see the same noise. */
async function measure<T>(c: Case<T>, o: Options, signal: AbortSignal): Promise<Measured> {
  const result: Measured = { name: c.name, hasDirect: c.direct !== undefined, api: [], direct: [], groups: new Map(), problems: new Map() };
  const noDirect = async () => null;
  const direct = c.direct?.bind(c) ?? noDirect;
  const total = o.warmup + o.requests;
  for (let i = 0; i < total; i++) {
    if (signal.aborted) throw new Interrupted();
    const input = c.inputs[i % c.inputs.length] as T;
    const apiFirst = i % 2 === 0;
    const first = await timed(() => (apiFirst ? c.api(input) : direct(input)), result.problems);
    const second = await timed(() => (apiFirst ? direct(input) : c.api(input)), result.problems);
    if (i < o.warmup) continue;
    const apiMs = apiFirst ? first : second;
    const directMs = apiFirst ? second : first;
    result.api.push(apiMs);
    result.direct.push(directMs);
    const group = c.group?.(input);
    if (group !== undefined) {
      const samples = result.groups.get(group) ?? { api: [], direct: [] };
      samples.api.push(apiMs);
      samples.direct.push(directMs);
      result.groups.set(group, samples);
    }
  }
  return result;
}

/** Calls every case `rounds` times round-robin, through HTTP and directly, without measuring. */
async function prewarm(all: Array<Case<unknown>>, rounds: number, signal: AbortSignal): Promise<void> {
  const ignored = new Map<string, number>();
  for (let r = 0; r < rounds; r++) {
    for (const c of all) {
      if (signal.aborted) throw new Interrupted();
      const input = c.inputs[r % c.inputs.length];
      await timed(() => c.api(input), ignored);
      if (c.direct) await timed(() => c.direct!(input), ignored);
    }
  }
}

/**
 * One JSON request over a kept-alive connection with node:http. Node's fetch costs about 0.3 ms
 * more per call in its WHATWG streams, which would be measured as the API's overhead.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function httpJson(method: 'GET' | 'POST', url: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(url, { method, agent, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (err) {
          reject(err);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function cases(base: string, db: Database, picks: GraphPicks): Array<Case<unknown>> {
  const readOptions = { timeoutMs: DEFAULT_LIMITS.readTimeoutMs };
  const getJson = (url: string) => httpJson('GET', url);
  const postJson = (url: string, body: unknown) => httpJson('POST', url, body);

  const floor: Case<string> = {
    name: 'http floor (404, no Neo4j)',
    inputs: ['/api/bench-floor-not-a-route'],
    async api(url) {
      const { status } = await getJson(`${base}${url}`);
      return status === 404 ? null : `HTTP ${status}`;
    },
  };

  const kindOf = new Map(picks.searchQueries.map((q) => [q.q, q.kind]));
  const search: Case<string> = {
    name: 'search',
    inputs: picks.searchQueries.map((q) => q.q),
    group: (q) => kindOf.get(q) ?? 'other',
    async api(q) {
      const { status, body } = await getJson(`${base}/api/search?q=${encodeURIComponent(q)}`);
      if (status !== 200) return `HTTP ${status}`;
      return (body as { results: unknown[] }).results.length === 0 ? 'no results' : null;
    },
    async direct(q) {
      // As server/search/route.ts: no label filter, the default limit.
      const lucene = luceneQuery(q);
      if (!lucene) return 'empty query';
      const params = searchParams(q, lucene, null, API_LIMITS.searchDefault);
      const result = await db.read((tx) => tx.run(cypher('search/fulltext'), params), readOptions);
      return result.records.length === 0 ? 'no results' : null;
    },
  };

  const expand: Case<string> = {
    name: 'expand',
    inputs: picks.hubs.map((h) => h.id),
    async api(id) {
      const { status, body } = await postJson(`${base}/api/expand`, { ids: [id] });
      if (status !== 200) return `HTTP ${status}`;
      return (body as { nodes: unknown[] }).nodes.length < 2 ? 'no neighbours' : null;
    },
    async direct(id) {
      // As server/expand/route.ts with the request's defaults.
      const params = {
        ids: [id],
        relTypes: TRAVERSAL_REL_TYPES,
        direction: 'both',
        labels: null,
        minConfidence: null,
        fromDate: null,
        toDate: null,
        skip: neo4j.int(0),
        limit: neo4j.int(API_LIMITS.expandLimitDefault),
      };
      const result = await db.read((tx) => tx.run(cypher('expand/page'), params), readOptions);
      return ((result.records[0]?.get('neighbours') as unknown[] | undefined) ?? []).length === 0 ? 'no neighbours' : null;
    },
  };

  const details: Case<string> = {
    name: 'node details',
    inputs: picks.detailNodes,
    async api(id) {
      const { status } = await getJson(`${base}/api/nodes/${encodeURIComponent(id)}`);
      return status === 200 ? null : `HTTP ${status}`;
    },
    async direct(id) {
      const result = await db.read((tx) => tx.run(cypher('nodes/details'), { id }), readOptions);
      return result.records.length === 1 ? null : 'not found';
    },
  };

  const shortestQuery = withSchemaNames(cypher('paths/shortest'), { maxHops: PATH_HOPS, k: 5 });
  const shortest: Case<{ from: string; to: string }> = {
    name: `shortest path (${PATH_HOPS} hops)`,
    inputs: picks.pairs,
    async api(pair) {
      const { status, body } = await postJson(`${base}/api/paths`, { ...pair, mode: 'shortest', maxHops: PATH_HOPS });
      if (status !== 200) return `HTTP ${status}`;
      const length = (body as { paths: Array<{ length: number }> }).paths[0]?.length;
      return length === PAIR_DISTANCE ? null : `path length ${length ?? 'none'}, expected ${PAIR_DISTANCE}`;
    },
    async direct(pair) {
      // As server/paths/route.ts, mode shortest.
      const params = { from: pair.from, to: pair.to, relTypes: TRAVERSAL_REL_TYPES, excludeLabels: [], limit: neo4j.int(PATHS_ROW_CAP) };
      const result = await db.read((tx) => tx.run(shortestQuery, params), { timeoutMs: DEFAULT_LIMITS.pathsTimeoutMs });
      return ((result.records[0]?.get('paths') as unknown[] | undefined) ?? []).length === 1 ? null : 'no path';
    },
  };

  return [floor, search, expand, details, shortest] as Array<Case<unknown>>;
}

// ---- report ----

function fmt(ms: number): string {
  return Number.isNaN(ms) ? '-' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

function printReport(results: Measured[], o: Options): boolean {
  const summarise = (name: string, samples: Samples, hasDirect: boolean) => {
    const apiP50 = percentile(samples.api, 50);
    const apiP99 = percentile(samples.api, 99);
    const directP50 = hasDirect ? percentile(samples.direct, 50) : Number.NaN;
    const directP99 = hasDirect ? percentile(samples.direct, 99) : Number.NaN;
    return { name, n: samples.api.length, apiP50, apiP99, directP50, directP99, ratio: apiP50 / directP50 };
  };
  const rows = results.map((r) => ({ ...summarise(r.name, r, r.hasDirect), hasDirect: r.hasDirect, problems: r.problems }));
  const cells = (r: ReturnType<typeof summarise>) => [
    r.name,
    String(r.n),
    fmt(r.apiP50),
    fmt(r.apiP99),
    fmt(r.directP50),
    fmt(r.directP99),
    Number.isNaN(r.ratio) ? '-' : `${r.ratio.toFixed(2)}x`,
  ];
  const header = ['endpoint', 'n', 'p50 ms', 'p99 ms', 'direct p50', 'direct p99', 'API/direct p50'];
  const table = [header];
  for (const r of results) {
    table.push(cells(summarise(r.name, r, r.hasDirect)));
    for (const [group, samples] of [...r.groups].sort(([a], [b]) => a.localeCompare(b))) {
      table.push(cells(summarise(`  ${r.name}: ${group}`, samples, r.hasDirect)));
    }
  }
  const widths = header.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  console.log(
    `\nLatency over ${o.requests} sequential requests per endpoint after ${o.prewarm} pre-warm rounds and ${o.warmup} warm-up ` +
      '(API through HTTP, node:http keep-alive; direct = the same Cypher via Database.read):\n',
  );
  console.log(line(table[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table.slice(1)) console.log(line(row));

  const byName = new Map(rows.map((r) => [r.name, r]));
  const checks: Array<[string, boolean, string]> = [];
  for (const r of rows.filter((row) => row.hasDirect)) {
    checks.push([`${r.name}: API p50 <= ${TARGETS.overheadRatio}x direct p50`, r.ratio <= TARGETS.overheadRatio, `${r.ratio.toFixed(2)}x`]);
  }
  const p99 = (name: string, target: number) => {
    const r = byName.get(name);
    if (r) checks.push([`${name}: p99 < ${target} ms`, r.apiP99 < target, `${fmt(r.apiP99)} ms`]);
  };
  p99('expand', TARGETS.expandP99Ms);
  p99('search', TARGETS.searchP99Ms);
  p99(`shortest path (${PATH_HOPS} hops)`, TARGETS.pathP99Ms);
  console.log('\nTargets:');
  const labelWidth = Math.max(...checks.map(([label]) => label.length));
  for (const [label, ok, value] of checks) console.log(`  ${label.padEnd(labelWidth)}  ${value.padStart(9)}  ${ok ? 'met' : 'NOT MET'}`);

  const problems = rows.filter((r) => r.problems.size > 0);
  if (problems.length > 0) {
    console.log('\nUnexpected answers (warm-up included):');
    for (const r of problems) for (const [problem, count] of r.problems) console.log(`  ${r.name}: ${problem} (${count}x)`);
  }
  return checks.every(([, ok]) => ok);
}

// ---- main ----

async function main(): Promise<number> {
  const o = parseOptions(process.argv.slice(2));
  const stop = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      console.error(`${signal} again: exiting now (Neo4j gets SIGTERM on exit).`);
      process.exit(130);
    }
    console.error(`\n${signal}: stopping after the current step, then stopping Neo4j…`);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const checkStop = () => {
    if (stop.signal.aborted) throw new Interrupted();
  };

  const instanceDir = benchInstanceDir(o);
  console.log(`Benchmark graph: ${o.nodes} nodes, ${o.rels} relationships (seed ${o.seed}) in ${path.relative(REPO_ROOT, instanceDir)}`);
  console.log(`Machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at start`);

  let local: LocalNeo4j | null = null;
  let db: Database | null = null;
  let server: Server | null = null;
  let appLogger: Logger | null = null;
  try {
    let t = performance.now();
    const opened = await openBenchGraph(o, { signal: stop.signal, log: (line) => console.log(line) });
    local = opened.local;
    db = opened.db;
    const { manifest } = opened;
    checkStop();

    const { picks } = manifest;
    console.log(
      `Inputs: ${picks.searchQueries.length} search phrases, ${picks.hubs.length} expand nodes ` +
        `(degree ${Math.min(...picks.hubs.map((h) => h.degree))}–${Math.max(...picks.hubs.map((h) => h.degree))}), ` +
        `${picks.detailNodes.length} detail nodes, ${picks.pairs.length} distance-${PAIR_DISTANCE} pairs`,
    );
    if (picks.pairs.length === 0 || picks.hubs.length === 0) throw new Error('The graph is too small for the expand or path benchmark.');

    // The app as main.ts composes it, logging every request at info level to a file.
    const logFile = path.join(instanceDir, 'logs', 'bench-api.log');
    appLogger = pino<never>({ level: 'info', base: { service: 'threat-network-explorer' } }, pino.destination({ dest: logFile, sync: false, mkdir: true }));
    const app = createApp({ db, logger: appLogger, limits: DEFAULT_LIMITS });
    const port = await freePort();
    server = await new Promise<Server>((resolve, reject) => {
      const s: Server = app.listen(port, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
    });
    const base = `http://127.0.0.1:${port}`;
    console.log(`API on ${base} (request log: ${path.relative(REPO_ROOT, logFile)})`);

    const all = cases(base, db, picks);
    t = performance.now();
    if (o.prewarm > 0) {
      process.stdout.write(`  pre-warming (${o.prewarm} rounds over every endpoint, API and direct)…`);
      await prewarm(all, o.prewarm, stop.signal);
      process.stdout.write(` ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    }
    const results: Measured[] = [];
    for (const c of all) {
      checkStop();
      process.stdout.write(`  measuring ${c.name}…`);
      const started = performance.now();
      results.push(await measure(c, o, stop.signal));
      process.stdout.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    }
    const allMet = printReport(results, o);
    console.log(`\nMeasured in ${((performance.now() - t) / 1000).toFixed(1)} s; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at the end.`);
    console.log('Numbers are noisy when other processes (another Neo4j, test runs) share the machine.');
    if (!allMet) console.log('Some targets were not met (see above).');
    return 0;
  } catch (err) {
    if (err instanceof Interrupted || stop.signal.aborted) {
      console.error('Interrupted.');
      return 130;
    }
    throw err;
  } finally {
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server!.close(resolve));
    }
    appLogger?.flush();
    await db?.close();
    if (local) {
      console.log(local.owned ? 'Stopping Neo4j…' : 'Leaving the Neo4j this run did not start running.');
      await local.stop();
    }
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
