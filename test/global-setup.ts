// Starts one disposable Neo4j for the whole test run: the project's managed Neo4j (fetched once,
// its jars shared with `npm start`) in a temporary folder on a free port, so tests never touch
// the user's data. Schema and seed are loaded once. Stopped and deleted at the end of the run.
//
// The `integration` and `e2e` projects (vitest.config.ts) both name this file; Vitest calls it for
// each of them that has tests in the run (never for `unit`), in this one process. The first call
// starts Neo4j, the other one shares it; the last teardown stops it.
import { spawn } from 'node:child_process';
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

/** Under Stryker (npm run test:mutation, see stryker.config.mjs), each of its test runners is a Vitest of its own. */
const underStryker = process.env.STRYKER_MUTATOR_WORKER !== undefined;

/** Kills the server (argv 2) once the runner (argv 1) is gone, if it still is the one in that folder (argv 3). */
const WATCHDOG = `
const [runner, server, dir] = process.argv.slice(1);
const timer = setInterval(() => {
  try { process.kill(Number(runner), 0); return; } catch {}
  clearInterval(timer);
  try { if (require('node:fs').readFileSync('/proc/' + server + '/cmdline', 'utf8').includes(dir)) process.kill(Number(server), 'SIGKILL'); } catch {}
}, 1000);`;

interface TestNeo4j {
  connection: Neo4jConnection;
  instanceDir: string;
  libRoot: string;
  stop(): Promise<void>;
}

/** The run's Neo4j, shared by the projects that call setup: each loads this file on its own, so it lives on globalThis. */
const SHARED = Symbol.for('threat-network-explorer.test-neo4j');
type Shared = { started: Promise<TestNeo4j>; users: number };
const shared = globalThis as typeof globalThis & { [SHARED]?: Shared };

export default async function setup(project: TestProject) {
  // TEST_NEO4J=off for runs of tests that need no Neo4j (the client's); see test/support/database.ts.
  if (process.env.TEST_NEO4J === 'off') return;
  const run = (shared[SHARED] ??= { started: startTestNeo4j(), users: 0 });
  run.users += 1;
  const neo4j = await run.started;
  project.provide('neo4j', neo4j.connection);
  project.provide('neo4jInstanceDir', neo4j.instanceDir);
  project.provide('neo4jLibRoot', neo4j.libRoot);
  return async () => {
    run.users -= 1;
    if (run.users > 0) return;
    delete shared[SHARED];
    await neo4j.stop();
  };
}

async function startTestNeo4j(): Promise<TestNeo4j> {
  const libRoot = path.join(process.env.NEO4J_HOME ?? path.join(REPO_ROOT, '.neo4j'), 'lib');
  // Stryker kills a test runner outright when a mutant hangs, and its Neo4j with it: the folder is
  // then in Stryker's sandbox, deleted at the end of the run, not left in the temporary folder.
  const instanceDir = await mkdtemp(path.join(underStryker ? process.cwd() : os.tmpdir(), 'threat-graph-test-neo4j-'));
  const neo4j = await LocalNeo4j.start({
    libRoot,
    instanceDir,
    heap: '1g',
    pageCache: '512m',
    startTimeoutMs: 180_000,
    boltPort: await freePort(),
    logger: createLogger('warn'),
  });
  // A Stryker test runner can also die at once (resvg aborts the process on some mutants of the
  // SVG writer) and leave this Neo4j running: a watchdog process stops it when the runner is gone.
  if (underStryker && neo4j.pid !== undefined) {
    spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), String(neo4j.pid), instanceDir], {
      detached: true,
      stdio: 'ignore',
    }).unref();
  }
  // Schema and seed once, so every test file starts from the seeded graph.
  const db = new Database(neo4j.connection);
  try {
    await applySchema(db);
    await loadDataset(db, await readDataset());
  } finally {
    await db.close();
  }
  return {
    connection: neo4j.connection,
    instanceDir,
    libRoot,
    stop: async () => {
      // Stryker gives its test runners 2 s to close before it kills them: no clean stop there, the
      // whole folder goes anyway.
      await neo4j.stop(underStryker ? 0 : undefined);
      await rm(instanceDir, { recursive: true, force: true });
    },
  };
}
