// The explorer as `npm start` runs it (server/main.ts, minus the client build), in its own process
// group with its own managed Neo4j in a temporary NEO4J_HOME: for tests of start-up, shutdown and
// supervision that need real processes to interrupt and kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import neo4j, { type Driver } from 'neo4j-driver';
import type { Health } from '@model/api.js';
import { REPO_ROOT } from '../../server/config.js';
import { freePort, type Neo4jConnection } from '../../server/db/local-neo4j/instance.js';
import { Database } from '../../server/db/database.js';
import { DEFAULT_LIMITS } from '../../server/http/limits.js';
import { processRunning } from '../../server/process-identity.js';
import { warmUp } from '../../server/graph/warm-up.js';

/** Milliseconds on a monotonic clock: every timestamp of these tests. */
export const now = (): number => performance.now();

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A fresh NEO4J_HOME: `lib` a symlink to the shared jars (never fetched again), and the Bolt port
 * fixed in instance.json to a free one, so that this instance never contends for 7687 with other
 * Neo4j servers on the machine (its restarts must find the port free).
 */
export async function createNeo4jHome(libRoot: string, prefix: string): Promise<string> {
  const home = await mkdtemp(path.join(os.tmpdir(), prefix));
  await symlink(path.resolve(libRoot), path.join(home, 'lib'), 'dir');
  await mkdir(path.join(home, 'instance'), { recursive: true });
  await writeFile(path.join(home, 'instance', 'instance.json'), `${JSON.stringify({ boltPort: await freePort() }, null, 2)}\n`);
  return home;
}

/** Removes a NEO4J_HOME made by createNeo4jHome: the `lib` symlink itself, not the jars it points at. */
export async function removeNeo4jHome(home: string): Promise<void> {
  await rm(home, { recursive: true, force: true });
}

export function instanceDir(home: string): string {
  return path.join(home, 'instance');
}

/** How to reach the managed Neo4j of `home`: the files the explorer keeps for other tools. */
export async function neo4jConnection(home: string): Promise<Neo4jConnection> {
  const dir = instanceDir(home);
  const password = (await readFile(path.join(dir, 'password'), 'utf8')).trim();
  const { boltPort } = JSON.parse(await readFile(path.join(dir, 'instance.json'), 'utf8')) as { boltPort: number };
  return { uri: `bolt://127.0.0.1:${boltPort}`, user: 'neo4j', password };
}

export function neo4jDriver(connection: Neo4jConnection, connectionTimeoutMs = 5_000): Driver {
  return neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
    connectionTimeout: connectionTimeoutMs,
    maxTransactionRetryTime: 0,
    logging: { level: 'error', logger: () => {} },
  });
}

/**
 * Whether Neo4j serves queries: one trivial read with a new driver (nothing pooled from before a
 * crash). Bolt accepts connections seconds before the database answers, so a connectivity check
 * alone would start the clock early.
 */
export async function neo4jAnswers(connection: Neo4jConnection, connectionTimeoutMs = 1_000): Promise<boolean> {
  const driver = neo4jDriver(connection, connectionTimeoutMs);
  try {
    await driver.executeQuery('RETURN 1', {}, { routing: neo4j.routing.READ });
    return true;
  } catch {
    return false;
  } finally {
    await driver.close().catch(() => {});
  }
}

/**
 * True when Neo4j answers the product's common reads (search, node details, expand, paths: the
 * warm-up's own calls, side by side as people send them) each within `timeoutMs`, on a driver of
 * its own: Neo4j ready to serve at interactive speed, whoever asks.
 */
export async function neo4jServes(connection: Neo4jConnection, timeoutMs: number): Promise<boolean> {
  const db = new Database(connection, { connectTimeoutMs: 1_000 });
  const started = now();
  try {
    await withTimeout(warmUp(db, DEFAULT_LIMITS), timeoutMs);
    return now() - started <= timeoutMs;
  } catch {
    return false;
  } finally {
    void db.close().catch(() => {});
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  work.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not answered within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The pid in `<NEO4J_HOME>/instance/run/neo4j.pid`, or null when there is none. */
export function neo4jPid(home: string): number | null {
  const file = path.join(instanceDir(home), 'run', 'neo4j.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** True when `pid` is a live Neo4j server of this NEO4J_HOME (not a process that reused the pid). */
export function isNeo4jOf(pid: number, home: string): boolean {
  if (!processRunning(pid)) return false;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.includes('org.neo4j.server.CommunityEntryPoint') && cmdline.includes(`--home-dir=${instanceDir(home)}`);
  } catch {
    return false;
  }
}

export async function waitUntil(condition: () => boolean, timeoutMs: number, intervalMs = 50): Promise<boolean> {
  const deadline = now() + timeoutMs;
  while (now() < deadline) {
    if (condition()) return true;
    await sleep(intervalMs);
  }
  return condition();
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

/** Settings for tests: small memory, the given port, logs as asked; never an outside Neo4j. */
export function explorerEnv(home: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEO4J_HOME: home,
    PORT: String(port),
    HOST: '127.0.0.1',
    NEO4J_HEAP: '512m',
    NEO4J_PAGECACHE: '128m',
    LOG_LEVEL: 'info',
    ...extra,
  };
  for (const key of ['NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD', 'NEO4J_DATABASE']) delete env[key];
  return env;
}

/**
 * `server/main.ts` in one node process (tsx as a loader, so the pid is the server itself), leader
 * of its own process group: its managed Neo4j, a child, is in the same group.
 */
export class ExplorerProcess {
  readonly startedAt = now();
  readonly exit: Promise<ProcessExit>;
  private out = '';
  private exitValue: ProcessExit | null = null;

  private constructor(
    readonly child: ChildProcess,
    readonly home: string,
    readonly port: number,
  ) {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (this.out += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.out += chunk));
    this.exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitValue = { code, signal, at: now() };
        resolve(this.exitValue);
      });
    });
  }

  static start(home: string, port: number, extraEnv: Record<string, string> = {}): ExplorerProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: REPO_ROOT,
      env: explorerEnv(home, port, extraEnv),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ExplorerProcess(child, home, port);
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the explorer process did not start');
    return this.child.pid;
  }

  /** Everything it printed (stdout and stderr) so far. */
  get output(): string {
    return this.out;
  }

  get exited(): ProcessExit | null {
    return this.exitValue;
  }

  /** The server process alone (it stops its Neo4j itself). */
  signal(signal: NodeJS.Signals): void {
    if (this.exitValue) return;
    process.kill(this.pid, signal);
  }

  /** The whole process group: the server and its Neo4j at once. */
  signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, signal);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
  }

  async waitForExit(timeoutMs: number): Promise<ProcessExit | null> {
    return Promise.race([this.exit, sleep(timeoutMs).then(() => null)]);
  }

  /**
   * For afterAll: a clean stop (SIGINT) if it still runs, else the whole group is killed; and a
   * Neo4j of its home left running by any means is killed too. Never throws.
   */
  async dispose(timeoutMs = 90_000): Promise<void> {
    try {
      if (!this.exitValue) {
        this.signal('SIGINT');
        if (!(await this.waitForExit(timeoutMs))) {
          this.signalGroup('SIGKILL');
          await this.waitForExit(10_000);
        }
      }
      this.signalGroup('SIGKILL'); // anything left in its group
      killNeo4jOf(this.home);
    } catch (err) {
      console.error(`disposing of the explorer (pid ${this.child.pid}) failed:`, err);
    }
  }

  url(pathAndQuery: string): string {
    return `http://127.0.0.1:${this.port}${pathAndQuery}`;
  }
}

/** Kills (SIGKILL) the Neo4j of `home` if one still runs; returns whether there was one. */
export function killNeo4jOf(home: string): boolean {
  const pid = neo4jPid(home);
  if (pid === null || !isNeo4jOf(pid, home)) return false;
  process.kill(pid, 'SIGKILL');
  return true;
}

// ---- HTTP ----

export interface HttpAnswer {
  method: string;
  path: string;
  /** HTTP status; 0 when no answer came (refused, reset, timed out). */
  status: number;
  body: unknown;
  error?: string;
  startedAt: number;
  endedAt: number;
  latencyMs: number;
}

export function httpJson(
  port: number,
  method: 'GET' | 'POST',
  pathAndQuery: string,
  options: { body?: unknown; agent?: http.Agent; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  const startedAt = now();
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (status: number, body: unknown, error?: string) => {
      if (settled) return;
      settled = true;
      const endedAt = now();
      resolve({
        method,
        path: pathAndQuery,
        status,
        body,
        ...(error ? { error } : {}),
        startedAt,
        endedAt,
        latencyMs: endedAt - startedAt,
      });
    };
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: pathAndQuery,
        agent: options.agent ?? false,
        headers: {
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (err) => finish(0, null, err.message));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          if (/json/.test(res.headers['content-type'] ?? '')) {
            try {
              body = JSON.parse(text);
            } catch {
              // kept as text
            }
          }
          finish(res.statusCode ?? 0, body);
        });
      },
    );
    req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error(`no answer within ${options.timeoutMs ?? 10_000} ms`)));
    req.on('error', (err: NodeJS.ErrnoException) => finish(0, null, err.code ?? err.message));
    req.end(payload);
  });
}

export interface HealthSample extends HttpAnswer {
  health: Health | null;
}

export function health(port: number, agent?: http.Agent): Promise<HealthSample> {
  return httpJson(port, 'GET', '/api/health', { timeoutMs: 5_000, ...(agent ? { agent } : {}) }).then((answer) => ({
    ...answer,
    health: answer.status === 0 ? null : (answer.body as Health),
  }));
}

/**
 * Polls GET /api/health every `intervalMs` and records every answer, until `done(sample)` says
 * so, the process exits, or `timeoutMs` passes (whichever first; the caller checks which).
 */
export async function pollHealth(
  proc: ExplorerProcess,
  done: (sample: HealthSample) => boolean,
  { intervalMs = 150, timeoutMs = 240_000 }: { intervalMs?: number; timeoutMs?: number } = {},
): Promise<HealthSample[]> {
  const samples: HealthSample[] = [];
  const deadline = now() + timeoutMs;
  while (now() < deadline && !proc.exited) {
    const sample = await health(proc.port);
    samples.push(sample);
    if (done(sample)) break;
    await sleep(Math.max(0, intervalMs - sample.latencyMs));
  }
  return samples;
}

export interface LogLine {
  /** On the clock of now(). */
  at: number;
  msg: string;
  [key: string]: unknown;
}

/** The explorer's structured (pino) log lines, their times converted to the clock of now(). */
export function logLines(output: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const text of output.split('\n')) {
    if (!text.startsWith('{')) continue;
    try {
      const line = JSON.parse(text) as { time?: unknown; msg?: unknown };
      if (typeof line.time === 'number' && typeof line.msg === 'string') {
        lines.push({ ...line, at: line.time - performance.timeOrigin, msg: line.msg });
      }
    } catch {
      // not a log line
    }
  }
  return lines;
}

/** The last lines of the managed Neo4j's logs of `home` (neo4j.log, debug.log), for a failure message. */
export function neo4jLogTail(home: string, lines = 30): string {
  return ['neo4j.log', 'debug.log']
    .map((name) => {
      const file = path.join(instanceDir(home), 'logs', name);
      return existsSync(file) ? `--- ${file}:\n${tail(readFileSync(file, 'utf8'), lines)}` : `--- ${file}: none`;
    })
    .join('\n');
}

/** The last lines of what the explorer printed, for a failure message. */
export function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
