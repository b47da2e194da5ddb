// GET /api/health: is Neo4j reachable, which version, how much data. 503 while it is not.
import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { cypher } from '../db/cypher-files.js';
import { DatabaseUnavailableError } from '../db/errors.js';

export const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  neo4j: z.object({
    reachable: z.boolean(),
    version: z.string().optional(),
    edition: z.string().optional(),
    nodes: z.number().optional(),
    relationships: z.number().optional(),
  }),
  message: z.string().optional(),
});
export type Health = z.infer<typeof healthSchema>;

export function healthRouter(db: Database): Router {
  const router = Router();
  router.get('/health', async (_req, res, next) => {
    try {
      const result = await db.read((tx) => tx.run(cypher('health/status')), { timeoutMs: 5_000 });
      const row = result.records[0];
      const body: Health = {
        status: 'ok',
        neo4j: {
          reachable: true,
          version: row?.get('version') as string,
          edition: row?.get('edition') as string,
          nodes: Number(row?.get('nodes')),
          relationships: Number(row?.get('relationships')),
        },
      };
      res.json(body);
    } catch (err) {
      if (!(err instanceof DatabaseUnavailableError)) return next(err);
      const body: Health = { status: 'unavailable', neo4j: { reachable: false }, message: `${err.message}; try again shortly.` };
      res.status(503).json(body);
    }
  });
  return router;
}
