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
// The peer columns run the same Cypher with the same parameters through Neo4j's own HTTP Query API
// (POST /db/neo4j/query/v2, basic auth, keep-alive, one request at a time): what a JSON-over-HTTP
// answer costs without this API. Its HTTP connector is turned on for this benchmark's instance
// only (127.0.0.1, a free port, the Query API module alone). The statements and parameters come
// from the data-access modules' own builders (searchQueryParams, expandParams, pathsStatement...),
// so the direct and peer rows run exactly what the routes run.
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
import { expandRequestSchema, pathsRequestSchema, searchQuerySchema } from '@model/api.js';
import { createApp } from '../server/app.js';
import { REPO_ROOT } from '../server/config.js';
import { cypher } from '../server/db/statements.js';
import type { Database } from '../server/db/database.js';
import { freePort, type LocalNeo4j, type Neo4jConnection } from '../server/db/local-neo4j/instance.js';
import { DEFAULT_LIMITS } from '../server/http/limits.js';
import type { Logger } from '../server/logger.js';
import { expandParams } from '../server/graph/expand.js';
import { nodeDetailsParams } from '../server/graph/nodes.js';
import { pathsParams, pathsStatement } from '../server/graph/paths.js';
import { searchQueryParams } from '../server/graph/search.js';
import { Interrupted, benchInstanceDir, openBenchGraph, percentile } from './bench-graph.js';
import { PAIR_DISTANCE, parseSize, type GraphPicks } from './generate-graph.js';

const PATH_HOPS = 4;

const TARGETS = {
  overheadRatio: 1.2,
  /** API p50 minus direct p50 (issue 11). */
  overheadMs: 1.0,
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

/** One statement as a route runs it: its Cypher, its parameters and its time limit. */
interface Statement {
  query: string;
  params: Record<string, unknown>;
  timeoutMs: number;
}

interface Case<T> {
  name: string;
  inputs: readonly T[];
  /** Through HTTP; returns a problem with the answer, if any. */
  api(input: T): Promise<string | null>;
  /** The route's Cypher and parameters for an input, built by the route's own builders. */
  statement?(input: T): Statement;
  /** Checks the rows of the statement (as plain values by column); returns a problem, if any. */
  check?(rows: Array<(column: string) => unknown>): string | null;
  /** Sub-group of an input, reported separately (e.g. the kind of a search phrase). */
  group?(input: T): string;
}

const WAYS = ['api', 'direct', 'peer'] as const;
type Way = (typeof WAYS)[number];
type Samples = Record<Way, number[]>;

interface Measured extends Samples {
  name: string;
  hasDirect: boolean;
  groups: Map<string, Samples>;
  problems: Map<string, number>;
}

const noSamples = (): Samples => ({ api: [], direct: [], peer: [] });

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

/** The three ways of running an input: the API over HTTP, the driver (Database.read), the Query API. */
interface Runners {
  db: Database;
  queryApi: QueryApi;
}

function runOf<T>(c: Case<T>, way: Way, r: Runners): ((input: T) => Promise<string | null>) | null {
  if (way === 'api') return (input) => c.api(input);
  if (!c.statement) return null;
  const statement = c.statement.bind(c);
  const check = (rows: Array<(column: string) => unknown>) => (c.check ? c.check(rows) : null);
  if (way === 'direct') {
    return async (input) => {
      const { query, params, timeoutMs } = statement(input);
      const result = await r.db.read((tx) => tx.run(query, params), { timeoutMs });
      return check(result.records.map((record) => (column: string) => record.get(column) as unknown));
    };
  }
  return async (input) => {
    const { query, params } = statement(input);
    return check(await r.queryApi.rows(query, params));
  };
}

/**
 * Warm-up, then `requests` rounds of API, direct and peer calls of the same input, in an order
 * that rotates each round so all three see the same noise and none always goes first.
 */
async function measure<T>(c: Case<T>, o: Options, r: Runners, signal: AbortSignal): Promise<Measured> {
  const result: Measured = { name: c.name, hasDirect: c.statement !== undefined, ...noSamples(), groups: new Map(), problems: new Map() };
  const runs = WAYS.map((way) => [way, runOf(c, way, r)] as const).filter(
    (e): e is readonly [Way, (input: T) => Promise<string | null>] => e[1] !== null,
  );
  const total = o.warmup + o.requests;
  for (let i = 0; i < total; i++) {
    if (signal.aborted) throw new Interrupted();
    const input = c.inputs[i % c.inputs.length] as T;
    const times = new Map<Way, number>();
    for (let k = 0; k < runs.length; k++) {
      const [way, run] = runs[(i + k) % runs.length]!;
      times.set(way, await timed(() => run(input), result.problems));
    }
    if (i < o.warmup) continue;
    const group = c.group?.(input);
    const samples = group === undefined ? undefined : (result.groups.get(group) ?? noSamples());
    if (group !== undefined) result.groups.set(group, samples!);
    for (const [way, ms] of times) {
      result[way].push(ms);
      samples?.[way].push(ms);
    }
  }
  return result;
}

/** Calls every case `rounds` times round-robin, every way, without measuring. */
async function prewarm(all: Array<Case<unknown>>, rounds: number, r: Runners, signal: AbortSignal): Promise<void> {
  const ignored = new Map<string, number>();
  const runs = all.map((c) => WAYS.map((way) => runOf(c, way, r)).filter((run) => run !== null));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < all.length; k++) {
      const c = all[k]!;
      const input = c.inputs[round % c.inputs.length];
      for (const run of runs[k]!) {
        if (signal.aborted) throw new Interrupted();
        await timed(() => run(input), ignored);
      }
    }
  }
}

/**
 * One JSON request over a kept-alive connection with node:http. Node's fetch costs about 0.3 ms
 * more per call in its WHATWG streams, which would be measured as the API's overhead.
 */
function httpJson(
  agent: http.Agent,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const all = payload
      ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)), ...headers }
      : headers;
    const req = http.request(url, { method, agent, headers: all }, (res) => {
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

/**
 * A driver parameter as the Query API's typed JSON (Content-Type application/vnd.neo4j.query, as Neo4j 5.26 names it):
 * a neo4j.int stays an INTEGER ({"$type": "Integer", "_value": "100"}), a JS number is a FLOAT as the
 * driver sends it, lists and maps typed element by element.
 */
function typedJson(value: unknown): unknown {
  if (value === null || value === undefined) return { $type: 'Null', _value: null };
  if (neo4j.isInt(value)) return { $type: 'Integer', _value: value.toString() };
  switch (typeof value) {
    case 'string':
      return { $type: 'String', _value: value };
    case 'boolean':
      return { $type: 'Boolean', _value: value };
    case 'number':
      return { $type: 'Float', _value: String(value) };
    default:
      break;
  }
  if (Array.isArray(value)) return { $type: 'List', _value: value.map(typedJson) };
  if (typeof value === 'object')
    return { $type: 'Map', _value: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typedJson(v)])) };
  throw new Error(`No typed JSON for a parameter of type ${typeof value}`);
}

/** Neo4j's HTTP Query API: one statement in a read transaction, results as plain JSON rows. */
class QueryApi {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly url: string;
  private readonly headers: Record<string, string>;

  constructor(httpUri: string, connection: Neo4jConnection) {
    this.url = `${httpUri}/db/${encodeURIComponent(connection.database ?? 'neo4j')}/query/v2`;
    this.headers = {
      authorization: `Basic ${Buffer.from(`${connection.user}:${connection.password}`).toString('base64')}`,
      // Typed parameters (integers stay integers), plain JSON results: the cheaper answer to read.
      'content-type': 'application/vnd.neo4j.query',
      accept: 'application/json',
    };
  }

  async rows(statement: string, params: Record<string, unknown>): Promise<Array<(column: string) => unknown>> {
    const parameters = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typedJson(v)]));
    const { status, body } = await httpJson(this.agent, 'POST', this.url, { statement, parameters, accessMode: 'Read' }, this.headers);
    const answer = body as { data?: { fields: string[]; values: unknown[][] }; errors?: Array<{ code: string; message: string }> };
    if (status >= 300 || !answer.data)
      throw new Error(`Query API HTTP ${status}: ${answer.errors?.[0]?.code ?? ''} ${answer.errors?.[0]?.message ?? ''}`);
    const { fields, values } = answer.data;
    return values.map((row) => (column: string) => row[fields.indexOf(column)]);
  }

  close(): void {
    this.agent.destroy();
  }
}

const apiAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function cases(base: string, picks: GraphPicks): Array<Case<unknown>> {
  const readTimeoutMs = DEFAULT_LIMITS.readTimeoutMs;
  const getJson = (url: string) => httpJson(apiAgent, 'GET', url);
  const postJson = (url: string, body: unknown) => httpJson(apiAgent, 'POST', url, body);
  const length = (value: unknown) => (Array.isArray(value) ? value.length : 0);

  const floor: Case<string> = {
    name: 'http floor (404, no Neo4j)',
    inputs: ['/api/bench-floor-not-a-route'],
    async api(url) {
      const { status } = await getJson(`${base}${url}`);
      return status === 404 ? null : `HTTP ${status}`;
    },
  };

  // Requests as the routes see them (validated, defaults filled in), built once, outside the timing.
  const kindOf = new Map(picks.searchQueries.map((q) => [q.q, q.kind]));
  const searchQueries = new Map(picks.searchQueries.map((q) => [q.q, searchQueryParams(searchQuerySchema.parse({ q: q.q }))]));
  const search: Case<string> = {
    name: 'search',
    inputs: picks.searchQueries.map((q) => q.q),
    group: (q) => kindOf.get(q) ?? 'other',
    async api(q) {
      const { status, body } = await getJson(`${base}/api/search?q=${encodeURIComponent(q)}`);
      if (status !== 200) return `HTTP ${status}`;
      return (body as { results: unknown[] }).results.length === 0 ? 'no results' : null;
    },
    statement(q) {
      const params = searchQueries.get(q);
      if (!params) throw new Error(`"${q}": no words to search for`);
      return { query: cypher('search/fulltext'), params, timeoutMs: readTimeoutMs };
    },
    check: (rows) => (rows.length === 0 ? 'no results' : null),
  };

  const expandRequests = new Map(picks.hubs.map((h) => [h.id, expandRequestSchema.parse({ ids: [h.id] })]));
  const expand: Case<string> = {
    name: 'expand',
    inputs: picks.hubs.map((h) => h.id),
    async api(id) {
      const { status, body } = await postJson(`${base}/api/expand`, { ids: [id] });
      if (status !== 200) return `HTTP ${status}`;
      return (body as { nodes: unknown[] }).nodes.length < 2 ? 'no neighbours' : null;
    },
    statement: (id) => ({ query: cypher('expand/page'), params: expandParams(expandRequests.get(id)!), timeoutMs: readTimeoutMs }),
    check: (rows) => (length(rows[0]?.('neighbours')) === 0 ? 'no neighbours' : null),
  };

  const details: Case<string> = {
    name: 'node details',
    inputs: picks.detailNodes,
    async api(id) {
      const { status } = await getJson(`${base}/api/nodes/${encodeURIComponent(id)}`);
      return status === 200 ? null : `HTTP ${status}`;
    },
    statement: (id) => ({ query: cypher('nodes/details'), params: nodeDetailsParams(id), timeoutMs: readTimeoutMs }),
    check: (rows) => (rows.length === 1 ? null : 'not found'),
  };

  const pathRequests = new Map(
    picks.pairs.map((pair) => [pair, pathsRequestSchema.parse({ ...pair, mode: 'shortest', maxHops: PATH_HOPS })]),
  );
  const shortest: Case<{ from: string; to: string }> = {
    name: `shortest path (${PATH_HOPS} hops)`,
    inputs: picks.pairs,
    async api(pair) {
      const { status, body } = await postJson(`${base}/api/paths`, { ...pair, mode: 'shortest', maxHops: PATH_HOPS });
      if (status !== 200) return `HTTP ${status}`;
      const length = (body as { paths: Array<{ length: number }> }).paths[0]?.length;
      return length === PAIR_DISTANCE ? null : `path length ${length ?? 'none'}, expected ${PAIR_DISTANCE}`;
    },
    statement(pair) {
      const request = pathRequests.get(pair)!;
      return { query: pathsStatement(request), params: pathsParams(request), timeoutMs: DEFAULT_LIMITS.pathsTimeoutMs };
    },
    check: (rows) => (length(rows[0]?.('paths')) === 1 ? null : 'no path'),
  };

  return [floor, search, expand, details, shortest] as Array<Case<unknown>>;
}

// ---- report ----

function fmt(ms: number): string {
  return Number.isNaN(ms) ? '-' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

function printReport(results: Measured[], o: Options): boolean {
  const summarise = (name: string, samples: Samples, hasDirect: boolean) => {
    const p = (way: Way, q: number) => (way === 'api' || hasDirect ? percentile(samples[way], q) : Number.NaN);
    const [apiP50, directP50, peerP50] = [p('api', 50), p('direct', 50), p('peer', 50)];
    return {
      name,
      n: samples.api.length,
      apiP50,
      apiP99: p('api', 99),
      directP50,
      directP99: p('direct', 99),
      peerP50,
      peerP99: p('peer', 99),
      overheadMs: apiP50 - directP50,
      ratio: apiP50 / directP50,
      peerRatio: apiP50 / peerP50,
    };
  };
  const rows = results.map((r) => ({ ...summarise(r.name, r, r.hasDirect), hasDirect: r.hasDirect, problems: r.problems }));
  const x = (ratio: number) => (Number.isNaN(ratio) ? '-' : `${ratio.toFixed(2)}x`);
  const cells = (r: ReturnType<typeof summarise>) => [
    r.name,
    String(r.n),
    fmt(r.apiP50),
    fmt(r.apiP99),
    fmt(r.directP50),
    fmt(r.directP99),
    fmt(r.peerP50),
    fmt(r.peerP99),
    Number.isNaN(r.overheadMs) ? '-' : `${r.overheadMs >= 0 ? '+' : ''}${r.overheadMs.toFixed(2)}`,
    x(r.ratio),
    x(r.peerRatio),
  ];
  const header = [
    'endpoint',
    'n',
    'p50 ms',
    'p99 ms',
    'direct p50',
    'direct p99',
    'peer p50',
    'peer p99',
    'API-direct p50',
    'API/direct p50',
    'API/peer p50',
  ];
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
      '(API through HTTP, node:http keep-alive; direct = the same Cypher and parameters via Database.read; ' +
      "peer = the same through Neo4j's HTTP Query API, keep-alive):\n",
  );
  console.log(line(table[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table.slice(1)) console.log(line(row));

  const byName = new Map(rows.map((r) => [r.name, r]));
  const checks: Array<[string, boolean, string]> = [];
  for (const r of rows.filter((row) => row.hasDirect)) {
    checks.push([`${r.name}: API p50 <= ${TARGETS.overheadRatio}x direct p50`, r.ratio <= TARGETS.overheadRatio, `${r.ratio.toFixed(2)}x`]);
    checks.push([
      `${r.name}: API p50 - direct p50 <= ${TARGETS.overheadMs.toFixed(1)} ms`,
      r.overheadMs <= TARGETS.overheadMs,
      `${r.overheadMs.toFixed(2)} ms`,
    ]);
    checks.push([`${r.name}: API p50 < Query API p50`, r.apiP50 < r.peerP50, `${r.peerRatio.toFixed(2)}x`]);
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
  console.log(
    `Machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at start`,
  );

  let local: LocalNeo4j | null = null;
  let db: Database | null = null;
  let server: Server | null = null;
  let appLogger: Logger | null = null;
  let queryApi: QueryApi | null = null;
  try {
    let t = performance.now();
    const opened = await openBenchGraph(o, { signal: stop.signal, log: (line) => console.log(line), http: true });
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
    appLogger = pino<never>(
      { level: 'info', base: { service: 'threat-network-explorer' } },
      pino.destination({ dest: logFile, sync: false, mkdir: true }),
    );
    const app = createApp({ db, logger: appLogger, limits: DEFAULT_LIMITS });
    const port = await freePort();
    server = await new Promise<Server>((resolve, reject) => {
      const s: Server = app.listen(port, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
    });
    const base = `http://127.0.0.1:${port}`;
    console.log(`API on ${base} (request log: ${path.relative(REPO_ROOT, logFile)})`);

    if (!local.httpUri) throw new Error('The benchmark Neo4j has no HTTP Query API (was it already running?)');
    queryApi = new QueryApi(local.httpUri, local.connection);
    console.log(`Neo4j Query API (peer) on ${local.httpUri}`);
    const runners: Runners = { db, queryApi };
    const all = cases(base, picks);
    t = performance.now();
    if (o.prewarm > 0) {
      process.stdout.write(`  pre-warming (${o.prewarm} rounds over every endpoint, API, direct and peer)…`);
      await prewarm(all, o.prewarm, runners, stop.signal);
      process.stdout.write(` ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    }
    const results: Measured[] = [];
    for (const c of all) {
      checkStop();
      process.stdout.write(`  measuring ${c.name}…`);
      const started = performance.now();
      results.push(await measure(c, o, runners, stop.signal));
      process.stdout.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    }
    const allMet = printReport(results, o);
    console.log(
      `\nMeasured in ${((performance.now() - t) / 1000).toFixed(1)} s; load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} at the end.`,
    );
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
    apiAgent.destroy();
    queryApi?.close();
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
