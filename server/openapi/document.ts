// GET /api/openapi.json: the API described from the same zod schemas the server validates with.
import { Router } from 'express';
import { z } from 'zod';
import * as api from '../../model/api.js';
import * as snap from '../../model/snapshot.js';


type Io = 'input' | 'output';
const schema = (s: z.ZodTypeAny, io: Io) => z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'openapi-3.0' });

const ERRORS = {
  '400': { description: 'Bad input: the field and the problem are named', content: { 'application/json': { schema: schema(api.errorSchema, 'output') } } },
  '404': { description: 'Unknown id', content: { 'application/json': { schema: schema(api.errorSchema, 'output') } } },
  '503': { description: 'Neo4j is unreachable', content: { 'application/json': { schema: schema(api.errorSchema, 'output') } } },
  '504': { description: 'The query took longer than its time limit', content: { 'application/json': { schema: schema(api.errorSchema, 'output') } } },
};

function op(summary: string, response: z.ZodTypeAny, body?: z.ZodTypeAny, extra: Record<string, unknown> = {}) {
  return {
    summary,
    ...extra,
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(body, 'input') } } } } : {}),
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: schema(response, 'output') } } }, ...ERRORS },
  };
}

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const queriesList = z.object({ queries: z.array(api.savedQuerySchema) });

// Snapshots and exports: a body past SNAPSHOT_LIMITS.bodyBytesMax is refused with 413.
const TOO_LARGE = { '413': { description: `Body over ${snap.SNAPSHOT_LIMITS.bodyBytesMax} bytes`, content: { 'application/json': { schema: schema(api.errorSchema, 'output') } } } };
const snapshotIdParam = { ...idParam, schema: schema(snap.snapshotId, 'input') };
const formatParam = { name: 'format', in: 'path', required: true, schema: schema(snap.exportFormatSchema, 'input') };
const optionParams = Object.entries((schema(snap.exportOptionsSchema, 'input') as { properties: Record<string, unknown> }).properties).map(
  ([name, s]) => ({ name, in: 'query', required: false, schema: s }),
);
const file = (description: string, extra: Record<string, unknown>) => ({
  summary: description,
  ...extra,
  responses: {
    '200': {
      description: 'The file, as an attachment named after the title',
      content: Object.fromEntries(Object.values(snap.EXPORT_MEDIA_TYPES).map((t) => [t.mediaType, { schema: { type: 'string', format: 'binary' } }])),
    },
    '501': { description: 'PNG only: the renderer could not load on this server', content: { 'application/json': { schema: schema(api.errorSchema, 'output') } } },
    ...ERRORS,
    ...TOO_LARGE,
  },
});
const withTooLarge = <T extends { responses: object }>(o: T) => ({ ...o, responses: { ...o.responses, ...TOO_LARGE } });
const snapshotsList = z.object({ snapshots: z.array(snap.snapshotSummarySchema) });

export function openApiDocument() {
  const searchParams = Object.entries((schema(api.searchQuerySchema, 'input') as { properties: Record<string, unknown> }).properties).map(
    ([name, s]) => ({ name, in: 'query', required: name === 'q', schema: s }),
  );
  return {
    openapi: '3.0.3',
    info: {
      title: 'Threat-network explorer API',
      version: '1',
      description: 'Search, expand, inspect the evidence of, and find paths in the threat-network graph. Limits: see GET /api/meta.',
    },
    paths: {
      '/api/health': { get: op('Ready (200) only when the data is complete and Neo4j answers; 503 with the phase while starting or while Neo4j is out of reach', api.healthSchema) },
      '/api/health/live': { get: op('Liveness: 200 while the process runs, ready or not', api.livenessSchema) },
      '/api/meta': { get: op('Labels, relationship types, counts, property keys, limits', api.metaSchema) },
      '/api/search': { get: op('Full-text search over names, aliases and ids', api.searchResultSchema, undefined, { parameters: searchParams }) },
      '/api/nodes/{id}': { get: op('A node, its degrees and the sources that mention it', api.nodeDetailsSchema, undefined, { parameters: [idParam] }) },
      '/api/expand': { post: op('Neighbours with their evidence, and totals per type', api.expandResponseSchema, api.expandRequestSchema) },
      '/api/subgraph': { post: op('Nodes and the relationships among them', api.graphSchema.extend({ missing: z.array(z.string()) }), api.subgraphRequestSchema) },
      '/api/paths': { post: op('Paths between two entities, with the evidence of every hop', api.pathsResponseSchema, api.pathsRequestSchema) },
      '/api/queries': {
        get: op('Built-in and saved queries', queriesList),
        post: op('Save a query (refused if it would write)', api.savedQuerySchema, api.savedQueryInputSchema),
      },
      '/api/queries/{id}': {
        get: op('One query', api.savedQuerySchema, undefined, { parameters: [idParam] }),
        put: op('Change a saved query', api.savedQuerySchema, api.savedQueryInputSchema, { parameters: [idParam] }),
        delete: { summary: 'Delete a saved query', parameters: [idParam], responses: { '204': { description: 'Deleted' }, ...ERRORS } },
      },
      '/api/queries/{id}/run': { post: op('Run a query with parameters checked against their types', api.cypherResultSchema, api.runQueryRequestSchema, { parameters: [idParam] }) },
      '/api/cypher': { post: op('Read-only Cypher console', api.cypherResultSchema, api.cypherRequestSchema) },
      '/api/snapshots': {
        get: op('Saved snapshots, newest first, without their documents', snapshotsList),
        post: withTooLarge(op('Save a view as a snapshot (201)', snap.snapshotSchema, snap.saveSnapshotRequestSchema)),
      },
      '/api/snapshots/{id}': {
        get: op('A snapshot with its view document', snap.snapshotSchema, undefined, { parameters: [snapshotIdParam] }),
        put: withTooLarge(op('Replace its view (and take a new baseline for changes)', snap.snapshotSchema, snap.saveSnapshotRequestSchema, { parameters: [snapshotIdParam] })),
        patch: op('Rename it or change its caption', snap.snapshotSchema, snap.patchSnapshotRequestSchema, { parameters: [snapshotIdParam] }),
        delete: { summary: 'Delete a snapshot', parameters: [snapshotIdParam], responses: { '204': { description: 'Deleted' }, ...ERRORS } },
      },
      '/api/snapshots/{id}/duplicate': {
        post: op('Copy it, as "Copy of <title>" or under a new title (201)', snap.snapshotSchema, snap.duplicateSnapshotRequestSchema, { parameters: [snapshotIdParam] }),
      },
      '/api/snapshots/{id}/changes': {
        get: op('What changed in the database around it since it was saved', snap.snapshotChangesSchema, undefined, { parameters: [snapshotIdParam] }),
      },
      '/api/snapshots/{id}/export/{format}': {
        get: file('Export a snapshot: png, svg, json, graphml, csv (zip) or html', { parameters: [snapshotIdParam, formatParam, ...optionParams] }),
      },
      '/api/export/{format}': {
        post: file('Export a view that is not saved', {
          parameters: [formatParam],
          requestBody: { required: true, content: { 'application/json': { schema: schema(snap.exportRequestSchema, 'input') } } },
        }),
      },
    },
  };
}

export function openApiRouter(): Router {
  const router = Router();
  const document = openApiDocument();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  return router;
}
