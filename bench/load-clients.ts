// The closed-loop clients of bench:load, run in a worker thread so that making requests and reading
// answers does not share an event loop with the API server under test (which runs in the main
// thread, as in `npm start`). Each of N clients sends its next request when the previous one has
// been answered, drawing it from its own fixed-seed PRNG (bench/load-workload.ts).
//
// Two targets: `http`, the API over node:http with a keep-alive Agent of N sockets; and `driver`,
// the same data functions the routes call (searchGraph, nodeDetails, expandNodes, findPaths) run
// here, in-process, against a Database: the same Cypher through the driver, without HTTP.
//
// Every request is recorded (endpoint, status, start, latency) and sent back at the end. The loop
// is bounded by its deadline, by a stop message, and by a count; each request by a time limit.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { expandRequestSchema, pathsRequestSchema, searchQuerySchema } from '@model/api.js';
import { Database } from '../server/db/database.js';
import { DatabaseUnavailableError, QueryTimeoutError } from '../server/db/errors.js';
import type { Neo4jConnection } from '../server/db/local-neo4j/instance.js';
import { expandNodes } from '../server/graph/expand.js';
import { HttpError } from '../server/http/errors.js';
import type { ReadLimits } from '../server/http/limits.js';
import { nodeDetails } from '../server/graph/nodes.js';
import { findPaths } from '../server/graph/paths.js';
import { searchGraph } from '../server/graph/search.js';
import { startProfiler, summariseProfile, type Profiler } from './cpu-profile.js';
import { ENDPOINTS, PATH_HOPS, operations, type Operation, type Workload } from './load-workload.js';

export interface ClientsConfig {
  target: { kind: 'http'; base: string } | { kind: 'driver'; connection: Neo4jConnection; limits: ReadLimits };
  clients: number;
  workload: Workload;
  /** Seed of the clients' PRNGs: the same seed gives every client the same sequence. */
  seed: number;
  /** From the start: warm-up, then measured; the loop stops at warmupMs + durationMs (or a stop). */
  warmupMs: number;
  durationMs: number;
  /** Time limit of one request (HTTP only; the driver has the transactions' own). */
  requestTimeoutMs: number;
  /** Requests a client sends at most. */
  maxRequestsPerClient: number;
  /** The kernel's clock ticks a second (getconf CLK_TCK), for the thread's CPU time. */
  clockTicks: number;
  /** Profile this thread over the measured window into this file (bench/cpu-profile.ts). */
  profileFile?: string;
  /** A client waits this long after a 503 before its next request (0: at once, a pure closed loop). */
  pauseAfter503Ms?: number;
}

/** Every answer of a run, in completion order; times are epoch milliseconds. */
export interface ClientsRecords {
  endpoint: Uint8Array;
  /** HTTP status; 0 when there was no answer (connection error, timeout). */
  status: Uint16Array;
  start: Float64Array;
  latencyMs: Float32Array;
}

export interface ClientsReport {
  records: ClientsRecords;
  /** "503 NEO4J_UNAVAILABLE", "0 ECONNRESET", ...: every answer other than 200, counted. */
  problems: Record<string, number>;
  startedAt: number;
  measureFrom: number;
  measureTo: number;
  /** Busy share of the worker's event loop over the measured window. */
  loopUtilization: number;
  /** CPU the worker thread used over the measured window, in cores (NaN off Linux). */
  threadCores: number;
  /** With profileFile: where this thread's busy time went. */
  profile?: string[];
}

export type WorkerMessage =
  | { type: 'measuring'; at: number }
  | { type: 'measured'; at: number }
  | { type: 'done'; report: ClientsReport }
  | { type: 'failed'; message: string };

const now = () => performance.timeOrigin + performance.now();

/**
 * CPU seconds the calling thread has used (Linux: /proc/thread-self/stat, user + system), so a
 * thread's own share is known apart from the rest of the process; NaN elsewhere.
 */
export function threadCpuSeconds(clockTicks: number): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / clockTicks;
  } catch {
    return Number.NaN;
  }
}

// ---- the worker ----

async function runClients(config: ClientsConfig, stopped: () => boolean): Promise<ClientsReport> {
  const call =
    config.target.kind === 'http'
      ? httpCaller(config.target.base, config.clients, config.requestTimeoutMs)
      : await driverCaller(config.target);
  const endpoint: number[] = [];
  const status: number[] = [];
  const start: number[] = [];
  const latency: number[] = [];
  const problems: Record<string, number> = {};
  const startedAt = now();
  const measureFrom = startedAt + config.warmupMs;
  const deadline = measureFrom + config.durationMs;
  let measuredEnd = Number.NaN;
  let eluStart: ReturnType<typeof performance.eventLoopUtilization> | null = null;
  let eluEnd: ReturnType<typeof performance.eventLoopUtilization> | null = null;
  let cpuStart = Number.NaN;
  let cpuFrom = Number.NaN;
  let threadCores = Number.NaN;
  let profiler: Promise<Profiler> | null = null;
  const markers = setInterval(() => {
    const t = now();
    if (!eluStart && t >= measureFrom) {
      if (config.profileFile) profiler = startProfiler();
      eluStart = performance.eventLoopUtilization();
      cpuStart = threadCpuSeconds(config.clockTicks);
      cpuFrom = t;
      parentPort?.postMessage({ type: 'measuring', at: t } satisfies WorkerMessage);
    }
  }, 20);

  const client = async (k: number) => {
    const next = operations(config.workload, config.seed, k);
    for (let n = 0; n < config.maxRequestsPerClient && !stopped() && now() < deadline; n++) {
      const op = next();
      const t0 = now();
      const answer = await call(op);
      const t1 = now();
      endpoint.push(op.endpoint);
      status.push(answer.status);
      start.push(t0);
      latency.push(t1 - t0);
      if (answer.status !== 200) {
        const key = `${answer.status} ${answer.problem ?? ''}`.trim();
        problems[key] = (problems[key] ?? 0) + 1;
        if (answer.status === 503 && config.pauseAfter503Ms) await new Promise((resolve) => setTimeout(resolve, config.pauseAfter503Ms));
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: config.clients }, (_, k) => client(k)));
  } finally {
    clearInterval(markers);
    measuredEnd = Math.min(now(), deadline);
    if (eluStart) eluEnd = performance.eventLoopUtilization(eluStart);
    threadCores = (threadCpuSeconds(config.clockTicks) - cpuStart) / ((now() - cpuFrom) / 1000);
    parentPort?.postMessage({ type: 'measured', at: measuredEnd } satisfies WorkerMessage);
    await call.close();
  }
  let profile: string[] | undefined;
  if (profiler && config.profileFile) {
    const summary = summariseProfile(await (await (profiler as Promise<Profiler>)).stop(config.profileFile));
    profile = summary.lines;
  }
  return {
    records: {
      endpoint: Uint8Array.from(endpoint),
      status: Uint16Array.from(status),
      start: Float64Array.from(start),
      latencyMs: Float32Array.from(latency),
    },
    problems,
    startedAt,
    measureFrom,
    measureTo: measuredEnd,
    loopUtilization: eluEnd?.utilization ?? Number.NaN,
    threadCores,
    ...(profile ? { profile } : {}),
  };
}

interface Answer {
  status: number;
  problem?: string;
}

type Caller = ((op: Operation) => Promise<Answer>) & { close(): Promise<void> };

function httpCaller(base: string, clients: number, timeoutMs: number): Caller {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients, maxFreeSockets: clients });
  const url = new URL(base);
  if (url.hostname !== '127.0.0.1') throw new Error(`bench:load sends requests to 127.0.0.1 only, not ${url.hostname}`);
  const request = (method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> =>
    new Promise((resolve) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      let settled = false;
      const done = (answer: Answer) => {
        if (settled) return;
        settled = true;
        resolve(answer);
      };
      const req = http.request(
        {
          host: '127.0.0.1',
          port: url.port,
          path,
          method,
          agent,
          headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {},
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => {
            if (status !== 200) chunks.push(chunk);
          });
          res.on('end', () => {
            if (status === 200) return done({ status });
            let code = '';
            try {
              code = String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { code?: string } }).error?.code ?? '');
            } catch {
              code = 'non-JSON body';
            }
            done({ status, problem: code });
          });
          res.on('error', (err: NodeJS.ErrnoException) => done({ status: 0, problem: err.code ?? err.message }));
        },
      );
      req.setTimeout(timeoutMs, () => {
        req.destroy();
        done({ status: 0, problem: `no answer within ${timeoutMs} ms` });
      });
      req.on('error', (err: NodeJS.ErrnoException) => done({ status: 0, problem: err.code ?? err.message }));
      req.end(payload);
    });
  const call = (op: Operation): Promise<Answer> => {
    switch (ENDPOINTS[op.endpoint]) {
      case 'search':
        return request('GET', `/api/search?q=${encodeURIComponent(op.input as string)}`);
      case 'expand':
        return request('POST', '/api/expand', { ids: [op.input] });
      case 'details':
        return request('GET', `/api/nodes/${encodeURIComponent(op.input as string)}`);
      default: {
        const pair = op.input as { from: string; to: string };
        return request('POST', '/api/paths', { from: pair.from, to: pair.to, mode: 'shortest', maxHops: PATH_HOPS });
      }
    }
  };
  return Object.assign(call, {
    async close() {
      agent.destroy();
    },
  });
}

async function driverCaller(target: { connection: Neo4jConnection; limits: ReadLimits }): Promise<Caller> {
  const db = new Database(target.connection);
  await db.verifyConnectivity();
  const { limits } = target;
  // Parsed as the routes parse them (defaults filled in), once per input rather than per call:
  // validation is the API's own work, not the Cypher's.
  const parsed = new Map<string, unknown>();
  const once = <T>(key: string, parse: () => T): T => {
    let value = parsed.get(key) as T | undefined;
    if (value === undefined) {
      value = parse();
      parsed.set(key, value);
    }
    return value;
  };
  const call = async (op: Operation): Promise<Answer> => {
    try {
      switch (ENDPOINTS[op.endpoint]) {
        case 'search': {
          const q = op.input as string;
          await searchGraph(
            db,
            once(`s:${q}`, () => searchQuerySchema.parse({ q })),
            limits,
          );
          break;
        }
        case 'expand': {
          const id = op.input as string;
          await expandNodes(
            db,
            once(`e:${id}`, () => expandRequestSchema.parse({ ids: [id] })),
            limits,
          );
          break;
        }
        case 'details':
          await nodeDetails(db, op.input as string, limits);
          break;
        default: {
          const pair = op.input as { from: string; to: string };
          const request = once(`p:${pair.from}|${pair.to}`, () =>
            pathsRequestSchema.parse({ from: pair.from, to: pair.to, mode: 'shortest', maxHops: PATH_HOPS }),
          );
          await findPaths(db, request, limits);
        }
      }
      return { status: 200 };
    } catch (err) {
      // As server/http/errors.ts answers them.
      if (err instanceof HttpError) return { status: err.status, problem: err.code };
      if (err instanceof DatabaseUnavailableError) return { status: 503, problem: 'NEO4J_UNAVAILABLE' };
      if (err instanceof QueryTimeoutError) return { status: 504, problem: 'QUERY_TIMEOUT' };
      return { status: 500, problem: err instanceof Error ? `${err.name}: ${err.message.slice(0, 120)}` : String(err) };
    }
  };
  return Object.assign(call, { close: () => db.close() });
}

if (!isMainThread && parentPort && (workerData as { benchLoadClients?: ClientsConfig } | null)?.benchLoadClients) {
  const config = (workerData as { benchLoadClients: ClientsConfig }).benchLoadClients;
  let stop = false;
  parentPort.on('message', (m: { type?: string }) => {
    if (m?.type === 'stop') stop = true;
  });
  runClients(config, () => stop).then(
    (report) => {
      const r = report.records;
      parentPort!.postMessage({ type: 'done', report } satisfies WorkerMessage, [
        r.endpoint.buffer as ArrayBuffer,
        r.status.buffer as ArrayBuffer,
        r.start.buffer as ArrayBuffer,
        r.latencyMs.buffer as ArrayBuffer,
      ]);
    },
    (err: unknown) =>
      parentPort!.postMessage({
        type: 'failed',
        message: err instanceof Error ? (err.stack ?? err.message) : String(err),
      } satisfies WorkerMessage),
  );
}

// ---- the main thread's handle ----

/**
 * A worker thread running the TypeScript module at `moduleUrl`. tsx's loader is registered in the
 * worker before the module is imported there: a worker does not inherit the main thread's hooks.
 */
export function tsWorker(moduleUrl: string, data: unknown): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(moduleUrl)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}

export interface ClientsRun {
  /** Resolves with every answer once the clients have stopped. */
  done: Promise<ClientsReport>;
  /** Resolves when the measured window begins (epoch ms). */
  measuring: Promise<number>;
  /** Asks the clients to stop after the requests they have in flight. */
  stop(): void;
  /** Ends the worker at once (Ctrl-C). */
  terminate(): Promise<void>;
}

/** Starts the clients in a worker thread. */
export function startClients(config: ClientsConfig, hardLimitMs: number): ClientsRun {
  const worker = tsWorker(import.meta.url, { benchLoadClients: config });
  let onMeasuring: (at: number) => void = () => {};
  const measuring = new Promise<number>((resolve) => (onMeasuring = resolve));
  const done = new Promise<ClientsReport>((resolve, reject) => {
    const limit = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`The load clients did not finish within ${Math.round(hardLimitMs / 1000)} s`));
    }, hardLimitMs);
    const finish = () => clearTimeout(limit);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'measuring') onMeasuring(m.at);
      else if (m.type === 'done') {
        finish();
        resolve(m.report);
        void worker.terminate();
      } else if (m.type === 'failed') {
        finish();
        reject(new Error(`load clients failed: ${m.message}`));
        void worker.terminate();
      }
    });
    worker.on('error', (err) => {
      finish();
      reject(err);
    });
    worker.on('exit', (code) => {
      finish();
      reject(new Error(`the load worker exited (code ${code}) before reporting`));
    });
  });
  done.catch(() => {});
  return {
    done,
    measuring,
    stop: () => worker.postMessage({ type: 'stop' }),
    terminate: async () => {
      await worker.terminate();
    },
  };
}
