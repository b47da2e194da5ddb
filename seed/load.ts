// Loads a validated dataset into Neo4j: MERGE on id, batched UNWIND, one transaction per batch.
// A dataset with any error is refused before anything is written.
import { NODE_LABELS, REL_TYPES } from '../model/graph-model.js';
import type { Database } from '../server/db/database.js';
import { cypher, withSchemaNames } from '../server/db/cypher-files.js';
import { deriveReportedIn, formatError, type Dataset, type SeedRelationship } from './dataset.js';

const BATCH_SIZE = 500;

export class InvalidSeedError extends Error {
  constructor(readonly errors: Dataset['errors']) {
    super(`The seed has ${errors.length} error(s); nothing was written:\n${errors.map(formatError).join('\n')}`);
  }
}

export interface LoadResult {
  nodes: number;
  relationships: number;
  derived: number;
}

export async function loadDataset(db: Database, dataset: Dataset): Promise<LoadResult> {
  if (dataset.errors.length > 0) throw new InvalidSeedError(dataset.errors);

  for (const label of NODE_LABELS) {
    const rows = dataset.nodes.filter((n) => n.label === label).map((n) => ({ id: n.props.id, props: n.props }));
    const query = withSchemaNames(cypher('seed/merge-nodes'), { label });
    await inBatches(db, query, rows);
  }

  const derived = deriveReportedIn(dataset);
  const all = [...dataset.relationships, ...derived];
  for (const type of REL_TYPES) {
    const rows = all.filter((r) => r.type === type).map(relationshipRow);
    const query = withSchemaNames(cypher('seed/merge-relationships'), { type });
    await inBatches(db, query, rows);
  }
  await db.write((tx) => tx.run(cypher('seed/prune-reported-in'), { ids: derived.map((r) => r.id) }));
  return { nodes: dataset.nodes.length, relationships: dataset.relationships.length, derived: derived.length };
}

function relationshipRow(rel: SeedRelationship) {
  // Neo4j stores no nulls: absent evidence fields are simply not set.
  const { type: _type, from, to, ...props } = rel;
  return { from, to, props: Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) };
}

async function inBatches(db: Database, query: string, rows: unknown[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH_SIZE) {
    const batch = rows.slice(i, i + BATCH_SIZE);
    await db.write((tx) => tx.run(query, { rows: batch }));
  }
}

/** True when the database holds no entity at all, i.e. it has never been seeded. */
export async function isEmpty(db: Database): Promise<boolean> {
  const result = await db.read((tx) => tx.run(cypher('seed/count-entities')));
  return Number(result.records[0]?.get('entities') ?? 0) === 0;
}
