// Loads a validated dataset into Neo4j: MERGE on id, batched UNWIND, one transaction per batch.
// A dataset with any error is refused before anything is written.
//
// It can be stopped anywhere and run again. Before writing, the ids it will write join a ledger
// kept in the database (a :Dataset node, apart from the threat data) and the stored identity is
// removed; its last transaction prunes what the ledger holds and the files no longer do, and
// writes the identity (the files' hash and the loader's version). So a database whose identity
// matches the files holds exactly the seed, and one whose identity is missing or different is
// seeded again by the next start. Snapshots and saved queries are never in the ledger. What a STIX
// import wrote is never pruned, and the STIX ids and evidence it added to seed records stay (see
// cypher/seed/merge-*.cypher and prune-*.cypher).
import { NODE_LABELS, REL_TYPES } from '@model/graph-model.js';
import type { Database } from '../server/db/database.js';
import { cypher, withSchemaNames } from '../server/db/statements.js';
import { deriveReportedIn, formatError, withReportedAt, type Dataset, type SeedRelationship } from './dataset.js';

/** Bumped when the way records are written changes, so that a start reloads unchanged files. */
export const LOADER_VERSION = 3;
const DEFAULT_BATCH_SIZE = 500;

export class InvalidSeedError extends Error {
  constructor(readonly errors: Dataset['errors']) {
    super(`The seed has ${errors.length} error(s); nothing was written:\n${errors.map(formatError).join('\n')}`);
  }
}

export interface LoadResult {
  nodes: number;
  relationships: number;
  derived: number;
  /** Records of earlier seeds that the files no longer hold, removed. */
  prunedNodes: number;
  prunedRelationships: number;
}

export interface LoadOptions {
  /** Records per transaction. */
  batchSize?: number;
  /** Called after each batch with records written so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface StoredIdentity {
  hash: string | null;
  loaderVersion: number | null;
  loadedAt: string | null;
}

/** The identity of the seed the database holds (all null before a complete seed). */
export async function storedIdentity(db: Database): Promise<StoredIdentity> {
  const result = await db.read((tx) => tx.run(cypher('seed/identity')));
  const row = result.records[0];
  const version = row?.get('loaderVersion') as unknown;
  return {
    hash: (row?.get('hash') as string | null) ?? null,
    loaderVersion: version === null || version === undefined ? null : Number(version),
    loadedAt: (row?.get('loadedAt') as string | null) ?? null,
  };
}

/** True when the database holds this dataset, completely, as this loader writes it. */
export async function isLoaded(db: Database, dataset: Pick<Dataset, 'hash'>): Promise<boolean> {
  const stored = await storedIdentity(db);
  return stored.hash === dataset.hash && stored.loaderVersion === LOADER_VERSION;
}

export async function loadDataset(db: Database, dataset: Dataset, options: LoadOptions = {}): Promise<LoadResult> {
  if (dataset.errors.length > 0) throw new InvalidSeedError(dataset.errors);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const derived = deriveReportedIn(dataset);
  // Every relationship, derived ones included, gets the day its earliest source was published.
  const relationships = withReportedAt([...dataset.relationships, ...derived], dataset.nodes);
  const nodeIds = dataset.nodes.map((n) => n.props.id);
  const relationshipIds = relationships.map((r) => r.id);
  const total = nodeIds.length + relationshipIds.length;
  let done = 0;
  options.onProgress?.(done, total);

  const owned = await claim(db, nodeIds, relationshipIds);

  for (const label of NODE_LABELS) {
    const rows = dataset.nodes.filter((n) => n.label === label).map((n) => ({ id: n.props.id, props: n.props }));
    const others = NODE_LABELS.filter((l) => l !== label);
    const query = withSchemaNames(cypher('seed/merge-nodes'), { label, others });
    done = await inBatches(db, query, rows, batchSize, done, total, options.onProgress);
  }
  for (const type of REL_TYPES) {
    const rows = relationships.filter((r) => r.type === type).map(relationshipRow);
    const query = withSchemaNames(cypher('seed/merge-relationships'), { type });
    done = await inBatches(db, query, rows, batchSize, done, total, options.onProgress);
  }

  const keepNodes = new Set(nodeIds);
  const keepRelationships = new Set(relationshipIds);
  const goneNodes = owned.nodeIds.filter((id) => !keepNodes.has(id));
  const goneRelationships = owned.relationshipIds.filter((id) => !keepRelationships.has(id));
  const pruned = await db.write(async (tx) => {
    const rels = await tx.run(cypher('seed/prune-relationships'), { ids: goneRelationships });
    const nodes = await tx.run(cypher('seed/prune-nodes'), { ids: goneNodes });
    await tx.run(cypher('seed/complete'), { nodeIds, relationshipIds, hash: dataset.hash, loaderVersion: LOADER_VERSION });
    return { nodes: Number(nodes.records[0]?.get('pruned') ?? 0), relationships: Number(rels.records[0]?.get('pruned') ?? 0) };
  });
  return {
    nodes: dataset.nodes.length,
    relationships: dataset.relationships.length,
    derived: derived.length,
    prunedNodes: pruned.nodes,
    prunedRelationships: pruned.relationships,
  };
}

/** Adds the ids about to be written to the ledger; returns everything the seed now owns. */
async function claim(
  db: Database,
  nodeIds: string[],
  relationshipIds: string[],
): Promise<{ nodeIds: string[]; relationshipIds: string[] }> {
  return db.write(async (tx) => {
    // A database seeded before the ledger existed starts one with this seed's ids: what older
    // seeds wrote and these files dropped stays, as it did then; nothing else is claimed, since
    // a Neo4j given by NEO4J_URI may hold data that is not ours to prune.
    const row = (await tx.run(cypher('seed/ledger'))).records[0];
    const owned = {
      nodeIds: union((row?.get('nodeIds') as string[] | null) ?? [], nodeIds),
      relationshipIds: union((row?.get('relationshipIds') as string[] | null) ?? [], relationshipIds),
    };
    await tx.run(cypher('seed/claim'), owned);
    return owned;
  });
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

function relationshipRow(rel: SeedRelationship & { reportedAt?: string }) {
  // Neo4j stores no nulls: absent evidence fields are simply not set.
  const { type: _type, from, to, ...props } = rel;
  return { from, to, props: Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) };
}

async function inBatches(
  db: Database,
  query: string,
  rows: unknown[],
  batchSize: number,
  done: number,
  total: number,
  onProgress: LoadOptions['onProgress'],
): Promise<number> {
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    await db.write((tx) => tx.run(query, { rows: batch }));
    done += batch.length;
    onProgress?.(done, total);
  }
  return done;
}
