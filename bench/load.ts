// npm run bench:load [-- --graph seed|bench|both --clients 10,50 --duration S --warmup S --prewarm S
//                       --kill seed|bench|both|none --kill-clients C --kill-after S --recovery-limit S
//                       --pause-after-503 MS
//                       --nodes N --rels M --seed S --cpu-profile DIR]
//
// Throughput and latency of the explorer API under concurrent load, and how it rides out a crash
// of Neo4j. Closed-loop clients (bench/load-clients.ts, in a worker thread) send a mixed workload
// (bench/load-workload.ts: search 40 %, expand 30 %, node details 20 %, 4-hop shortest path 10 %,
// from a fixed-seed PRNG over realistic inputs) for --duration seconds after --warmup seconds, at
// each of --clients concurrencies, against:
//   - the API over HTTP (node:http, keep-alive Agent with one socket per client), served by the
//     app wired as server/main.ts wires it: createApp with a SystemStatus, the managed Neo4j
//     supervised (superviseNeo4j), Readiness; rate limits off (DEFAULT_LIMITS), a silent logger;
//   - the same data functions the routes call (searchGraph, nodeDetails, expandNodes, findPaths),
//     run in-process against a Database: the same Cypher through the driver, without HTTP.
// Targets: no errors at 50 clients; API throughput at least 80 % of the driver's.
//
// Then the kill run: the same workload at 50 clients through the API, and in the middle Neo4j's
// java process gets SIGKILL. The supervisor restarts it, Readiness brings the status back to ready.
// Reported: the answers during the outage by status (503 only, or FAIL), the slowest 503, and the
// times from the kill to Neo4j answering again and to the first 200.
//
// Graphs: `seed`, the seed files loaded into their own Neo4j in .neo4j/bench/seed-load/ by the
// real start-up path (LocalNeo4j.prepare/start, then Readiness with readDataset: schema, seed if
// needed, warm-up; kept and reused); `bench`, the synthetic graph of bench:api (100,000 nodes and
// 1,000,000 relationships by default, in .neo4j/bench/, generated once and reused). Everything
// stays on 127.0.0.1; every Neo4j this run started is stopped at the end and on Ctrl-C.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { readDataset } from '../seed/dataset.js';
import { createApp } from '../server/app.js';
import { REPO_ROOT } from '../server/config.js';
import { Database } from '../server/db/database.js';
import { LocalNeo4j, freePort } from '../server/db/local-neo4j/instance.js';
import type { Neo4jSupervisor } from '../server/db/local-neo4j/supervisor.js';
import { DEFAULT_LIMITS } from '../server/http/limits.js';
import { Readiness } from '../server/lifecycle/readiness.js';
import { SystemStatus } from '../server/lifecycle/status.js';
import { superviseNeo4j } from '../server/lifecycle/supervision.js';
import { createLogger } from '../server/logger.js';
import { warmUp } from '../server/graph/warm-up.js';
import {
  BENCH_ROOT,
  Interrupted,
  LIB_ROOT,
  START_TIMEOUT_MS,
  benchInstanceDir,
  machineLine,
  neo4jVersion,
  openBenchGraph,
  percentileOfSorted,
} from './bench-graph.js';
import { graphCounts, parseSize } from './generate-graph.js';
import { startProfiler, summariseProfile } from './cpu-profile.js';
import { neo4jAnsweringAgain } from './neo4j-probe.js';
import { startClients, threadCpuSeconds, type ClientsConfig, type ClientsReport, type ClientsRun } from './load-clients.js';
import { ENDPOINTS, ENDPOINT_NAMES, MIX, benchWorkload, seedWorkload, type Workload } from './load-workload.js';

/** The seeded graph's instance, kept between runs (the seed is loaded once). */
const SEED_INSTANCE = path.join(BENCH_ROOT, 'seed-load');
/** As `npm start` (NEO4J_HEAP, NEO4J_PAGECACHE defaults). */
const SEED_HEAP = '2g';
const SEED_PAGE_CACHE = '2g';
const CLIENT_SEED = 20_241_015;
/** A request without an answer by then counts as a failure (paths have a 20 s limit). */
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_REQUESTS_PER_CLIENT = 5_000_000;
/** After the first 200 of the kill run, the clients go on this long (answers after recovery). */
const AFTER_RECOVERY_MS = 5_000;
const TARGET_RATIO = 0.8;

type GraphName = 'seed' | 'bench';

interface Options {
  graphs: GraphName[];
  clients: number[];
  durationS: number;
  warmupS: number;
  prewarmS: number;
  kill: GraphName[];
  killClients: number;
  killAfterS: number;
  recoveryLimitS: number;
  pauseAfter503Ms: number;
  nodes: number;
  rels: number;
  seed: number;
  /** Profile the API server thread and the client thread of each measured run into this folder. */
  cpuProfileDir?: string;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      graph: { type: 'string' },
      clients: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      prewarm: { type: 'string' },
      kill: { type: 'string' },
      'kill-clients': { type: 'string' },
      'kill-after': { type: 'string' },
      'recovery-limit': { type: 'string' },
      'cpu-profile': { type: 'string' },
      'pause-after-503': { type: 'string' },
      nodes: { type: 'string' },
      rels: { type: 'string' },
      seed: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const number = (value: string | undefined, fallback: number, name: string, min: number, max: number): number => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max}`);
    return n;
  };
  const graphs = (value: string | undefined, fallback: GraphName[], name: string, allowNone: boolean): GraphName[] => {
    if (value === undefined) return fallback;
    if (value === 'both') return ['seed', 'bench'];
    if (value === 'seed' || value === 'bench') return [value];
    if (allowNone && value === 'none') return [];
    throw new Error(`--${name} must be seed, bench, both${allowNone ? ' or none' : ''}`);
  };
  const clients = (values.clients ?? '10,50').split(',').map((c) => {
    const n = Number(c.trim());
    if (!Number.isSafeInteger(n) || n < 1 || n > 500) throw new Error('--clients must list integers from 1 to 500, e.g. 10,50');
    return n;
  });
  return {
    ...parseSize(argv),
    graphs: graphs(values.graph, ['seed', 'bench'], 'graph', false),
    clients,
    durationS: number(values.duration, 20, 'duration', 1, 3600),
    warmupS: number(values.warmup, 5, 'warmup', 0, 600),
    prewarmS: number(values.prewarm, 60, 'prewarm', 0, 600),
    kill: graphs(values.kill, ['seed', 'bench'], 'kill', true),
    killClients: number(values['kill-clients'], 50, 'kill-clients', 1, 500),
    killAfterS: number(values['kill-after'], 10, 'kill-after', 1, 600),
    recoveryLimitS: number(values['recovery-limit'], 300, 'recovery-limit', 10, 1800),
    pauseAfter503Ms: number(values['pause-after-503'], 0, 'pause-after-503', 0, 60_000),
    ...(values['cpu-profile'] ? { cpuProfileDir: path.resolve(values['cpu-profile']) } : {}),
  };
}

// ---- timing and CPU ----

const now = () => performance.timeOrigin + performance.now();
const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Interrupted());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Interrupted());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

interface CpuSnapshot {
  at: number;
  machineBusy: number;
  machineTotal: number;
  neo4jTicks: number;
  selfMicros: number;
  /** CPU seconds of this (the main, API server) thread. */
  mainThread: number;
  loop: ReturnType<typeof performance.eventLoopUtilization>;
}

function cpuSnapshot(neo4jPid: number | undefined): CpuSnapshot {
  let machineBusy = 0;
  let machineTotal = 0;
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    machineTotal = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    machineBusy = machineTotal - (fields[3] ?? 0) - (fields[4] ?? 0);
  } catch {
    // not Linux: no machine figures
  }
  let neo4jTicks = Number.NaN;
  if (neo4jPid !== undefined) {
    try {
      const stat = readFileSync(`/proc/${neo4jPid}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      neo4jTicks = Number(rest[11]) + Number(rest[12]); // utime, stime (fields 14 and 15)
    } catch {
      // gone
    }
  }
  const self = process.cpuUsage();
  return {
    at: now(),
    machineBusy,
    machineTotal,
    neo4jTicks,
    selfMicros: self.user + self.system,
    mainThread: threadCpuSeconds(clockTicks),
    loop: performance.eventLoopUtilization(),
  };
}

interface CpuUse {
  /** Cores busy on average over the window. */
  machine: number;
  neo4j: number;
  self: number;
  /** Cores used by the main thread: the API server in HTTP runs, idle in driver runs. */
  mainThread: number;
  others: number;
  /** Busy share of the main thread's event loop (the API server in HTTP runs). */
  serverLoop: number;
}

function cpuUse(a: CpuSnapshot, b: CpuSnapshot): CpuUse {
  const seconds = (b.at - a.at) / 1000;
  const cores = os.cpus().length;
  const machine =
    b.machineTotal > a.machineTotal ? ((b.machineBusy - a.machineBusy) / (b.machineTotal - a.machineTotal)) * cores : Number.NaN;
  const neo4jCores = (b.neo4jTicks - a.neo4jTicks) / clockTicks / seconds;
  const self = (b.selfMicros - a.selfMicros) / 1e6 / seconds;
  return {
    machine,
    neo4j: neo4jCores,
    self,
    mainThread: (b.mainThread - a.mainThread) / seconds,
    others: machine - (Number.isNaN(neo4jCores) ? 0 : neo4jCores) - self,
    serverLoop: performance.eventLoopUtilization(b.loop, a.loop).utilization,
  };
}

// ---- one measured run ----

interface EndpointStats {
  name: string;
  n: number;
  p50: number;
  p99: number;
  max: number;
}

interface RunResult {
  target: 'API' | 'driver';
  clients: number;
  seconds: number;
  answers: number;
  rps: number;
  endpoints: EndpointStats[];
  all: EndpointStats;
  /** Answers other than 200, warm-up included. */
  problems: Record<string, number>;
  errors: number;
  cpu: CpuUse | null;
  clientLoop: number;
  clientCores: number;
  /** With --cpu-profile: where the API server thread's and the client thread's busy time went. */
  serverProfile?: string[];
  clientProfile?: string[];
}

function stats(name: string, latencies: number[]): EndpointStats {
  const sorted = Float64Array.from(latencies).sort();
  return {
    name,
    n: sorted.length,
    p50: percentileOfSorted(sorted, 50),
    p99: percentileOfSorted(sorted, 99),
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

function summarise(target: RunResult['target'], clients: number, report: ClientsReport, cpu: CpuUse | null): RunResult {
  const { records, measureFrom, measureTo } = report;
  const per = ENDPOINTS.map(() => [] as number[]);
  const all: number[] = [];
  for (let i = 0; i < records.status.length; i++) {
    const end = records.start[i]! + records.latencyMs[i]!;
    if (end < measureFrom || end > measureTo) continue;
    per[records.endpoint[i]!]!.push(records.latencyMs[i]!);
    all.push(records.latencyMs[i]!);
  }
  const seconds = (measureTo - measureFrom) / 1000;
  return {
    target,
    clients,
    seconds,
    answers: all.length,
    rps: all.length / seconds,
    endpoints: ENDPOINTS.map((e, k) => stats(ENDPOINT_NAMES[e], per[k]!)),
    all: stats('all', all),
    problems: report.problems,
    errors: Object.values(report.problems).reduce((a, b) => a + b, 0),
    cpu,
    clientLoop: report.loopUtilization,
    clientCores: report.threadCores,
    ...(report.profile ? { clientProfile: report.profile } : {}),
  };
}

interface Target {
  kind: 'http' | 'driver';
  base?: string;
}

interface GraphContext {
  name: GraphName;
  title: string;
  local: LocalNeo4j;
  db: Database;
  status: SystemStatus;
  base: string;
  workload: Workload;
}

async function measureRun(
  ctx: GraphContext,
  o: Options,
  clients: number,
  target: Target,
  signal: AbortSignal,
  running: { run: ClientsRun | null },
): Promise<RunResult> {
  const profileBase = o.cpuProfileDir
    ? path.join(o.cpuProfileDir, `${ctx.name}-${clients}-clients-${target.kind === 'http' ? 'api' : 'driver'}`)
    : undefined;
  const config: ClientsConfig = {
    target:
      target.kind === 'http'
        ? { kind: 'http', base: ctx.base }
        : { kind: 'driver', connection: ctx.local.connection, limits: DEFAULT_LIMITS },
    clients,
    workload: ctx.workload,
    seed: CLIENT_SEED,
    warmupMs: o.warmupS * 1000,
    durationMs: o.durationS * 1000,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    maxRequestsPerClient: MAX_REQUESTS_PER_CLIENT,
    clockTicks,
    ...(profileBase ? { profileFile: `${profileBase}-client-thread.cpuprofile` } : {}),
  };
  const run = startClients(config, (o.warmupS + o.durationS) * 1000 + REQUEST_TIMEOUT_MS + 60_000);
  running.run = run;
  try {
    const onAbort = () => run.stop();
    signal.addEventListener('abort', onAbort, { once: true });
    // CPU over the measured window, taken here while the clients run in their worker.
    let cpu: CpuUse | null = null;
    let serverProfile: string[] | undefined;
    const window = run.measuring.then(async () => {
      const profiler = profileBase && target.kind === 'http' ? await startProfiler() : null;
      const first = cpuSnapshot(ctx.local.pid);
      await sleep(o.durationS * 1000, signal).catch(() => {});
      cpu = cpuUse(first, cpuSnapshot(ctx.local.pid));
      if (profiler) serverProfile = summariseProfile(await profiler.stop(`${profileBase}-server-thread.cpuprofile`)).lines;
    });
    const report = await run.done;
    signal.removeEventListener('abort', onAbort);
    if (signal.aborted) throw new Interrupted();
    await Promise.race([window, sleep(5_000)]);
    const result = summarise(target.kind === 'http' ? 'API' : 'driver', clients, report, cpu);
    return serverProfile ? { ...result, serverProfile } : result;
  } finally {
    running.run = null;
  }
}

/**
 * A freshly started JVM (Neo4j's Cypher runtime) and Node (the routes) need many calls before
 * their JIT settles: `seconds` of the workload through the API, then as many through the driver,
 * not measured, so the first measured run does not pay for it. 60 s by default: on 2 cores,
 * Neo4j's C2 compiler threads still took half a core 100 s after its start (jstat -compiler), and
 * with 10 s the API run, measured first, paid for it (Neo4j 5.2 ms CPU per request against 3.4 in
 * the driver run that followed; 2.3 and 1.9 after 60 s).
 */
async function prewarm(
  ctx: GraphContext,
  seconds: number,
  clients: number,
  signal: AbortSignal,
  running: { run: ClientsRun | null },
): Promise<string> {
  const parts: string[] = [];
  for (const kind of ['http', 'driver'] as const) {
    if (signal.aborted) throw new Interrupted();
    const run = startClients(
      {
        target:
          kind === 'http' ? { kind: 'http', base: ctx.base } : { kind: 'driver', connection: ctx.local.connection, limits: DEFAULT_LIMITS },
        clients,
        workload: ctx.workload,
        seed: CLIENT_SEED + 1,
        warmupMs: seconds * 1000,
        durationMs: 0,
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
        maxRequestsPerClient: MAX_REQUESTS_PER_CLIENT,
        clockTicks,
      },
      seconds * 1000 + REQUEST_TIMEOUT_MS + 60_000,
    );
    running.run = run;
    try {
      const report = await run.done;
      parts.push(
        `${kind === 'http' ? 'API' : 'driver'} ${report.records.status.length} requests (errors: ${problemsLine(report.problems)})`,
      );
    } finally {
      running.run = null;
    }
  }
  return parts.join(', ');
}

// ---- report ----

function ms(value: number): string {
  return Number.isNaN(value) ? '-' : value < 10 ? value.toFixed(2) : value < 1000 ? value.toFixed(1) : value.toFixed(0);
}

function table(rows: string[][], alignLeft = 1): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c < alignLeft ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

function problemsLine(problems: Record<string, number>): string {
  const entries = Object.entries(problems).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? 'none' : entries.map(([k, n]) => `${k} ×${n}`).join(', ');
}

function cpuLine(label: string, run: RunResult, http: boolean): string {
  const cpu = run.cpu;
  if (!cpu) return `  ${label}: -`;
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const c = (x: number) => x.toFixed(2);
  const rest = cpu.self - (http ? cpu.mainThread : 0) - run.clientCores;
  const threads = http
    ? `API server thread ${c(cpu.mainThread)} (loop busy ${pct(cpu.serverLoop)}), client thread ${c(run.clientCores)} (loop busy ${pct(run.clientLoop)})`
    : `client thread running the data functions ${c(run.clientCores)} (loop busy ${pct(run.clientLoop)})`;
  return (
    `  ${label}: machine ${c(cpu.machine)} of ${os.cpus().length} cores busy: Neo4j ${c(cpu.neo4j)}, this process ${c(cpu.self)} ` +
    `[${threads}, GC and other threads ${c(rest)}], other processes ${c(cpu.others)}; ` +
    `per request: Neo4j ${((cpu.neo4j / run.rps) * 1000).toFixed(2)} ms, this process ${((cpu.self / run.rps) * 1000).toFixed(2)} ms CPU`
  );
}

function printPair(api: RunResult, driver: RunResult): void {
  const rows: string[][] = [['endpoint', 'API n', 'p50 ms', 'p99 ms', 'max ms', 'driver n', 'p50 ms', 'p99 ms', 'max ms']];
  const all = [...api.endpoints.map((e, k) => [e, driver.endpoints[k]!] as const), [api.all, driver.all] as const];
  for (const [a, d] of all) rows.push([a.name, String(a.n), ms(a.p50), ms(a.p99), ms(a.max), String(d.n), ms(d.p50), ms(d.p99), ms(d.max)]);
  console.log(table(rows));
  const ratio = api.rps / driver.rps;
  console.log(`  requests/s: API ${api.rps.toFixed(1)}, driver ${driver.rps.toFixed(1)}; API/driver ${ratio.toFixed(2)}`);
  console.log(`  errors by status (warm-up included): API ${problemsLine(api.problems)}; driver ${problemsLine(driver.problems)}`);
  console.log(cpuLine('CPU, API run', api, true));
  console.log(cpuLine('CPU, driver run', driver, false));
  const profiles: Array<[string, string[] | undefined]> = [
    ['API run, API server thread', api.serverProfile],
    ['API run, client thread (HTTP requests)', api.clientProfile],
    ['driver run, client thread (data functions)', driver.clientProfile],
  ];
  for (const [label, lines] of profiles) {
    if (!lines) continue;
    console.log(`  busy time of the ${label}:`);
    for (const line of lines) console.log(`    ${line}`);
  }
}

// ---- the kill run ----

interface KillResult {
  killed: boolean;
  note?: string;
  pid?: number;
  /** Milliseconds from the kill. */
  noticedMs?: number;
  neo4jBackMs?: number;
  readyMs?: number;
  firstOkMs?: number;
  before: Record<string, number>;
  outage: Record<string, number>;
  outageTransit200: number;
  outageRecovered200: number;
  after: Record<string, number>;
  /** Every answer other than 200 in the run, by status and error code. */
  problems: Record<string, number>;
  max503Ms: number;
  /** When the slowest 503 was asked, from the kill. */
  max503AskedMs: number;
  p99503Ms: number;
  timeline: Array<{ ms: number; phase: string }>;
}

async function killRun(ctx: GraphContext, o: Options, signal: AbortSignal, running: { run: ClientsRun | null }): Promise<KillResult> {
  const empty: KillResult = {
    killed: false,
    before: {},
    outage: {},
    outageTransit200: 0,
    outageRecovered200: 0,
    after: {},
    problems: {},
    max503Ms: Number.NaN,
    max503AskedMs: Number.NaN,
    p99503Ms: Number.NaN,
    timeline: [],
  };
  const pid = ctx.local.pid;
  if (pid === undefined) return { ...empty, note: 'this run did not start that Neo4j (it reused a running one), so it cannot kill it' };
  const limitMs = o.recoveryLimitS * 1000;
  const run = startClients(
    {
      target: { kind: 'http', base: ctx.base },
      clients: o.killClients,
      workload: ctx.workload,
      seed: CLIENT_SEED,
      warmupMs: o.warmupS * 1000,
      durationMs: o.killAfterS * 1000 + limitMs + AFTER_RECOVERY_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      maxRequestsPerClient: MAX_REQUESTS_PER_CLIENT,
      clockTicks,
      pauseAfter503Ms: o.pauseAfter503Ms,
    },
    (o.warmupS + o.killAfterS) * 1000 + limitMs + AFTER_RECOVERY_MS + REQUEST_TIMEOUT_MS + 60_000,
  );
  running.run = run;
  const timeline: Array<{ at: number; phase: string }> = [];
  const offStatus = ctx.status.subscribe((view) => timeline.push({ at: now(), phase: view.phase }));
  const offAvailability = ctx.db.availability.onChange((up) =>
    timeline.push({ at: now(), phase: up ? "(API's driver: Neo4j up)" : "(API's driver: Neo4j down)" }),
  );
  const off = () => {
    offStatus();
    offAvailability();
  };
  let killAt = Number.NaN;
  let neo4jBackAt = Number.NaN;
  let readyAt = Number.NaN;
  try {
    await run.measuring;
    await sleep(o.killAfterS * 1000, signal);
    killAt = now();
    process.kill(pid, 'SIGKILL');
    process.stdout.write(`  killed Neo4j (pid ${pid}, SIGKILL) ${o.warmupS + o.killAfterS} s into the run; waiting for it to come back…`);

    const deadline = killAt + limitMs;
    const pollNeo4j = async () => {
      neo4jBackAt = (await neo4jAnsweringAgain(ctx.local.connection, deadline, signal)) ?? Number.NaN;
    };
    const waitReady = async () => {
      // The kill is seen at once (the supervisor's exit listener): wait for the status to leave ready first.
      while (now() < deadline && !signal.aborted && ctx.status.ready && now() - killAt < 10_000) await sleep(20, signal).catch(() => {});
      while (now() < deadline && !signal.aborted && !ctx.status.ready) await sleep(20, signal).catch(() => {});
      if (ctx.status.ready) readyAt = now();
    };
    await Promise.all([pollNeo4j(), waitReady()]);
    if (signal.aborted) throw new Interrupted();
    process.stdout.write(
      Number.isNaN(readyAt) ? ' not back in time.\n' : ` ready again after ${((readyAt - killAt) / 1000).toFixed(1)} s.\n`,
    );
    await sleep(AFTER_RECOVERY_MS, signal);
    run.stop();
    const report = await run.done;
    return { ...analyseKill(report, killAt, timeline), pid, neo4jBackMs: neo4jBackAt - killAt, readyMs: readyAt - killAt };
  } catch (err) {
    run.stop();
    await run.done.catch(() => {});
    throw err;
  } finally {
    off();
    running.run = null;
  }
}

function analyseKill(report: ClientsReport, killAt: number, timeline: Array<{ at: number; phase: string }>): KillResult {
  const r = report.records;
  // The first 200 to a request asked after the kill. The outage is what was answered after the
  // kill to requests asked before that 200 arrived; a saturated server does not answer in the
  // order requests were sent, so 200s can be among them once it is back (counted apart).
  let firstOkAt = Number.POSITIVE_INFINITY;
  for (let i = 0; i < r.status.length; i++) {
    if (r.status[i] === 200 && r.start[i]! >= killAt) firstOkAt = Math.min(firstOkAt, r.start[i]! + r.latencyMs[i]!);
  }
  const before: Record<string, number> = {};
  const outage: Record<string, number> = {};
  const after: Record<string, number> = {};
  let outageTransit200 = 0;
  let outageRecovered200 = 0;
  const latencies503: number[] = [];
  let slowest503 = { ms: Number.NaN, askedMs: Number.NaN };
  const count = (into: Record<string, number>, status: number) => {
    into[String(status)] = (into[String(status)] ?? 0) + 1;
  };
  for (let i = 0; i < r.status.length; i++) {
    const start = r.start[i]!;
    const end = start + r.latencyMs[i]!;
    const status = r.status[i]!;
    if (end < killAt) {
      if (start >= report.measureFrom) count(before, status);
    } else if (start < firstOkAt) {
      if (status === 200 && start < killAt) outageTransit200 += 1;
      else if (status === 200) outageRecovered200 += 1;
      else count(outage, status);
      if (status === 503) {
        latencies503.push(r.latencyMs[i]!);
        if (!(r.latencyMs[i]! <= slowest503.ms)) slowest503 = { ms: r.latencyMs[i]!, askedMs: start - killAt };
      }
    } else count(after, status);
  }
  const sorted = Float64Array.from(latencies503).sort();
  return {
    killed: true,
    noticedMs: (timeline.find((t) => t.at >= killAt && !t.phase.startsWith('(') && t.phase !== 'ready')?.at ?? Number.NaN) - killAt,
    firstOkMs: firstOkAt - killAt,
    before,
    outage,
    outageTransit200,
    outageRecovered200,
    after,
    problems: report.problems,
    max503Ms: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
    max503AskedMs: slowest503.askedMs,
    p99503Ms: percentileOfSorted(sorted, 99),
    timeline: timeline.filter((t) => t.at >= killAt).map((t) => ({ ms: t.at - killAt, phase: t.phase })),
  };
}

function statusesLine(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort(([a], [b]) => Number(a) - Number(b));
  return entries.length === 0 ? 'none' : entries.map(([status, n]) => `${status === '0' ? 'no answer' : status} ×${n}`).join(', ');
}

function seconds(msValue: number | undefined): string {
  return msValue === undefined || !Number.isFinite(msValue) ? 'never' : `${(msValue / 1000).toFixed(1)} s`;
}

// ---- the graphs ----

interface Opened {
  ctx: GraphContext;
  server: Server;
  supervisor: Neo4jSupervisor;
  readiness: Readiness;
}

/** As server/main.ts: status, supervisor, Readiness (schema, seed when `dataset`, warm-up), then the app. */
async function serve(
  name: GraphName,
  title: string,
  local: LocalNeo4j,
  db: Database,
  workload: Workload,
  seeded: boolean,
  signal: AbortSignal,
  cleanups: Array<() => Promise<void>>,
): Promise<Opened> {
  const logger = createLogger('silent');
  const status = new SystemStatus('neo4j');
  const supervisor = superviseNeo4j(local, { db, status, logger });
  cleanups.push(async () => supervisor.stop());
  const readiness = new Readiness({
    db,
    status,
    logger,
    ...(seeded ? { readDataset: () => readDataset() } : {}),
    warmUp: (view) => warmUp(view, DEFAULT_LIMITS),
    signal,
    say: (line) => console.log(line),
  });
  cleanups.push(async () => readiness.close());
  const t = performance.now();
  await readiness.ensure();
  console.log(`Ready (Readiness: schema${seeded ? ', seed if needed' : ''}, warm-up) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const app = createApp({ db, logger, limits: DEFAULT_LIMITS, status });
  const port = await freePort();
  const server = await new Promise<Server>((resolve, reject) => {
    const s: Server = app.listen(port, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { ctx: { name, title, local, db, status, base: `http://127.0.0.1:${port}`, workload }, server, supervisor, readiness };
}

async function openSeedGraph(signal: AbortSignal, cleanups: Array<() => Promise<void>>): Promise<Opened> {
  console.log(`\n=== Seeded graph (seed/data), its own Neo4j in ${path.relative(REPO_ROOT, SEED_INSTANCE)} ===`);
  const dataset = await readDataset();
  if (dataset.errors.length > 0) throw new Error(`The seed has ${dataset.errors.length} error(s): run npm run seed:validate`);
  const workload = seedWorkload(dataset);
  const local = await LocalNeo4j.prepare({
    libRoot: LIB_ROOT,
    instanceDir: SEED_INSTANCE,
    heap: SEED_HEAP,
    pageCache: SEED_PAGE_CACHE,
    startTimeoutMs: START_TIMEOUT_MS,
    boltPort: await freePort(),
    logger: createLogger('silent'),
  });
  const db = new Database(local.connection);
  cleanups.push(async () => {
    await db.close();
    await local.stop();
  });
  const t = performance.now();
  try {
    await local.start(signal);
  } catch (err) {
    if (signal.aborted) throw new Interrupted();
    throw err;
  }
  console.log(
    `Neo4j ${local.owned ? 'started' : 'reused (already running)'} on ${local.connection.uri} in ${((performance.now() - t) / 1000).toFixed(1)} s (heap ${SEED_HEAP}, page cache ${SEED_PAGE_CACHE})`,
  );
  const opened = await serve('seed', 'seeded graph', local, db, workload, true, signal, cleanups);
  const counts = await graphCounts(db);
  console.log(`Neo4j ${await neo4jVersion(db)}; ${counts.nodes} entities, ${counts.relationships} relationships (REPORTED_IN included)`);
  console.log(`Inputs: ${workload.description}`);
  return opened;
}

async function openSyntheticGraph(o: Options, signal: AbortSignal, cleanups: Array<() => Promise<void>>): Promise<Opened> {
  console.log(
    `\n=== Synthetic graph: ${o.nodes} nodes, ${o.rels} relationships (seed ${o.seed}) in ${path.relative(REPO_ROOT, benchInstanceDir(o))} ===`,
  );
  const { local, db, manifest } = await openBenchGraph(o, { signal, log: (line) => console.log(line) });
  cleanups.push(async () => {
    await db.close();
    await local.stop();
  });
  const workload = benchWorkload(manifest.picks);
  const opened = await serve('bench', 'synthetic graph', local, db, workload, false, signal, cleanups);
  console.log(
    `Neo4j ${await neo4jVersion(db)}; ${manifest.nodes} entities, ${manifest.relationshipsTotal} relationships (REPORTED_IN included)`,
  );
  console.log(`Inputs: ${workload.description}`);
  return opened;
}

// ---- main ----

interface Verdict {
  label: string;
  ok: boolean;
  value: string;
}

async function main(): Promise<number> {
  const started = performance.now();
  const o = parseOptions(process.argv.slice(2));
  if (o.cpuProfileDir) await mkdir(o.cpuProfileDir, { recursive: true });
  const stop = new AbortController();
  const running: { run: ClientsRun | null } = { run: null };
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      console.error(`${sig} again: exiting now (Neo4j gets SIGTERM on exit).`);
      process.exit(130);
    }
    console.error(`\n${sig}: stopping the clients, then Neo4j…`);
    stop.abort();
    running.run?.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  console.log('bench:load: closed-loop clients on a mixed workload, through the API and through the driver');
  console.log(`Machine: ${machineLine()}`);
  console.log(`Node ${process.version} (${os.platform()} ${os.arch()}); Neo4j version printed per graph`);
  console.log(
    `Mix: ${ENDPOINTS.map((e) => `${ENDPOINT_NAMES[e]} ${MIX[e]} %`).join(', ')}; clients ${o.clients.join(', ')}; ` +
      `${o.durationS} s measured after ${o.warmupS} s warm-up per run (${o.prewarmS} s + ${o.prewarmS} s pre-warm per graph); graphs: ${o.graphs.join(', ')}; kill run: ${o.kill.filter((g) => o.graphs.includes(g)).join(', ') || 'none'}`,
  );

  const verdicts: Verdict[] = [];
  try {
    for (const graph of o.graphs) {
      const cleanups: Array<() => Promise<void>> = [];
      try {
        const t = performance.now();
        const { ctx } = graph === 'seed' ? await openSeedGraph(stop.signal, cleanups) : await openSyntheticGraph(o, stop.signal, cleanups);
        console.log(
          `API (app wired as server/main.ts, rate limits off, silent logger) on ${ctx.base}; graph ready in ${((performance.now() - t) / 1000).toFixed(1)} s`,
        );

        if (o.prewarmS > 0) {
          const clients = Math.max(...o.clients);
          process.stdout.write(
            `Pre-warming: ${o.prewarmS} s through the API, then ${o.prewarmS} s through the driver, ${clients} clients…`,
          );
          process.stdout.write(` ${await prewarm(ctx, o.prewarmS, clients, stop.signal, running)}\n`);
        }

        for (const clients of o.clients) {
          if (stop.signal.aborted) throw new Interrupted();
          console.log(
            `\n--- ${ctx.title}, ${clients} concurrent clients: ${o.durationS} s after ${o.warmupS} s warm-up, API then driver ---`,
          );
          const api = await measureRun(ctx, o, clients, { kind: 'http' }, stop.signal, running);
          const driver = await measureRun(ctx, o, clients, { kind: 'driver' }, stop.signal, running);
          printPair(api, driver);
          const ratio = api.rps / driver.rps;
          verdicts.push({
            label: `${ctx.title}, ${clients} clients: API throughput >= ${TARGET_RATIO * 100} % of driver's`,
            ok: ratio >= TARGET_RATIO,
            value: `${Math.round(ratio * 100)} %`,
          });
          if (clients === 50) {
            verdicts.push({ label: `${ctx.title}, 50 clients: no errors (API)`, ok: api.errors === 0, value: `${api.errors} errors` });
          }
        }

        if (o.kill.includes(graph)) {
          if (stop.signal.aborted) throw new Interrupted();
          console.log(
            `\n--- ${ctx.title}: kill run, ${o.killClients} clients through the API` +
              `${o.pauseAfter503Ms > 0 ? ` (each pausing ${o.pauseAfter503Ms} ms after a 503)` : ''}, kill -9 of Neo4j ${o.killAfterS} s into the measured part ---`,
          );
          const k = await killRun(ctx, o, stop.signal, running);
          if (!k.killed) {
            console.log(`  skipped: ${k.note}`);
          } else {
            console.log(`  answers before the kill (measured part): ${statusesLine(k.before)}`);
            console.log(
              `  answers during the outage (after the kill, to requests asked before the first 200 after it arrived): ${statusesLine(k.outage)}` +
                (k.outageTransit200 > 0 ? `; besides, ${k.outageTransit200} × 200 to requests asked before the kill` : '') +
                (k.outageRecovered200 > 0 ? `; ${k.outageRecovered200} × 200 as it came back` : ''),
            );
            console.log(
              `  503 latency: max ${ms(k.max503Ms)} ms (asked ${(k.max503AskedMs / 1000).toFixed(1)} s after the kill), p99 ${ms(k.p99503Ms)} ms; error codes over the run: ${problemsLine(k.problems)}`,
            );
            console.log(`  answers after recovery (${AFTER_RECOVERY_MS / 1000} s): ${statusesLine(k.after)}`);
            console.log(
              `  from the kill: status left ready ${seconds(k.noticedMs)}, Neo4j answering again (RETURN 1 from a probe thread) ${seconds(k.neo4jBackMs)}, ` +
                `status ready ${seconds(k.readyMs)}, first 200 ${seconds(k.firstOkMs)} (time to recover)`,
            );
            console.log(`  status timeline: ${k.timeline.map((t) => `${(t.ms / 1000).toFixed(1)} s ${t.phase}`).join(' → ') || '-'}`);
            const non503 = Object.entries(k.outage)
              .filter(([s]) => s !== '503')
              .reduce((a, [, n]) => a + n, 0);
            const outageTotal = Object.values(k.outage).reduce((a, b) => a + b, 0);
            verdicts.push({
              label: `${ctx.title}, kill run: only 503 during the outage`,
              ok: non503 === 0 && outageTotal > 0,
              value: `${non503} other of ${outageTotal}`,
            });
            verdicts.push({
              label: `${ctx.title}, kill run: recovered (a 200 again)`,
              ok: Number.isFinite(k.firstOkMs ?? Number.NaN),
              value: seconds(k.firstOkMs),
            });
            const afterErrors = Object.entries(k.after)
              .filter(([s]) => s !== '200')
              .reduce((a, [, n]) => a + n, 0);
            verdicts.push({
              label: `${ctx.title}, kill run: no errors after recovery`,
              ok: afterErrors === 0,
              value: `${afterErrors} errors`,
            });
          }
        }
      } finally {
        running.run?.stop();
        for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => console.error(`cleanup: ${String(err)}`));
        if (cleanups.length > 0) console.log(`Stopped the ${graph === 'seed' ? 'seeded' : 'synthetic'} graph's Neo4j.`);
      }
    }
  } catch (err) {
    if (err instanceof Interrupted || stop.signal.aborted) {
      console.error('Interrupted.');
      return 130;
    }
    throw err;
  }

  console.log('\n=== Targets ===');
  const width = Math.max(...verdicts.map((v) => v.label.length));
  for (const v of verdicts) console.log(`  ${v.label.padEnd(width)}  ${v.value.padStart(18)}  ${v.ok ? 'PASS' : 'FAIL'}`);
  console.log(
    `\nTook ${((performance.now() - started) / 1000).toFixed(0)} s; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at the end.`,
  );
  console.log(
    'Numbers are noisy when other processes (another Neo4j, test runs) share the machine: see "other processes" in the CPU lines.',
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
