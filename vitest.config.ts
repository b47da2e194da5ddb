import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

// Three projects (`npm run test:unit`, `test:integration`, `test:e2e`; `npm test` runs all three):
// - unit: tests that never talk to Neo4j nor start a process (the server, a browser, a CLI, a
//   build). No Java needed; files in parallel, in worker threads.
// - integration: the API, the database, the server and the CLIs as real processes, against one
//   disposable Neo4j (test/global-setup.ts), its files one after another since they share it.
// - e2e: the explorer in headless Chromium (test/e2e), over that same Neo4j.
// The two that name test/global-setup.ts share one Neo4j per run; a run of unit tests alone
// starts none. The projects run in turn: unit, integration, e2e (`sequence.groupOrder`).

/** The unit tests outside test/client. Any other test file directly in test/ is an integration test. */
const UNIT_FILES = [
  'test/article-map.test.ts',
  'test/audit-unit.test.ts',
  'test/auth-unit.test.ts',
  'test/endpoint-mount.test.ts',
  'test/formats-png-unavailable.test.ts',
  'test/formats-unit.test.ts',
  'test/model.test.ts',
  'test/partial-date.test.ts',
  'test/process-identity.test.ts',
  'test/request-log.test.ts',
  'test/search-lucene.test.ts',
  'test/stix-export.test.ts',
  'test/seed-reported-at.test.ts',
  'test/seed-validation.test.ts',
  'test/sharing-unit.test.ts',
  'test/snapshot-changes.test.ts',
  'test/statements.test.ts',
  'test/stix-import.test.ts',
];

/** For the projects over the run's Neo4j: its setup, and their files one after another. */
const withNeo4j = {
  globalSetup: ['test/global-setup.ts'],
  fileParallelism: false,
};

export default defineConfig({
  // `@model/x.js` is model/x.ts, as in tsconfig.base.json and vite.config.ts.
  resolve: { alias: { '@model': fileURLToPath(new URL('./model', import.meta.url)) } },
  test: {
    testTimeout: 60_000,
    // Starting Neo4j and seeding it (test/global-setup.ts) or a server process takes minutes at worst.
    hookTimeout: 300_000,
    // Stopping Neo4j cleanly takes about ten seconds.
    teardownTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/client/**/*.test.{ts,tsx}', ...UNIT_FILES],
          // Threads start faster than processes (Stryker runs every test in threads anyway).
          pool: 'threads',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/*.test.ts'],
          exclude: [...configDefaults.exclude, ...UNIT_FILES],
          ...withNeo4j,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/*.e2e.test.ts'],
          ...withNeo4j,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
