// The test run's disposable Neo4j (see global-setup.ts), and small helpers to look into it.
import { inject } from 'vitest';
import { Database } from '../../server/db/database.js';

export function testDatabase(): Database {
  const connection = inject('neo4j');
  if (!connection)
    throw new Error(
      "This test needs the test run's Neo4j, which the unit project and TEST_NEO4J=off leave out: an integration test (see vitest.config.ts, test/global-setup.ts).",
    );
  return new Database(connection);
}

/** The environment of a child process (a CLI, the server) that should use the test run's Neo4j. */
export function testNeo4jEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const connection = inject('neo4j');
  return {
    ...process.env,
    NEO4J_URI: connection.uri,
    NEO4J_USER: connection.user,
    NEO4J_PASSWORD: connection.password,
    ...extra,
  };
}

/** Runs a read-only query for an assertion and returns its rows as plain objects. */
export async function rows(db: Database, query: string, params: object = {}) {
  const result = await db.read((tx) => tx.run(query, params as Record<string, unknown>));
  return result.records.map((r) => r.toObject());
}

export async function counts(db: Database): Promise<{ nodes: number; relationships: number }> {
  const [row] = await rows(
    db,
    'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
  );
  return { nodes: Number(row?.nodes), relationships: Number(row?.relationships) };
}

/** counts() without the audit trail, which every write adds to and nothing removes (server/audit). */
export async function graphCounts(db: Database): Promise<{ nodes: number; relationships: number }> {
  const all = await counts(db);
  const [row] = await rows(db, 'MATCH (e:AuditEvent) RETURN count(e) AS events');
  return { ...all, nodes: all.nodes - Number(row?.events) };
}
