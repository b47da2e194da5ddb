// Two connected entities (and a name to search for) that the warm-up runs the common queries on.
import type { Database } from './database.js';
import { cypher } from './statements.js';

export interface WarmUpSample {
  a: string;
  b: string;
  name: string;
}

/** A sample from the graph, or null when it has no relationship yet (nothing worth warming). */
export async function warmUpSample(db: Database): Promise<WarmUpSample | null> {
  const result = await db.read((tx) => tx.run(cypher('warm-up/sample')));
  const row = result.records[0];
  return row ? { a: row.get('a') as string, b: row.get('b') as string, name: row.get('name') as string } : null;
}
