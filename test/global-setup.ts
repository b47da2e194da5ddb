// Starts one disposable Neo4j for the whole test run: the project's managed Neo4j (fetched once,
// its jars shared with `npm start`) in a temporary folder on a free port, so tests never touch
// the user's data. Schema and seed are loaded once. Stopped and deleted at the end of the run.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { readDataset } from '../seed/dataset.js';
import { loadDataset } from '../seed/load.js';
import { REPO_ROOT } from '../server/config.js';
import { Database } from '../server/db/database.js';
import { applySchema } from '../server/db/schema.js';
import { LocalNeo4j, freePort, type Neo4jConnection } from '../server/db/local-neo4j/instance.js';
import { createLogger } from '../server/logger.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jConnection;
    neo4jInstanceDir: string;
    neo4jLibRoot: string;
  }
}

export default async function setup(project: TestProject) {
  const libRoot = path.join(process.env.NEO4J_HOME ?? path.join(REPO_ROOT, '.neo4j'), 'lib');
  const instanceDir = await mkdtemp(path.join(os.tmpdir(), 'threat-graph-test-neo4j-'));
  const neo4j = await LocalNeo4j.start({
    libRoot,
    instanceDir,
    heap: '1g',
    pageCache: '512m',
    startTimeoutMs: 180_000,
    boltPort: await freePort(),
    logger: createLogger('warn'),
  });
  // Schema and seed once, so every test file starts from the seeded graph.
  const db = new Database(neo4j.connection);
  try {
    await applySchema(db);
    await loadDataset(db, await readDataset());
  } finally {
    await db.close();
  }
  project.provide('neo4j', neo4j.connection);
  project.provide('neo4jInstanceDir', instanceDir);
  project.provide('neo4jLibRoot', libRoot);
  return async () => {
    await neo4j.stop();
    await rm(instanceDir, { recursive: true, force: true });
  };
}
