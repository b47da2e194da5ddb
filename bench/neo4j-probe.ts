// Watches for Neo4j to answer again after a crash, from a worker thread of its own: the main
// thread (the API server) is saturated during bench:load's kill run, and a probe on it would see
// Neo4j back only when its event loop gets round to it. A driver made after the kill (no pooled
// connection from before it) runs `RETURN 1` every `intervalMs` until it succeeds.
import { parentPort, workerData } from 'node:worker_threads';
import neo4j from 'neo4j-driver';
import type { Neo4jConnection } from '../server/db/local-neo4j/instance.js';
import { tsWorker } from './load-clients.js';

interface ProbeConfig {
  connection: Neo4jConnection;
  /** Epoch ms after which it gives up. */
  deadline: number;
  intervalMs: number;
}

const now = () => performance.timeOrigin + performance.now();

async function probe({ connection, deadline, intervalMs }: ProbeConfig): Promise<number | null> {
  const driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
    connectionTimeout: 1_000,
    logging: { level: 'error', logger: () => {} },
  });
  try {
    while (now() < deadline) {
      try {
        await driver.executeQuery('RETURN 1 AS ok', {}, { routing: neo4j.routing.READ });
        return now();
      } catch {
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    }
    return null;
  } finally {
    await driver.close();
  }
}

const config = (workerData as { benchNeo4jProbe?: ProbeConfig } | null)?.benchNeo4jProbe;
if (parentPort && config) {
  probe(config).then(
    (at) => parentPort!.postMessage({ at }),
    () => parentPort!.postMessage({ at: null }),
  );
}

/** Epoch ms of the first `RETURN 1` that Neo4j answered, or null by the deadline (or on `signal`). */
export function neo4jAnsweringAgain(connection: Neo4jConnection, deadline: number, signal: AbortSignal): Promise<number | null> {
  const worker = tsWorker(import.meta.url, { benchNeo4jProbe: { connection, deadline, intervalMs: 100 } satisfies ProbeConfig });
  return new Promise((resolve) => {
    const finish = (at: number | null) => {
      signal.removeEventListener('abort', onAbort);
      clearTimeout(limit);
      void worker.terminate();
      resolve(at);
    };
    const onAbort = () => finish(null);
    signal.addEventListener('abort', onAbort, { once: true });
    const limit = setTimeout(() => finish(null), Math.max(0, deadline - now()) + 10_000);
    worker.on('message', (m: { at: number | null }) => finish(m.at));
    worker.on('error', () => finish(null));
    worker.on('exit', () => finish(null));
  });
}
