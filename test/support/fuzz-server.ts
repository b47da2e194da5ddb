// The app as the fuzz test (test/fuzz.test.ts) runs it: createApp over the test run's Neo4j,
// listening on 127.0.0.1 and a free port, in a process of its own, so that a crash (a native
// module aborting, say) is seen and reported by the test instead of taking the test runner down.
// Started with the connection in FUZZ_NEO4J (JSON); warms up as server/main.ts does, then prints
// "listening <port>".
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.js';
import { Database } from '../../server/db/database.js';
import type { Neo4jConnection } from '../../server/db/local-neo4j/instance.js';
import { DEFAULT_LIMITS } from '../../server/http/limits.js';
import { createLogger } from '../../server/logger.js';
import { warmUp } from '../../server/graph/warm-up.js';

const db = new Database(JSON.parse(process.env.FUZZ_NEO4J ?? '{}') as Neo4jConnection);
// As server/main.ts does before it says it is ready: cold plan caches make the first reads slow.
await warmUp(db, DEFAULT_LIMITS);
const server = createApp({ db, logger: createLogger('silent') }).listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
// Keep-alive connections of the test's agent are not cut while it generates the next request.
server.keepAliveTimeout = 60_000;

process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close();
  void db.close().finally(() => process.exit(0));
});
