// Connects to the Neo4j the configuration names: the server at NEO4J_URI when it is set,
// otherwise the project's own managed instance, started (and fetched) when needed.
import path from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { Database } from './database.js';
import { LocalNeo4j } from './local-neo4j/instance.js';

export interface Neo4jHandle {
  db: Database;
  /** The managed instance, when this process uses one. */
  local: LocalNeo4j | null;
  /** Starts the managed instance (fetching it first if needed); nothing to do for NEO4J_URI. */
  start(signal?: AbortSignal): Promise<void>;
  /** Closes the driver, then stops the managed instance if this process started it. */
  close(): Promise<void>;
}

/** The connection, without starting anything: the explorer can listen while Neo4j starts. */
export async function prepareNeo4j(config: Config, logger: Logger): Promise<Neo4jHandle> {
  let local: LocalNeo4j | null = null;
  let db: Database;
  const driverOptions = { connectTimeoutMs: config.NEO4J_CONNECT_TIMEOUT_MS };
  if (config.NEO4J_URI) {
    db = new Database(
      { uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD ?? '', database: config.NEO4J_DATABASE },
      driverOptions,
    );
    logger.info({ uri: config.NEO4J_URI }, 'using the Neo4j server at NEO4J_URI');
  } else {
    local = await LocalNeo4j.prepare({
      libRoot: path.join(config.NEO4J_HOME, 'lib'),
      instanceDir: path.join(config.NEO4J_HOME, 'instance'),
      heap: config.NEO4J_HEAP,
      pageCache: config.NEO4J_PAGECACHE,
      startTimeoutMs: config.NEO4J_START_TIMEOUT_MS,
      logger,
    });
    db = new Database(local.connection, driverOptions);
  }
  return {
    db,
    local,
    async start(signal) {
      await local?.start(signal);
    },
    async close() {
      await db.close();
      await local?.stop();
    },
  };
}

/** prepareNeo4j() and start(): for scripts that need the database before doing anything. */
export async function connectNeo4j(config: Config, logger: Logger): Promise<Neo4jHandle> {
  const handle = await prepareNeo4j(config, logger);
  try {
    await handle.start();
  } catch (err) {
    await handle.close();
    throw err;
  }
  return handle;
}
