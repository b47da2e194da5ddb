// npm start: Neo4j up (the managed one when NEO4J_URI is not set), schema applied, an empty
// database seeded, the explorer served, its URL printed; everything stopped cleanly on exit.
import type { Server } from 'node:http';
import path from 'node:path';
import { readDataset } from '../seed/dataset.js';
import { InvalidSeedError, isEmpty, loadDataset } from '../seed/load.js';
import { createApp } from './app.js';
import { ConfigError, REPO_ROOT, loadConfig } from './config.js';
import { connectNeo4j, type Neo4jHandle } from './db/connect.js';
import type { Database } from './db/database.js';
import { DatabaseUnavailableError } from './db/errors.js';
import { PrerequisiteError } from './db/local-neo4j/prerequisites.js';
import { LocalNeo4jError } from './db/local-neo4j/instance.js';
import { applySchema } from './db/schema.js';
import { readLimits } from './http/limits.js';
import { createLogger, type Logger } from './logger.js';

const RETRY_MS = 10_000;

async function prepareDatabase(db: Database, logger: Logger): Promise<void> {
  const statements = await applySchema(db);
  logger.info({ statements }, 'schema applied');
  if (await isEmpty(db)) {
    const dataset = await readDataset();
    const result = await loadDataset(db, dataset);
    logger.info(result, 'empty database seeded');
  }
}

/** Keeps trying while an external Neo4j is down: the server serves 503s meanwhile. */
function prepareWhenReachable(db: Database, logger: Logger, signal: AbortSignal): Promise<void> {
  return prepareDatabase(db, logger).catch(async (err: unknown) => {
    if (!(err instanceof DatabaseUnavailableError) || signal.aborted) throw err;
    logger.warn(`Neo4j is unreachable (${err.message}); retrying in ${RETRY_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    if (!signal.aborted) await prepareWhenReachable(db, logger, signal);
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const neo4j: Neo4jHandle = await connectNeo4j(config, logger);
  const stopping = new AbortController();

  const app = createApp({ db: neo4j.db, logger, clientDir: path.join(REPO_ROOT, 'dist', 'client'), limits: readLimits(config) });
  let server: Server;
  try {
    server = await listen(app, config.PORT, config.HOST);
  } catch (err) {
    await neo4j.close();
    throw err;
  }

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    stopping.abort();
    logger.info({ signal }, 'shutting down');
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await neo4j.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await prepareWhenReachable(neo4j.db, logger, stopping.signal);
  } catch (err) {
    await new Promise((resolve) => server.close(resolve));
    await neo4j.close();
    throw err;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  console.log(`\nThreat-network explorer: http://${host}:${port}/\n`);
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new ConfigError(`Port ${port} on ${host} is in use: set PORT to another port.`) : err),
    );
  });
}

main().catch((err: unknown) => {
  const known = [ConfigError, PrerequisiteError, LocalNeo4jError, InvalidSeedError].some((type) => err instanceof type);
  console.error(known ? (err as Error).message : err);
  process.exit(1);
});
