// Time limits of talking to Neo4j, defined once: configuration defaults, the API's limits and the
// database layer all take them from here.
export const DEFAULT_TIMEOUTS = {
  /** Search, node, expand, subgraph and meta reads (READ_TIMEOUT_MS). */
  readMs: 10_000,
  /** Path searches (PATHS_TIMEOUT_MS). */
  pathsMs: 20_000,
  /** Console and saved queries (CYPHER_TIMEOUT_MS). */
  cypherMs: 15_000,
  /** Writes: snapshots, saved queries, a seed batch. */
  writeMs: 120_000,
  /** Connecting to Neo4j (NEO4J_CONNECT_TIMEOUT_MS): how long a request can take to find it gone. */
  connectMs: 1_000,
  /** Waiting for a pooled connection when all are busy. */
  acquireMs: 5_000,
  /** The health check's own query. */
  healthMs: 5_000,
} as const;
