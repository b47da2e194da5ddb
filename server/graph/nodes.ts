// GET /api/nodes/:id: the node with all its properties, its degree per relationship type and
// direction, the sources that mention it and those its summary names.
import type { NodeDetails } from '@model/api.js';
import type { Database } from '../db/database.js';
import { cypher } from '../db/statements.js';
import { nodeToJson, toPlain } from '../db/to-json.js';
import { NotFoundError } from '../errors.js';
import type { ReadLimits } from '../http/limits.js';
import type { WarmUpSample } from '../db/warm-up-sample.js';

/** The parameters of nodes/details; the benchmark runs the same. */
export function nodeDetailsParams(id: string) {
  return { id };
}

export async function nodeDetails(db: Database, id: string, limits: ReadLimits): Promise<NodeDetails> {
  const result = await db.read((tx) => tx.run(cypher('nodes/details'), nodeDetailsParams(id)), { timeoutMs: limits.readTimeoutMs });
  const row = result.records[0];
  if (!row) throw new NotFoundError('id', `No node with id "${id}"`);
  return {
    node: nodeToJson(row.get('n')),
    degrees: (toPlain(row.get('degrees')) as NodeDetails['degrees']).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    sources: sourceRefs(row.get('sources')),
    summarySources: sourceRefs(row.get('summarySources')),
  };
}

/** Source maps from Cypher, without the properties a Source lacks (null there). */
function sourceRefs(value: unknown): NodeDetails['sources'] {
  return (toPlain(value) as Array<Record<string, unknown>>).map(
    (s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== null)) as NodeDetails['sources'][number],
  );
}

/** Runs the query once on real data (see server/warm-up.ts). */
export async function warmUpNodes(db: Database, limits: ReadLimits, sample: WarmUpSample): Promise<void> {
  await nodeDetails(db, sample.a, limits);
}
