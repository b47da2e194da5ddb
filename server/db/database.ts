// The one way the server and the seed loader talk to Neo4j: reads in read transactions (so a
// cluster routes them to followers) with a timeout, writes only through `write`.
import neo4j, { type Driver, type ManagedTransaction, type RecordShape } from 'neo4j-driver';
import type { Neo4jConnection } from './local-neo4j/instance.js';
import { translateDriverError } from './errors.js';

export interface QueryOptions {
  timeoutMs?: number;
}

const DEFAULT_READ_TIMEOUT_MS = 15_000;
const DEFAULT_WRITE_TIMEOUT_MS = 120_000;

export class Database {
  readonly driver: Driver;
  readonly database: string | undefined;

  constructor(connection: Neo4jConnection) {
    this.driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
      connectionTimeout: 3_000,
      connectionAcquisitionTimeout: 5_000,
      // Fail fast while Neo4j is down: the API answers 503 rather than hanging.
      maxTransactionRetryTime: 2_000,
      disableLosslessIntegers: false,
      logging: { level: 'error', logger: () => {} },
    });
    this.database = connection.database;
  }

  /** Runs `work` in a read transaction. */
  async read<T>(work: (tx: ManagedTransaction) => Promise<T>, options: QueryOptions = {}): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead(work, { timeout: options.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS });
    } catch (err) {
      throw translateDriverError(err);
    } finally {
      await session.close();
    }
  }

  /** Runs `work` in a write transaction. Only explicit write features call this. */
  async write<T>(work: (tx: ManagedTransaction) => Promise<T>, options: QueryOptions = {}): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(work, { timeout: options.timeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS });
    } catch (err) {
      throw translateDriverError(err);
    } finally {
      await session.close();
    }
  }

  /** Runs one statement outside an explicit transaction: needed for schema commands. */
  async runAutoCommit(query: string, params: RecordShape = {}): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.run(query, params);
    } catch (err) {
      throw translateDriverError(err);
    } finally {
      await session.close();
    }
  }

  async verifyConnectivity(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.database });
    } catch (err) {
      throw translateDriverError(err);
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
