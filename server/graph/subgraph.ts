// The nodes of a set of ids and the relationships among them, to restore a saved view. Ids no
// longer in the database are listed as missing rather than failing the call.
import type { SubgraphResponse } from '@model/api.js';
import type { Database } from '../db/database.js';
import { cypher } from '../db/statements.js';
import { GraphCollector } from '../db/to-json.js';
import type { ReadLimits } from '../http/limits.js';

export async function subgraphAmong(db: Database, requested: readonly string[], limits: ReadLimits): Promise<SubgraphResponse> {
  const ids = [...new Set(requested)];
  const result = await db.read((tx) => tx.run(cypher('subgraph/among'), { ids }), { timeoutMs: limits.readTimeoutMs });
  const graph = new GraphCollector();
  for (const record of result.records) graph.add([record.get('a'), record.get('ends'), record.get('rels')]);
  const body = graph.graph();
  const found = new Set(body.nodes.map((n) => n.id));
  return { ...body, missing: ids.filter((id) => !found.has(id)) };
}
