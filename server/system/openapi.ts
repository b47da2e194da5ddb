// The OpenAPI document of the API, generated from the endpoint contract (model/contract.ts) by
// @asteasolutions/zod-to-openapi: named schemas (`.meta({ id })` in model/) become components and
// $refs, every endpoint gets its real statuses. And the docs page that shows it (Swagger UI).
import { createRequire } from 'node:module';
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { errorSchema } from '@model/api.js';
import { COMMON_ERRORS, ENDPOINTS, errorStatuses, type Endpoint } from '@model/contract.js';
import { EXPORT_MEDIA_TYPES, SNAPSHOT_LIMITS } from '@model/snapshot.js';
import { STIX_UPLOAD_BYTES_MAX } from '@model/stix-import.js';

const ERROR_MEANINGS: Record<number, string> = {
  400: 'Bad input: the field and the problem are named (a refused console query says why in `reason`)',
  403: COMMON_ERRORS[403],
  404: 'Nothing with that id',
  409: 'It cannot be done as things are: a STIX import with an open conflict (decide it in `map`), or one already running',
  413: `The body is too large (a view: at most ${SNAPSHOT_LIMITS.bodyBytesMax} bytes; a STIX upload: ${STIX_UPLOAD_BYTES_MAX} bytes; anything else: 1 MB)`,
  415: 'A write that does not declare Content-Type: application/json',
  429: COMMON_ERRORS[429],
  501: 'PNG only: its renderer could not load on this server; export SVG instead',
  503: 'The explorer is starting (with its phase and progress) or Neo4j is out of reach; retry after Retry-After seconds',
  504: 'The query took longer than its time limit',
};

const SUCCESS_MEANINGS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'Done, no content',
  302: 'Redirect, to the URL in Location',
  503: 'Not ready: where the explorer is',
};

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function responses(e: Endpoint): RouteConfig['responses'] {
  const out: RouteConfig['responses'] = {};
  for (const [status, body] of Object.entries(e.responses)) {
    const description = SUCCESS_MEANINGS[Number(status)]!;
    if (body === 'empty') out[status] = { description };
    else if (body === 'redirect') out[status] = { description, headers: { Location: { schema: { type: 'string' } } } };
    else if (body === 'file') {
      out[status] = {
        description: 'The file, as an attachment named after the title',
        content: Object.fromEntries(
          Object.values(EXPORT_MEDIA_TYPES).map((t) => [t.mediaType, { schema: { type: 'string', format: 'binary' } }]),
        ),
      };
    } else out[status] = { description, content: { 'application/json': { schema: body } } };
  }
  for (const status of errorStatuses(e)) {
    out[String(status)] ??= { description: ERROR_MEANINGS[status]!, content: { 'application/json': { schema: errorSchema } } };
  }
  return out;
}

function route(name: string, e: Endpoint): RouteConfig {
  return {
    method: e.method,
    path: openApiPath(e.path),
    operationId: name,
    tags: [e.area],
    summary: e.summary,
    request: {
      ...(e.params ? { params: e.params as z.ZodObject } : {}),
      ...(e.query ? { query: e.query as z.ZodObject } : {}),
      ...(e.body ? { body: { required: true, content: { 'application/json': { schema: e.body } } } } : {}),
      ...(e.rawBody
        ? {
            body: {
              required: true,
              description: e.rawBody.description,
              content: { [e.rawBody.mediaType]: { schema: { type: 'object' } } },
            },
          }
        : {}),
    },
    responses: responses(e),
  };
}

export function openApiDocument(): Record<string, unknown> {
  const registry = new OpenAPIRegistry();
  for (const [name, e] of Object.entries(ENDPOINTS)) registry.registerPath(route(name, e));
  const document: object = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Threat-network explorer API',
      version: '1',
      description:
        'Search, expand, inspect the evidence of, and find paths in the threat-network graph; saved and ad-hoc read-only queries; snapshots and exports. Limits: see GET /api/meta. Writes must send Content-Type: application/json.',
    },
    tags: [
      { name: 'graph', description: 'Search, nodes, expand, subgraph, paths, meta' },
      { name: 'queries', description: 'Built-in and saved queries, and the read-only console' },
      { name: 'snapshots', description: 'Saved views and exports' },
      { name: 'system', description: 'Health and this description' },
    ],
  });
  return document as Record<string, unknown>;
}

/** Swagger UI's own files, served under /api/docs/. */
export const SWAGGER_UI_DIR: string = (
  createRequire(import.meta.url)('swagger-ui-dist') as { getAbsoluteFSPath(): string }
).getAbsoluteFSPath();

/** The docs page: Swagger UI over /api/openapi.json. Its script is a file, as the CSP requires. */
export function apiDocsPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Threat-network explorer API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;
}

export const API_DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, defaultModelsExpandDepth: 0 });\n`;
