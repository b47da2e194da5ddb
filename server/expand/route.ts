// POST /api/expand: a page of the neighbours of some nodes with the connecting relationships and
// their evidence, plus the total per relationship type ("+37 more USES").
import { Router } from 'express';
import neo4j from 'neo4j-driver';
import { expandRequestSchema, type ExpandResponse } from '../../model/api.js';
import type { Database } from '../db/database.js';
import { cypher } from '../db/cypher-files.js';
import { GraphCollector, toPlain } from '../db/to-json.js';
import { TRAVERSAL_REL_TYPES, endOfPartialDate, startOfPartialDate } from '../http/defaults.js';
import { HttpError } from '../http/errors.js';
import type { ReadLimits } from '../http/limits.js';
import { parseInput } from '../http/validate.js';

export function expandRouter(db: Database, limits: ReadLimits): Router {
  const router = Router();
  router.post('/expand', async (req, res) => {
    const request = parseInput(expandRequestSchema, req.body);
    const ids = [...new Set(request.ids)];
    const params = {
      ids,
      relTypes: request.relTypes ?? TRAVERSAL_REL_TYPES,
      direction: request.direction,
      labels: request.labels ?? null,
      minConfidence: request.minConfidence ?? null,
      fromDate: request.from ? startOfPartialDate(request.from) : null,
      toDate: request.to ? endOfPartialDate(request.to) : null,
      skip: neo4j.int(request.skip),
      limit: neo4j.int(request.limit),
    };
    const body = await db.read(
      async (tx): Promise<ExpandResponse> => {
        const existing = await tx.run(cypher('expand/existing'), { ids });
        const found = new Set(existing.records[0]?.get('found') as string[]);
        const missing = ids.filter((id) => !found.has(id));
        if (missing.length > 0) throw new HttpError(404, 'NOT_FOUND', `No node with id ${missing.map((m) => `"${m}"`).join(', ')}`, 'ids');

        const totals = (await tx.run(cypher('expand/totals'), params)).records.map(
          (r) => toPlain(r.toObject()) as { type: string; count: number },
        );
        const page = await tx.run(cypher('expand/page'), params);
        const graph = new GraphCollector();
        for (const record of page.records) graph.add([record.get('n'), record.get('m'), record.get('r')]);
        const total = totals.reduce((sum, t) => sum + t.count, 0);
        return { ...graph.graph(), totals, total, hasMore: request.skip + page.records.length < total };
      },
      { timeoutMs: limits.readTimeoutMs },
    );
    res.json(body);
  });
  return router;
}
