// Mutation testing (`npm run test:mutation`, not part of `npm test`: it takes many minutes).
// Stryker changes the code of the modules that carry the product's promises, one small change (a
// "mutant") at a time, and runs the tests that cover it: a mutant that no test notices is a hole
// in the tests. One module: `npm run test:mutation -- --mutate server/graph/lucene.ts`.
//
// Why it is set up so:
// - Stryker 9.6: Stryker 10 refuses to start on Node 20, which this project supports.
// - Vitest runs as usual (vitest.config.ts), in a copy of the project under .stryker-tmp/, and
//   only the test files that import the mutated module (`vitest.related`).
// - coverageAnalysis perTest: each mutant runs only the tests that executed its code.
// - concurrency 2: one test runner per core. Each runner is its own Vitest, so its globalSetup
//   starts its own disposable Neo4j (heap 1 GB + page cache 512 MB) once, for all its mutants
//   (and again after Stryker killed a runner on a hanging mutant); NEO4J_HOME points at this
//   checkout's .neo4j/ so the jars are reused, not fetched again.
// - The timing-sensitive tests (they run server/main.ts as processes, kill Neo4j and time the
//   recovery) and the browser tests are left out of the copy: slow, flaky under the CPU load of a
//   mutation run, and not needed for these modules. So are big folders no test reads.
// - Scores per file in the terminal (clear-text) and in reports/mutation/ (git-ignored); the run
//   fails when the score is under 80 %, the target for each of these modules.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
process.env.NEO4J_HOME ??= path.join(root, '.neo4j');

// No client test needs Neo4j: a run of client modules alone (`--mutate client/...`) starts none.
// (Their tests are all in the `unit` project, which has no globalSetup; this says so outright.)
const argv = process.argv.slice(2);
const mutateAt = argv.findIndex((a) => a === '--mutate' || a === '-m');
const mutateArg = mutateAt >= 0 ? argv[mutateAt + 1] : argv.find((a) => a.startsWith('--mutate='))?.slice('--mutate='.length);
if (mutateArg && mutateArg.split(',').every((p) => p.trim().startsWith('client/'))) process.env.TEST_NEO4J ??= 'off';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.ts', related: true },
  coverageAnalysis: 'perTest',
  // A "static" mutant is in code that runs when the module is imported (a constant, a regex, a
  // stylesheet): no single test covers it, so it would run every related test, some 200 API tests
  // and a minute or more per mutant. They are reported as Ignored and left out of the score.
  ignoreStatic: true,
  concurrency: 2,
  mutate: [
    'server/graph/lucene.ts',
    'server/snapshots/exports/*.ts',
    'server/snapshots/changes.ts',
    'seed/dataset.ts',
    'client/src/shared/graph-store.ts',
    'client/src/shared/url-state.ts',
    'server/queries/read-only-runner.ts',
    'server/http/endpoint.ts',
  ],
  ignorePatterns: [
    '/.neo4j',
    '/dist',
    '/artifacts',
    '/bench',
    '/test/e2e',
    '/test/neo4j-supervision.test.ts',
    '/test/startup-recovery.test.ts',
    '/test/health.test.ts',
    '/test/supervisor.test.ts',
  ],
  // The first run starts Neo4j and loads the seed before any test.
  dryRunTimeoutMinutes: 15,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  clearTextReporter: { logTests: false },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: 80 },
  tempDirName: '.stryker-tmp',
  // Stryker rewrites the tsconfig's `extends` and `references` in its copy through TypeScript's
  // JS API, which TypeScript 7 (this project's) no longer has. Those of tsconfig.json name files
  // inside the project, which the copy holds as they are, so the rewrite is skipped by naming no file.
  tsconfigFile: '(none)',
};
