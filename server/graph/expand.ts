// POST /api/expand: a page of the neighbours of some nodes with the connecting relationships and
// their evidence, plus the total per relationship type ("+37 more USES").
import neo4j from 'neo4j-driver';
import { expandRequestSchema, type ExpandQuery, type ExpandResponse } from '@model/api.js';
import { TRAVERSAL_REL_TYPES } from '@model/graph-model.js';
import type { Database } from '../db/database.js';
import { cypher } from '../db/statements.js';
import { GraphCollector, toPlain } from '../db/to-json.js';
import { endOfPartialDate, startOfPartialDate } from '@model/partial-date.js';
import { NotFoundError } from '../errors.js';
import type { ReadLimits } from '../http/limits.js';
import type { WarmUpSample } from '../db/warm-up-sample.js';

/** The parameters of expand/page for a request; the benchmark runs the same. */
export function expandParams(request: ExpandQuery) {
  return {
    ids: [...new Set(request.ids)],
    relTypes: request.relTypes ?? TRAVERSAL_REL_TYPES,
    direction: request.direction,
    labels: request.labels ?? null,
    minConfidence: request.minConfidence ?? null,
    fromDate: request.from ? startOfPartialDate(request.from) : null,
    toDate: request.to ? endOfPartialDate(request.to) : null,
    skip: neo4j.int(request.skip),
    limit: neo4j.int(request.limit),
  };
}

export async function expandNodes(db: Database, request: ExpandQuery, limits: ReadLimits): Promise<ExpandResponse> {
  const result = await db.read((tx) => tx.run(cypher('expand/page'), expandParams(request)), { timeoutMs: limits.readTimeoutMs });
  const row = result.records[0]!;
  const missing = row.get('missing') as string[];
  if (missing.length > 0) throw new NotFoundError('ids', `No node with id ${missing.map((m) => `"${m}"`).join(', ')}`);

  const graph = new GraphCollector();
  graph.add([row.get('anchors'), row.get('neighbours'), row.get('relationships')]);
  const total = toPlain(row.get('total')) as number;
  const body: ExpandResponse = {
    ...graph.graph(),
    totals: toPlain(row.get('totals')) as ExpandResponse['totals'],
    total,
    hasMore: request.skip + (row.get('relationships') as unknown[]).length < total,
  };
  return body;
}

/** Runs the query once on real data (see server/warm-up.ts). */
export async function warmUpExpand(db: Database, limits: ReadLimits, sample: WarmUpSample): Promise<void> {
  await expandNodes(db, expandRequestSchema.parse({ ids: [sample.a] }), limits);
}
