// A Neo4j Community server this project runs itself when NEO4J_URI is not set: configured in its
// own folder (bolt on loopback only, auth on, a generated password kept with mode 600), started
// as a child process, waited for, and stopped cleanly.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import neo4j from 'neo4j-driver';
import type { Logger } from '../../logger.js';
import { processRunning } from '../../process-identity.js';
import { ensureNeo4jLib } from './fetch.js';
import { requireJava17 } from './prerequisites.js';

const run = promisify(execFile);
const PREFERRED_BOLT_PORT = 7687;
const USER = 'neo4j';

export interface LocalNeo4jOptions {
  /** Shared folder of fetched jars (one sub-folder per version). */
  libRoot: string;
  /** This instance's own folder: conf, data, logs, password. */
  instanceDir: string;
  heap: string;
  pageCache: string;
  startTimeoutMs: number;
  logger: Logger;
  /** Fixed port; by default the one chosen at first start, kept in instance.json. */
  boltPort?: number;
  /**
   * Turns on Neo4j's HTTP connector with only its Query API, on this port of 127.0.0.1: for
   * bench:api's comparison with Neo4j's own HTTP API. Off by default (npm start, tests): the
   * explorer talks Bolt only and a second way in is one more thing to secure.
   */
  httpPort?: number;
}

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

interface InstanceSettings {
  boltPort: number;
}

export class LocalNeo4jError extends Error {}

/** How the server process ended, and whether this process asked it to. */
export interface Neo4jExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  expected: boolean;
}

export class LocalNeo4j {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private stopping = false;
  private readonly exitListeners = new Set<(exit: Neo4jExit) => void>();
  readonly consoleLog: string;
  /** The Query API's base URL (http://127.0.0.1:port) when the option httpPort turned it on. */
  readonly httpUri: string | undefined;
  private readonly pidFile: string;

  private constructor(
    readonly connection: Neo4jConnection,
    readonly logFile: string,
    private readonly options: LocalNeo4jOptions,
    private readonly settings: InstanceSettings,
  ) {
    this.consoleLog = path.join(options.instanceDir, 'logs', 'console.log');
    this.pidFile = path.join(options.instanceDir, 'run', 'neo4j.pid');
    this.httpUri = options.httpPort === undefined ? undefined : `http://127.0.0.1:${options.httpPort}`;
  }

  /** False when an instance already running from an earlier start was reused. */
  get owned(): boolean {
    return this.child !== null;
  }

  /** The running server's process id, when this process started it. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * Folders, port and password: everything the connection needs, without fetching or starting
   * anything, so the explorer can listen (and say it is starting) at once.
   */
  static async prepare(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
    const { instanceDir } = options;
    const dirs = ['conf', 'data', 'logs', 'run', 'import'].map((d) => path.join(instanceDir, d));
    await Promise.all(dirs.map((d) => mkdir(d, { recursive: true })));
    const settings = await loadSettings(instanceDir, options.boltPort);
    const password = await ensurePasswordFile(instanceDir);
    const connection: Neo4jConnection = { uri: `bolt://127.0.0.1:${settings.boltPort}`, user: USER, password };
    return new LocalNeo4j(connection, path.join(instanceDir, 'logs', 'neo4j.log'), options, settings);
  }

  /** prepare() and start() in one: what tests and scripts that need a server now call. */
  static async start(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
    const instance = await LocalNeo4j.prepare(options);
    await instance.start();
    return instance;
  }

  /**
   * Fetches the jars if needed (once), sets the initial password on a new database, and starts
   * the server, or reuses one still running from an earlier start. Resolves when it answers.
   */
  async start(signal?: AbortSignal): Promise<void> {
    const { instanceDir, logger } = this.options;
    await requireJava17();
    const libDir = await ensureNeo4jLib(this.options.libRoot, logger);
    await applyInitialPassword(instanceDir, libDir, this.connection.password);
    signal?.throwIfAborted();

    const running = await runningPid(this.pidFile);
    if (running !== null && (await reachable(this.connection))) {
      logger.info({ pid: running, uri: this.connection.uri }, 'reusing the managed Neo4j that is already running');
      return;
    }
    await this.spawnServer(libDir, signal);
  }

  /** Starts the server again after it died (the supervisor's call). */
  async restart(signal?: AbortSignal): Promise<void> {
    if (this.stopping) throw new LocalNeo4jError('The managed Neo4j is stopping; not restarting it.');
    const libDir = await ensureNeo4jLib(this.options.libRoot, this.options.logger);
    await this.spawnServer(libDir, signal);
  }

  /** Calls `listener` whenever the server this process started exits. */
  onExit(listener: (exit: Neo4jExit) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  private async spawnServer(libDir: string, signal?: AbortSignal): Promise<void> {
    const { instanceDir, logger } = this.options;
    await rm(this.pidFile, { force: true });
    if (!(await portIsFree(this.settings.boltPort))) {
      throw new LocalNeo4jError(
        `Port ${this.settings.boltPort} (Bolt of the managed Neo4j) is taken by another program: stop it, or change boltPort in ${path.join(instanceDir, 'instance.json')}.`,
      );
    }
    const { httpPort } = this.options;
    if (httpPort !== undefined && !(await portIsFree(httpPort))) {
      throw new LocalNeo4jError(`Port ${httpPort} (HTTP Query API of the managed Neo4j) is taken by another program.`);
    }
    await writeFile(path.join(instanceDir, 'conf', 'neo4j.conf'), neo4jConf(instanceDir, this.settings, this.options));

    logger.info({ uri: this.connection.uri, instanceDir }, 'starting the managed Neo4j');
    const out = openSync(this.consoleLog, 'a');
    const child = spawn('java', jvmArgs(libDir, instanceDir, this.options), {
      stdio: ['ignore', out, out],
      env: { ...process.env, NEO4J_HOME: instanceDir, NEO4J_CONF: path.join(instanceDir, 'conf') },
    });
    closeSync(out);
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, exitSignal) => {
        resolve();
        const exit: Neo4jExit = { code, signal: exitSignal, expected: this.stopping };
        for (const listener of Array.from(this.exitListeners)) listener(exit);
      });
    });
    // Last resort if this process dies without a clean stop: do not leave Neo4j running.
    const killOnExit = () => child.kill('SIGTERM');
    process.once('exit', killOnExit);
    child.once('exit', () => process.removeListener('exit', killOnExit));
    await writeFile(this.pidFile, `${child.pid}\n`);

    await this.waitUntilReady(child, signal);
    logger.info({ uri: this.connection.uri, pid: child.pid }, 'managed Neo4j is ready');
  }

  private async waitUntilReady(child: ChildProcess, signal?: AbortSignal): Promise<void> {
    const timeoutMs = this.options.startTimeoutMs;
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (Date.now() < deadline) {
      if (exited) {
        throw new LocalNeo4jError(
          `The managed Neo4j stopped while starting (exit code ${child.exitCode ?? child.signalCode}): see ${this.logFile} and ${this.consoleLog}.`,
        );
      }
      if (signal?.aborted) {
        await this.stop();
        signal.throwIfAborted();
      }
      if (await reachable(this.connection)) return;
      await sleep(500);
    }
    await this.stop();
    this.stopping = false;
    throw new LocalNeo4jError(
      `The managed Neo4j did not answer on ${this.connection.uri} within ${Math.round(timeoutMs / 1000)} s: see ${this.logFile} and ${this.consoleLog}.`,
    );
  }

  /** Stops the server if this process started it; waits for a clean shutdown. */
  async stop(timeoutMs = 60_000): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.options.logger.info({ pid: child.pid }, 'stopping the managed Neo4j');
    child.kill('SIGTERM');
    const stopped = await Promise.race([this.exited.then(() => true), sleep(timeoutMs).then(() => false)]);
    if (!stopped) {
      this.options.logger.warn({ pid: child.pid }, 'Neo4j did not stop in time; killing it');
      child.kill('SIGKILL');
      await this.exited;
    }
    await rm(this.pidFile, { force: true });
  }

  /** The last lines of the server's logs, for a report of why it died. */
  async logTail(lines = 15): Promise<string> {
    const parts: string[] = [];
    for (const file of [this.logFile, this.consoleLog]) {
      const text = await readFile(file, 'utf8').catch(() => '');
      const tail = text.trimEnd().split('\n').slice(-lines).join('\n');
      if (tail) parts.push(`${path.basename(file)}:\n${tail}`);
    }
    return parts.join('\n');
  }
}

function jvmArgs(libDir: string, instanceDir: string, options: LocalNeo4jOptions): string[] {
  return [
    `-Xms${options.heap}`,
    `-Xmx${options.heap}`,
    '-XX:+UseG1GC',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+DisableExplicitGC',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dlog4j2.disable.jmx=true',
    '-Dfile.encoding=UTF-8',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '-cp',
    `${libDir}/*`,
    'org.neo4j.server.CommunityEntryPoint',
    `--home-dir=${instanceDir}`,
    `--config-dir=${path.join(instanceDir, 'conf')}`,
  ];
}

function neo4jConf(instanceDir: string, settings: InstanceSettings, options: LocalNeo4jOptions): string {
  const dir = (name: string) => path.join(instanceDir, name);
  return `# Written by the threat-network explorer at every start of its managed Neo4j; edits are overwritten.
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:${settings.boltPort}
server.bolt.tls_level=DISABLED
${httpConf(options.httpPort)}
server.https.enabled=false
dbms.security.auth_enabled=true
dbms.security.allow_csv_import_from_file_urls=false
dbms.usage_report.enabled=false
server.memory.heap.initial_size=${options.heap}
server.memory.heap.max_size=${options.heap}
server.memory.pagecache.size=${options.pageCache}
db.transaction.timeout=5m
server.directories.data=${dir('data')}
server.directories.logs=${dir('logs')}
server.directories.run=${dir('run')}
server.directories.import=${dir('import')}
`;
}

/** The HTTP connector: off, or on 127.0.0.1 with the Query API alone (no browser, no legacy endpoints). */
function httpConf(port: number | undefined): string {
  if (port === undefined) return 'server.http.enabled=false';
  return `server.http.enabled=true
server.http.listen_address=127.0.0.1:${port}
server.http.advertised_address=127.0.0.1:${port}
server.http_enabled_modules=QUERY_API_ENDPOINTS`;
}

async function loadSettings(instanceDir: string, fixedPort?: number): Promise<InstanceSettings> {
  const file = path.join(instanceDir, 'instance.json');
  if (fixedPort !== undefined) return { boltPort: fixedPort };
  if (existsSync(file)) {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<InstanceSettings>;
    if (Number.isInteger(parsed.boltPort)) return { boltPort: parsed.boltPort as number };
  }
  const boltPort = (await portIsFree(PREFERRED_BOLT_PORT)) ? PREFERRED_BOLT_PORT : await freePort();
  const settings = { boltPort };
  await writeFile(file, `${JSON.stringify(settings, null, 2)}\n`);
  return settings;
}

/**
 * The neo4j user's password: read from its file, or generated and written (mode 600) before the
 * very first start. Kept before it is applied, so an interrupted first start applies the same one.
 */
async function ensurePasswordFile(instanceDir: string): Promise<string> {
  const file = path.join(instanceDir, 'password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  if (passwordApplied(instanceDir)) {
    throw new LocalNeo4jError(
      `The password file ${file} is missing but the database already has users: delete ${path.join(instanceDir, 'data')} to start over with new data.`,
    );
  }
  // Hex: a base64url password can start with '-', which neo4j-admin then reads as an option.
  const password = randomBytes(24).toString('hex');
  await writeFile(`${file}.tmp`, `${password}\n`, { mode: 0o600 });
  await chmod(`${file}.tmp`, 0o600);
  await rename(`${file}.tmp`, file);
  return password;
}

/** The database has its users once neo4j-admin wrote auth.ini or the system database exists. */
function passwordApplied(instanceDir: string): boolean {
  return (
    existsSync(path.join(instanceDir, 'data', 'dbms', 'auth.ini')) || existsSync(path.join(instanceDir, 'data', 'databases', 'system'))
  );
}

/** Sets the password with neo4j-admin before the very first start. */
async function applyInitialPassword(instanceDir: string, libDir: string, password: string): Promise<void> {
  if (passwordApplied(instanceDir)) return;
  await run('java', ['-cp', `${libDir}/*`, 'org.neo4j.cli.AdminTool', 'dbms', 'set-initial-password', password], {
    env: { ...process.env, NEO4J_HOME: instanceDir, NEO4J_CONF: path.join(instanceDir, 'conf') },
  });
}

async function runningPid(pidFile: string): Promise<number | null> {
  if (!existsSync(pidFile)) return null;
  const pid = Number((await readFile(pidFile, 'utf8')).trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return processRunning(pid) ? pid : null;
}

async function reachable(connection: Neo4jConnection): Promise<boolean> {
  const driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
    connectionTimeout: 2000,
    logging: { level: 'error', logger: () => {} },
  });
  try {
    await driver.verifyConnectivity();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
