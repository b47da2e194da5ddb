// Applies cypher/schema.cypher. Every statement there is idempotent (IF NOT EXISTS), so this runs
// at every start; it then waits for the indexes to come online. One migration comes first: the
// full-text search index names its labels, and CREATE ... IF NOT EXISTS leaves an index of an
// older label list as it was, so one that does not cover exactly the model's labels is dropped
// to be created anew (Neo4j rebuilds it from the data, without a seed).
import { NODE_LABELS } from '@model/graph-model.js';
import type { Database } from './database.js';
import { cypher, statements } from './statements.js';

export async function applySchema(db: Database): Promise<number> {
  if (await searchIndexIsStale(db)) await db.runAutoCommit(cypher('schema-migration/drop-search-index'));
  const all = statements('schema');
  for (const statement of all) await db.runAutoCommit(statement);
  await db.runAutoCommit(cypher('await-indexes'));
  return all.length;
}

/** True when the search index exists but over other labels than the graph model's. */
async function searchIndexIsStale(db: Database): Promise<boolean> {
  const result = await db.read((tx) => tx.run(cypher('schema-migration/search-index-labels')));
  const record = result.records[0];
  if (!record) return false;
  return !sameLabels(record.get('labelsOrTypes') as string[], NODE_LABELS);
}

function sameLabels(indexed: readonly string[], model: readonly string[]): boolean {
  return indexed.length === model.length && [...indexed].sort().join('|') === [...model].sort().join('|');
}
