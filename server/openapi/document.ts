// GET /api/openapi.json: the API described from the same zod schemas the server validates with.
import { Router } from 'express';
import { z } from 'zod';
import * as api from '../../model/api.js';
import { healthSchema } from '../health/route.js';

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
      '/api/health': { get: op('Is Neo4j reachable; its version and counts', healthSchema) },
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
