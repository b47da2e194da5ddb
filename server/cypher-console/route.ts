// POST /api/cypher { query, params }: ad-hoc read-only Cypher for researchers. Graph elements
// (nodes, relationships, paths) come back as a graph, and every row as a table row.
import { Router } from 'express';
import { cypherRequestSchema } from '../../model/api.js';
import type { Database } from '../db/database.js';
import { jsonToCypherParams } from '../db/json-params.js';
import { runReadOnly } from '../db/read-only-cypher.js';
import type { ReadLimits } from '../http/limits.js';
import { parseInput } from '../http/validate.js';

export function cypherConsoleRouter(db: Database, limits: ReadLimits): Router {
  const router = Router();
  router.post('/cypher', async (req, res) => {
    const { query, params } = parseInput(cypherRequestSchema, req.body);
    res.json(await runReadOnly(db, query, jsonToCypherParams(params) as Record<string, unknown>, { rowCap: limits.cypherRowCap, timeoutMs: limits.cypherTimeoutMs }));
  });
  return router;
}
