// The one way the server and the seed loader talk to Neo4j: reads in read transactions (so a
// cluster routes them to followers) with a timeout, writes only through `write`. While Neo4j is
// known to be out of reach (see Availability), every call fails at once with a 503-worthy error.
import neo4j, { type Driver, type ManagedTransaction, type RecordShape } from 'neo4j-driver';
import { DEFAULT_TIMEOUTS } from './timeouts.js';
import { Availability } from './availability.js';
import { cypher } from './statements.js';
import type { Neo4jConnection } from './local-neo4j/instance.js';
import { DatabaseUnavailableError, Neo4jWarmingUpError, translateDriverError } from './errors.js';

export interface QueryOptions {
  timeoutMs?: number;
}

export interface DatabaseOptions {
  /** TCP (and TLS) connect time limit: how long a request can take to find Neo4j gone. */
  connectTimeoutMs?: number;
}

/**
 * While warming up, a read not answered within this gets a 503 (the query itself runs on). Well
 * under the 1 s promised for a 503, for a busy event loop's lag.
 */
export const WARMING_READ_DEADLINE_MS = 700;
/**
 * While warming up, a read beyond this many still running in Neo4j gets a 503 at once: reads cut
 * short still run there, and clients retrying at once would pile them up on a cold server faster
 * than it can warm (the warm-up's own four queries count too).
 */
const WARMING_RUNNING_MAX = 4;

/** What a Database and its unhurried view share. */
interface SharedState {
  warming: boolean;
  transactionsRunning: number;
}

export class Database {
  private state: SharedState = { warming: false, transactionsRunning: 0 };
  /** False in the view `unhurried()` gives: its reads are neither cut short nor capped. */
  private hurried = true;
  readonly driver: Driver;
  readonly database: string | undefined;
  readonly availability: Availability;

  constructor(connection: Neo4jConnection, options: DatabaseOptions = {}) {
    this.driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
      connectionTimeout: options.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectMs,
      connectionAcquisitionTimeout: DEFAULT_TIMEOUTS.acquireMs,
      // No retries inside the driver: its first retry waits about a second, and a request that
      // finds Neo4j gone must answer 503 well within that. Availability takes over instead.
      maxTransactionRetryTime: 0,
      disableLosslessIntegers: false,
      logging: { level: 'error', logger: () => {} },
    });
    this.database = connection.database;
    this.availability = new Availability(() => this.ping());
  }

  /**
   * Set while Neo4j is reachable but cold (just started): reads past WARMING_READ_DEADLINE_MS
   * give Neo4jWarmingUpError. Writes are never cut short: one abandoned could still commit.
   */
  get warming(): boolean {
    return this.state.warming;
  }

  set warming(value: boolean) {
    this.state.warming = value;
  }

  /** Runs `work` in a read transaction. */
  read<T>(work: (tx: ManagedTransaction) => Promise<T>, options: QueryOptions = {}): Promise<T> {
    return this.inSession(
      neo4j.session.READ,
      (session) => session.executeRead(work, { timeout: options.timeoutMs ?? DEFAULT_TIMEOUTS.readMs }),
      this.state.warming && this.hurried ? WARMING_READ_DEADLINE_MS : undefined,
    );
  }

  /**
   * The same database (driver, availability, warming state) with reads that warming never cuts
   * short: for the warm-up's own queries, which must finish to warm anything, and whose time says
   * whether people's reads would be answered in time. A view rather than an AsyncLocalStorage
   * context: once one runs, Node 20 hooks every promise of the process, a cost on every request.
   */
  unhurried(): Database {
    const view = Object.assign(Object.create(Database.prototype) as Database, this);
    view.hurried = false;
    return view;
  }

  /** Runs `work` in a write transaction. Only explicit write features call this. */
  write<T>(work: (tx: ManagedTransaction) => Promise<T>, options: QueryOptions = {}): Promise<T> {
    return this.inSession(neo4j.session.WRITE, (session) =>
      session.executeWrite(work, { timeout: options.timeoutMs ?? DEFAULT_TIMEOUTS.writeMs }),
    );
  }

  /** Runs one statement outside an explicit transaction: needed for schema commands. */
  runAutoCommit(query: string, params: RecordShape = {}): Promise<void> {
    return this.inSession(neo4j.session.WRITE, async (session) => {
      await session.run(query, params);
    });
  }

  /** Checks that the database answers (a trivial read); marks Neo4j reachable if it does. */
  async verifyConnectivity(): Promise<void> {
    try {
      await this.ping();
      this.availability.markUp();
    } catch (err) {
      throw this.noted(translateDriverError(err));
    }
  }

  /** One trivial read on the configured database, past the availability check: the probe. */
  private async ping(): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      await session.executeRead((tx) => tx.run(cypher('health/ping')), { timeout: DEFAULT_TIMEOUTS.healthMs });
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    this.availability.close();
    await this.driver.close();
  }

  private async inSession<T>(
    mode: typeof neo4j.session.READ,
    work: (session: ReturnType<Driver['session']>) => Promise<T>,
    deadlineMs?: number,
  ): Promise<T> {
    if (!this.availability.up) throw new DatabaseUnavailableError(this.availability.reason);
    if (deadlineMs !== undefined && this.state.transactionsRunning >= WARMING_RUNNING_MAX) throw new Neo4jWarmingUpError();
    const session = this.driver.session({ database: this.database, defaultAccessMode: mode });
    const running = work(session);
    this.countRunning(running);
    // If Neo4j is found gone while this waits (the supervisor saw it die, or another request
    // failed), answer now rather than when the driver gives up.
    let offDown = () => {};
    let timer: NodeJS.Timeout | undefined;
    const cut = new Promise<never>((_, reject) => {
      offDown = this.availability.onChange((up, reason) => {
        if (!up) reject(new DatabaseUnavailableError(reason));
      });
      if (deadlineMs !== undefined) timer = setTimeout(() => reject(new Neo4jWarmingUpError()), deadlineMs);
    });
    cut.catch(() => {});
    let abandoned = false;
    try {
      return await Promise.race([running, cut]);
    } catch (err) {
      abandoned = true;
      running.catch(() => {}); // its own failure, if any, is already answered
      throw this.noted(translateDriverError(err));
    } finally {
      offDown();
      clearTimeout(timer);
      // Closing waits for an abandoned transaction: nobody needs to wait for that.
      if (abandoned) void session.close().catch(() => {});
      else await session.close();
    }
  }

  /**
   * Counts a transaction until Neo4j is done with it, answered or abandoned; at most until the
   * longest read time limit, by when Neo4j has ended it whatever the driver says.
   */
  private countRunning(running: Promise<unknown>): void {
    const state = this.state;
    state.transactionsRunning += 1;
    let counted = true;
    const done = () => {
      if (!counted) return;
      counted = false;
      state.transactionsRunning -= 1;
      clearTimeout(timer);
    };
    const timer = setTimeout(done, DEFAULT_TIMEOUTS.pathsMs + 1_000);
    timer.unref();
    running.then(done, done);
  }

  /** A failure for want of Neo4j marks it down, so the next requests do not wait to find out. */
  private noted(err: unknown): unknown {
    if (err instanceof DatabaseUnavailableError && !(err instanceof Neo4jWarmingUpError)) this.availability.markDown(err.message);
    return err;
  }
}
