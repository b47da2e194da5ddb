// POST /api/subgraph: the nodes of a set of ids and the relationships among them, to restore a
// saved view. Ids no longer in the database are listed as missing rather than failing the call.
import { Router } from 'express';
import { subgraphRequestSchema } from '../../model/api.js';
import type { Database } from '../db/database.js';
import { cypher } from '../db/cypher-files.js';
import { GraphCollector } from '../db/to-json.js';
import type { ReadLimits } from '../http/limits.js';
import { parseInput } from '../http/validate.js';

export function subgraphRouter(db: Database, limits: ReadLimits): Router {
  const router = Router();
  router.post('/subgraph', async (req, res) => {
    const ids = [...new Set(parseInput(subgraphRequestSchema, req.body).ids)];
    const result = await db.read((tx) => tx.run(cypher('subgraph/among'), { ids }), { timeoutMs: limits.readTimeoutMs });
    const graph = new GraphCollector();
    for (const record of result.records) graph.add([record.get('a'), record.get('ends'), record.get('rels')]);
    const body = graph.graph();
    const found = new Set(body.nodes.map((n) => n.id));
    res.json({ ...body, missing: ids.filter((id) => !found.has(id)) });
  });
  return router;
}
