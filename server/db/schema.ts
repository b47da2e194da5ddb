// Applies cypher/schema.cypher. Every statement there is idempotent (IF NOT EXISTS), so this runs
// at every start; it then waits for the indexes to come online.
import type { Database } from './database.js';
import { cypher, statements } from './statements.js';

export async function applySchema(db: Database): Promise<number> {
  const all = statements('schema');
  for (const statement of all) await db.runAutoCommit(statement);
  await db.runAutoCommit(cypher('await-indexes'));
  return all.length;
}
