// npm start: the explorer listens at once and says it is starting; Neo4j comes up (the managed one,
// fetched if needed, when NEO4J_URI is not set), the schema is applied and the seed loaded unless
// the database already holds this version of it; only then is the data served, and the URL
// printed. The managed Neo4j is restarted if it dies. Everything is stopped cleanly on exit.
import type { Server } from 'node:http';
import path from 'node:path';
import { readDataset } from '../seed/dataset.js';
import { InvalidSeedError } from '../seed/load.js';
import { createApp } from './app.js';
import { oidcSettings } from './auth/oidc.js';
import { AuthStore } from './auth/store.js';
import { ConfigError, REPO_ROOT, loadConfig } from './config.js';
import type { Database } from './db/database.js';
import { prepareNeo4j } from './db/connect.js';
import { PrerequisiteError } from './db/local-neo4j/prerequisites.js';
import { LocalNeo4jError } from './db/local-neo4j/instance.js';
import type { Neo4jSupervisor } from './db/local-neo4j/supervisor.js';
import { readLimits } from './http/limits.js';
import { Readiness } from './lifecycle/readiness.js';
import { rollBackUnfinishedImports } from './stix/recover-at-start.js';
import { SystemStatus } from './lifecycle/status.js';
import { superviseNeo4j } from './lifecycle/supervision.js';
import { createLogger } from './logger.js';
import { warmUp } from './graph/warm-up.js';

/** How long a stop waits for requests in flight (a snapshot being saved) before closing them. */
const DRAIN_MS = 5_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const status = new SystemStatus('neo4j');
  const stopping = new AbortController();
  const neo4j = await prepareNeo4j(config, logger);

  const limits = readLimits(config);
  const app = createApp({
    db: neo4j.db,
    logger,
    clientDir: path.join(REPO_ROOT, 'dist', 'client'),
    limits,
    status,
    host: config.HOST,
    allowedHosts: config.ALLOWED_HOSTS,
    trustProxy: config.TRUST_PROXY,
    auth: {
      mode: config.AUTH,
      timeouts: { idleMs: config.SESSION_IDLE_MINUTES * 60_000, absoluteMs: config.SESSION_MAX_HOURS * 3_600_000 },
    },
    oidc: config.AUTH === 'oidc' ? oidcSettings(config) : undefined,
  });
  let server: Server;
  try {
    server = await listen(app, config.PORT, config.HOST);
  } catch (err) {
    await neo4j.close();
    throw err;
  }
  const url = serverUrl(server, config.HOST, config.PORT);
  console.log(`Threat-network explorer: starting at ${url} (the page shows progress until the graph is ready)`);

  let supervisor: Neo4jSupervisor | null = null;
  let readiness: Readiness | null = null;
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) {
      // A second Ctrl-C: leave now (the managed Neo4j is still sent SIGTERM on exit).
      process.exit(130);
    }
    shuttingDown = true;
    stopping.abort();
    supervisor?.stop();
    readiness?.close();
    logger.info({ signal }, 'shutting down');
    await closeServer(server);
    await neo4j.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await neo4j.start(stopping.signal);
    if (neo4j.local?.owned) supervisor = superviseNeo4j(neo4j.local, { db: neo4j.db, status, logger });
    readiness = new Readiness({
      db: neo4j.db,
      status,
      logger,
      readDataset: () => readDataset(),
      seedBatchSize: config.SEED_BATCH_SIZE,
      warmUp: (db) => warmUp(db, limits),
      signal: stopping.signal,
      say: (line) => console.log(line),
    });
    await readiness.ensure();
  } catch (err) {
    if (stopping.signal.aborted) return; // shutdown() finishes and exits
    supervisor?.stop();
    await closeServer(server);
    await neo4j.close();
    throw err;
  }
  await rollBackUnfinishedImports(neo4j.db, logger, (line) => console.log(line));
  console.log(`\nThreat-network explorer: ${url}\n`);
  if (config.AUTH === 'local') await sayHowToAddFirstAdmin(neo4j.db);
}

/** AUTH=local with no account yet: nobody can sign in until an admin is created, so say how. */
async function sayHowToAddFirstAdmin(db: Database): Promise<void> {
  if ((await new AuthStore(db).countUsers()) > 0) return;
  console.log(
    'AUTH=local and no account yet: create the first admin (the password is asked for, or read from stdin):\n\n' +
      '  npm run users -- add <name> --role admin\n',
  );
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new ConfigError(`Port ${port} on ${host} is in use: set PORT to another port.`) : err),
    );
  });
}

function serverUrl(server: Server, host: string, fallbackPort: number): string {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : fallbackPort;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

/** Stops accepting, lets requests in flight finish (up to DRAIN_MS), then closes what is left. */
async function closeServer(server: Server): Promise<void> {
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
  await closed;
  clearTimeout(timer);
}

main().catch((err: unknown) => {
  const known = [ConfigError, PrerequisiteError, LocalNeo4jError, InvalidSeedError].some((type) => err instanceof type);
  console.error(known ? (err as Error).message : err);
  process.exit(1);
});
