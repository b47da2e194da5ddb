// POST /api/paths: how two entities are connected. Modes: one shortest path, all shortest paths,
// or up to k simple paths shortest first; each path comes with the evidence of every hop.
import neo4j, { type Path } from 'neo4j-driver';
import { pathsRequestSchema, type PathsQuery, type PathsResponse } from '@model/api.js';
import { TRAVERSAL_REL_TYPES } from '@model/graph-model.js';
import type { Database } from '../db/database.js';
import { cypher, withSchemaNames } from '../db/statements.js';
import { GraphCollector } from '../db/to-json.js';
import { NotFoundError } from '../errors.js';
import type { ReadLimits } from '../http/limits.js';
import type { WarmUpSample } from '../db/warm-up-sample.js';

const ALL_SHORTEST_CAP = 100;
const QUERY_BY_MODE = { shortest: 'paths/shortest', allShortest: 'paths/all-shortest', k: 'paths/k-shortest' } as const;

/** The Cypher of a request's mode, with its hop count and k written in; the benchmark runs the same. */
export function pathsStatement(request: Pick<PathsQuery, 'mode' | 'maxHops' | 'k'>): string {
  return withSchemaNames(cypher(QUERY_BY_MODE[request.mode]), { maxHops: request.maxHops, k: request.k });
}

/** The parameters of pathsStatement(request); the benchmark runs the same. */
export function pathsParams(request: PathsQuery) {
  return {
    from: request.from,
    to: request.to,
    relTypes: request.relTypes ?? TRAVERSAL_REL_TYPES,
    excludeLabels: request.excludeLabels ?? [],
    limit: neo4j.int(ALL_SHORTEST_CAP),
  };
}

export async function findPaths(db: Database, request: PathsQuery, limits: ReadLimits): Promise<PathsResponse> {
  const query = pathsStatement(request);
  const params = pathsParams(request);
  const result = await db.read((tx) => tx.run(query, params), { timeoutMs: limits.pathsTimeoutMs });
  const row = result.records[0]!;
  for (const field of ['from', 'to'] as const) {
    if (!row.get(`${field}Found`)) throw new NotFoundError(field, `No node with id "${request[field]}"`);
  }
  const graph = new GraphCollector();
  const paths = (row.get('paths') as Path[]).map((path) => {
    graph.add(path);
    const nodes = [path.start, ...path.segments.map((s) => s.end)].map((n) => graph.addNode(n));
    const edges = path.segments.map((s) =>
      typeof s.relationship.properties.id === 'string' ? s.relationship.properties.id : s.relationship.elementId,
    );
    return { length: path.length, nodes, edges };
  });
  paths.sort((a, b) => a.length - b.length);
  const body: PathsResponse = { ...graph.graph(), paths };
  return body;
}

/** Runs the default (shortest, 4 hops) search once on real data (see server/warm-up.ts). */
export async function warmUpPaths(db: Database, limits: ReadLimits, sample: WarmUpSample): Promise<void> {
  await findPaths(db, pathsRequestSchema.parse({ from: sample.a, to: sample.b }), limits);
}
