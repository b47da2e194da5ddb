// Request and response shapes of the explorer API, defined once and shared by server and client.
// The server validates every request against these and publishes them as OpenAPI.
import { z } from 'zod';
import { NODE_LABELS, REL_TYPES } from './graph-model.js';
import { partialDate } from './partial-date.js';
import { PARAM_TYPES } from './query-parameters.js';
import { ownershipShape, visibilitySchema } from './sharing.js';

/** Limits that protect the database. Each can be lowered or raised by configuration. */
export const API_LIMITS = {
  searchMax: 100,
  searchDefault: 20,
  expandIdsMax: 50,
  expandLimitMax: 500,
  expandLimitDefault: 100,
  subgraphIdsMax: 2000,
  pathHopsMax: 8,
  pathHopsDefault: 4,
  kPathsMax: 10,
  cypherMaxLength: 20_000,
} as const;

const label = z.enum(NODE_LABELS);
const relType = z.enum(REL_TYPES);
export const entityId = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** "a,b,c" in a query string, or repeated parameters, as a list. */
function csv<T extends z.ZodTypeAny>(item: T) {
  return z.preprocess(
    (v) => (v === undefined || v === '' ? undefined : (Array.isArray(v) ? v : String(v).split(',')).map((s) => String(s).trim())),
    z.array(item).optional(),
  );
}

// ---- graph elements, as every endpoint returns them ----

export const evidenceSchema = z
  .object({
    sources: z.array(z.string()),
    quote: z.string().optional(),
    summary: z.string().optional(),
    firstSeen: z.string().optional(),
    lastSeen: z.string().optional(),
    /**
     * When the relationship was first reported: the earliest publication day (YYYY-MM-DD) of its
     * sources, derived by the loader. Not an event date: firstSeen and lastSeen are. Optional, so
     * that evidence saved before it existed (in snapshots) still reads.
     */
    reportedAt: z.string().optional(),
    confidence: z.number().optional(),
  })
  .meta({ id: 'Evidence' });

export const graphNodeSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    name: z.string(),
    properties: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'GraphNode' });
export type GraphNode = z.infer<typeof graphNodeSchema>;

export const graphEdgeSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    from: z.string(),
    to: z.string(),
    evidence: evidenceSchema,
    /** The relationship's other properties (its evidence is in `evidence` only). */
    properties: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'GraphEdge' });
export type GraphEdge = z.infer<typeof graphEdgeSchema>;

export const graphSchema = z.object({ nodes: z.array(graphNodeSchema), edges: z.array(graphEdgeSchema) }).meta({ id: 'Graph' });
export type Graph = z.infer<typeof graphSchema>;

export const sourceRefSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    publisher: z.string().optional(),
    published: z.string().optional(),
    url: z.string().optional(),
    sourceType: z.string().optional(),
    /** False when no public copy matching the document was found: the reference is unverified. */
    verified: z.boolean().optional(),
  })
  .meta({ id: 'SourceRef' });
export type SourceRef = z.infer<typeof sourceRefSchema>;

// ---- GET /api/health, GET /api/health/live ----

/**
 * Where the explorer is on its way to serving complete data. `neo4j`, `schema` and `seeding` come
 * once, at start; `ready` is the only phase in which the data is known to be complete;
 * `restarting` (the managed Neo4j died and is being restarted), `reconnecting` (the Neo4j server is
 * out of reach) and `failed` (restarts gave up) can follow it.
 */
export const SYSTEM_PHASES = ['neo4j', 'schema', 'seeding', 'ready', 'restarting', 'reconnecting', 'failed'] as const;
export const systemPhaseSchema = z.enum(SYSTEM_PHASES);
export type SystemPhase = z.infer<typeof systemPhaseSchema>;

/** Records written of the total, while the seed loads. */
export const progressSchema = z.object({ done: z.number().int().min(0), total: z.number().int().min(0) });
export type Progress = z.infer<typeof progressSchema>;

export const healthSchema = z
  .object({
    /** `ok` only when the data is complete and Neo4j answers (HTTP 200); otherwise HTTP 503. */
    status: z.enum(['ok', 'starting', 'unavailable']),
    phase: systemPhaseSchema,
    progress: progressSchema.optional(),
    neo4j: z.object({
      reachable: z.boolean(),
      version: z.string().optional(),
      edition: z.string().optional(),
      nodes: z.number().optional(),
      relationships: z.number().optional(),
    }),
    /** What is going on, in words, while the status is not `ok`. */
    message: z.string().optional(),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof healthSchema>;

export const livenessSchema = z.object({ status: z.literal('live'), uptimeSeconds: z.number() }).meta({ id: 'Liveness' });
export type Liveness = z.infer<typeof livenessSchema>;

/**
 * Why a query typed by a person (the console, a saved query) was refused, beside the 400's
 * QUERY_REJECTED: the client names it, tests assert it.
 */
export const QUERY_REFUSAL_REASONS = [
  /** Nothing to run once comments are gone. */
  'EMPTY_QUERY',
  /** More than one statement (a semicolon outside strings). */
  'MULTIPLE_STATEMENTS',
  /** Neo4j plans it as a write (or refuses it as one in a read transaction). */
  'NOT_READ_ONLY',
  /** A schema or administration command (CREATE INDEX, SHOW USERS, ...). */
  'SCHEMA_COMMAND',
  /** A plan operator the console never runs: LOAD CSV, CALL { } IN TRANSACTIONS, TERMINATE/SHOW TRANSACTIONS, SHOW SETTINGS, a write. */
  'FORBIDDEN_OPERATOR',
  /** A procedure outside the allow-list. */
  'PROCEDURE_NOT_ALLOWED',
  /** Neo4j rejected the query itself: a syntax error, an unknown function, a wrong type. */
  'INVALID_CYPHER',
  /** It would read accounts or sessions (:User, :Session), or (with AUTH=local) nodes by no label at all, which could be those. */
  'PRIVATE_DATA',
] as const;
export const queryRefusalReasonSchema = z.enum(QUERY_REFUSAL_REASONS);
export type QueryRefusalReason = z.infer<typeof queryRefusalReasonSchema>;

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      /** On a 400 QUERY_REJECTED: why. */
      reason: queryRefusalReasonSchema.optional(),
      /** On a 503 while the explorer starts or Neo4j restarts: where it is. */
      phase: systemPhaseSchema.optional(),
      progress: progressSchema.optional(),
    }),
  })
  .meta({ id: 'Error' });

// ---- GET /api/meta ----

export const metaSchema = z
  .object({
    labels: z.array(z.object({ label: z.string(), description: z.string(), count: z.number(), properties: z.array(z.string()) })),
    relationshipTypes: z.array(
      z.object({
        type: z.string(),
        meaning: z.string(),
        from: z.array(z.string()),
        to: z.array(z.string()),
        cooperation: z.boolean(),
        derived: z.boolean(),
        count: z.number(),
      }),
    ),
    limits: z.record(z.string(), z.number()),
  })
  .meta({ id: 'Meta' });
export type Meta = z.infer<typeof metaSchema>;

// ---- GET /api/search ----

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  labels: csv(label),
  limit: z.coerce.number().int().min(1).max(API_LIMITS.searchMax).default(API_LIMITS.searchDefault),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const searchResultSchema = z
  .object({
    results: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        name: z.string(),
        aliases: z.array(z.string()),
        summary: z.string(),
        score: z.number(),
      }),
    ),
  })
  .meta({ id: 'SearchResult' });
export type SearchResult = z.infer<typeof searchResultSchema>;

// ---- GET /api/nodes/:id ----

export const nodeDetailsSchema = z
  .object({
    node: graphNodeSchema,
    degrees: z.array(z.object({ type: z.string(), direction: z.enum(['out', 'in']), count: z.number() })),
    sources: z.array(sourceRefSchema),
    /** The sources the node's summary names for its facts (summarySources), in that order. */
    summarySources: z.array(sourceRefSchema),
  })
  .meta({ id: 'NodeDetails' });
export type NodeDetails = z.infer<typeof nodeDetailsSchema>;

// ---- POST /api/expand ----

export const directionSchema = z.enum(['out', 'in', 'both']);

export const expandRequestSchema = z
  .object({
    ids: z
      .array(entityId)
      .min(1, 'must list at least one id')
      .max(API_LIMITS.expandIdsMax, `must list at most ${API_LIMITS.expandIdsMax} ids`),
    relTypes: z.array(relType).min(1).optional(),
    direction: directionSchema.default('both'),
    labels: z.array(label).min(1).optional(),
    limit: z.number().int().min(1).max(API_LIMITS.expandLimitMax).default(API_LIMITS.expandLimitDefault),
    skip: z.number().int().min(0).max(1_000_000).default(0),
    minConfidence: z.number().int().min(0).max(100).optional(),
    from: partialDate.optional(),
    to: partialDate.optional(),
  })
  .strict()
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'must not be before from', path: ['to'] })
  .meta({ id: 'ExpandRequest' });
export type ExpandRequest = z.input<typeof expandRequestSchema>;
/** An expand request as the server sees it, defaults filled in. */
export type ExpandQuery = z.output<typeof expandRequestSchema>;

export const expandResponseSchema = graphSchema
  .extend({
    totals: z.array(z.object({ type: z.string(), count: z.number() })),
    total: z.number(),
    hasMore: z.boolean(),
  })
  .meta({ id: 'ExpandResponse' });
export type ExpandResponse = z.infer<typeof expandResponseSchema>;

// ---- POST /api/subgraph ----

export const subgraphRequestSchema = z
  .object({
    ids: z
      .array(entityId)
      .min(1, 'must list at least one id')
      .max(API_LIMITS.subgraphIdsMax, `must list at most ${API_LIMITS.subgraphIdsMax} ids`),
  })
  .strict()
  .meta({ id: 'SubgraphRequest' });

export const subgraphResponseSchema = graphSchema.extend({ missing: z.array(z.string()) }).meta({ id: 'SubgraphResponse' });
export type SubgraphResponse = z.infer<typeof subgraphResponseSchema>;

// ---- POST /api/paths ----

export const pathsRequestSchema = z
  .object({
    from: entityId,
    to: entityId,
    maxHops: z.number().int().min(1).max(API_LIMITS.pathHopsMax).default(API_LIMITS.pathHopsDefault),
    relTypes: z.array(relType).min(1).optional(),
    excludeLabels: z.array(label).optional(),
    mode: z.enum(['shortest', 'allShortest', 'k']).default('shortest'),
    k: z.number().int().min(1).max(API_LIMITS.kPathsMax).default(5),
  })
  .strict()
  .refine((r) => r.from !== r.to, { message: 'must differ from from', path: ['to'] })
  .meta({ id: 'PathsRequest' });
export type PathsRequest = z.input<typeof pathsRequestSchema>;
/** A paths request as the server sees it, defaults filled in. */
export type PathsQuery = z.output<typeof pathsRequestSchema>;

export const pathSchema = z.object({ length: z.number(), nodes: z.array(z.string()), edges: z.array(z.string()) });
export const pathsResponseSchema = graphSchema.extend({ paths: z.array(pathSchema) }).meta({ id: 'PathsResponse' });
export type PathsResponse = z.infer<typeof pathsResponseSchema>;

// ---- saved queries ----

export const queryParameterSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a Cypher parameter name'),
  type: z.enum(PARAM_TYPES),
  default: z.unknown().optional(),
  description: z.string().optional(),
});
export type QueryParameter = z.infer<typeof queryParameterSchema>;

export const savedQuerySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    cypher: z.string(),
    parameters: z.array(queryParameterSchema),
    builtIn: z.boolean(),
    /** Who saved it (null: built in, or saved before ownership existed: team-visible) and who may see it. */
    ...ownershipShape,
  })
  .meta({ id: 'SavedQuery' });
export type SavedQuery = z.infer<typeof savedQuerySchema>;

export const savedQueryListSchema = z.object({ queries: z.array(savedQuerySchema) }).meta({ id: 'SavedQueryList' });
export type SavedQueryList = z.infer<typeof savedQueryListSchema>;

export const savedQueryInputSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(200),
    description: z.string().trim().max(2000).default(''),
    cypher: z.string().trim().min(1, 'must not be empty').max(API_LIMITS.cypherMaxLength),
    parameters: z.array(queryParameterSchema).max(20).default([]),
    /** On creation: private when not given. On change: unchanged when not given. */
    visibility: visibilitySchema.optional(),
  })
  .strict()
  .meta({ id: 'SavedQueryInput' });
export type SavedQueryInput = z.input<typeof savedQueryInputSchema>;

export const runQueryRequestSchema = z
  .object({ params: z.record(z.string(), z.unknown()).default({}) })
  .strict()
  .meta({ id: 'RunQueryRequest' });

// ---- POST /api/cypher ----

export const cypherRequestSchema = z
  .object({
    query: z.string().trim().min(1, 'must not be empty').max(API_LIMITS.cypherMaxLength),
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
  .meta({ id: 'CypherRequest' });

export const cypherResultSchema = graphSchema
  .extend({
    columns: z.array(z.string()),
    rows: z.array(z.record(z.string(), z.unknown())),
    truncated: z.boolean(),
    rowCap: z.number(),
    elapsedMs: z.number(),
  })
  .meta({ id: 'CypherResult' });
export type CypherResult = z.infer<typeof cypherResultSchema>;
