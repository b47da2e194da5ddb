import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // One disposable Neo4j for the whole run (see test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    // Test files share that database, so they run one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // Stopping Neo4j cleanly takes about ten seconds.
    teardownTimeout: 120_000,
  },
});
