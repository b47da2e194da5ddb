// GET /api/nodes/:id: the node with all its properties, its degree per relationship type and
// direction, and the sources that mention it.
import { Router } from 'express';
import { entityId, type NodeDetails } from '../../model/api.js';
import type { Database } from '../db/database.js';
import { cypher } from '../db/cypher-files.js';
import { nodeToJson, toPlain } from '../db/to-json.js';
import { HttpError } from '../http/errors.js';
import type { ReadLimits } from '../http/limits.js';
import { parseInput } from '../http/validate.js';

export function nodesRouter(db: Database, limits: ReadLimits): Router {
  const router = Router();
  router.get('/nodes/:id', async (req, res) => {
    const id = parseInput(entityId, req.params.id, 'params');
    const result = await db.read((tx) => tx.run(cypher('nodes/details'), { id }), { timeoutMs: limits.readTimeoutMs });
    const row = result.records[0];
    if (!row) throw new HttpError(404, 'NOT_FOUND', `No node with id "${id}"`, 'id');
    const body: NodeDetails = {
      node: nodeToJson(row.get('n')),
      degrees: (toPlain(row.get('degrees')) as NodeDetails['degrees']).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
      sources: (toPlain(row.get('sources')) as Array<Record<string, unknown>>).map(
        (s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== null)) as NodeDetails['sources'][number],
      ),
    };
    res.json(body);
  });
  return router;
}
