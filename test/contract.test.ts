// The endpoint contract (model/contract.ts) against what the server mounts and what it publishes:
// every mounted API route is in the contract and every entry is mounted, once; the OpenAPI
// document is generated from the contract with named components and each endpoint's real statuses.
// (Every other API test checks the answers themselves against the contract: createApp turns
// response checks on under Vitest.)
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS, errorStatuses } from '@model/contract.js';
import { createApp } from '../server/app.js';
import { routerPath } from '../server/http/endpoint.js';
import { createLogger } from '../server/logger.js';
import { openApiDocument } from '../server/system/openapi.js';
import { testDatabase } from './support/database.js';

interface Layer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** "METHOD /path" for every route of a router and the routers it mounts. */
function routesOf(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) return Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${prefix}${layer.route!.path}`);
    if (layer.handle?.stack) return routesOf(layer.handle.stack, prefix + (layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : ''));
    return [];
  });
}

/** Pages for people beside the API: not part of its contract. */
const NOT_IN_CONTRACT = ['GET /docs', 'GET /docs/init.js'];

describe('the endpoint contract', () => {
  it('is what the server mounts: every entry once, and no API route outside it', async () => {
    const db = testDatabase();
    const app = createApp({ db, logger: createLogger('silent') });
    const top = (app as unknown as { router: { stack: Layer[] } }).router.stack;
    const apiLayer = top.find((l) => l.rawPath === '/api' && l.handle?.stack);
    expect(apiLayer, 'the API router at /api').toBeDefined();
    const mounted = routesOf(apiLayer!.handle!.stack!);
    const declared = Object.values(ENDPOINTS).map((e) => `${e.method.toUpperCase()} ${routerPath(e)}`);
    expect(declared.length).toBeGreaterThan(20);
    expect(new Set(declared).size).toBe(declared.length);
    expect(mounted.filter((r) => !NOT_IN_CONTRACT.includes(r)).sort()).toEqual([...declared].sort());
  });

  it('gives every endpoint the statuses it can answer with, and no other', () => {
    const statuses = (name: keyof typeof ENDPOINTS) => errorStatuses(ENDPOINTS[name]);
    expect(statuses('health')).toEqual([403, 429]);
    expect(statuses('node')).toEqual([400, 403, 404, 429, 503, 504]);
    expect(statuses('createSnapshot')).toEqual([400, 403, 413, 415, 429, 503, 504]);
    expect(statuses('exportView')).toEqual([400, 403, 413, 415, 429, 501, 503]);
    expect(Object.keys(ENDPOINTS.createSnapshot.responses)).toEqual(['201']);
    expect(Object.keys(ENDPOINTS.deleteSnapshot.responses)).toEqual(['204']);
  });
});

describe('the OpenAPI document', () => {
  const doc = openApiDocument() as {
    openapi: string;
    paths: Record<
      string,
      Record<string, { operationId: string; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
    >;
    components: { schemas: Record<string, unknown> };
  };

  it('describes each endpoint of the contract under its OpenAPI path, with its declared statuses', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const [name, e] of Object.entries(ENDPOINTS)) {
      const op = doc.paths[e.path.replace(/:(\w+)/g, '{$1}')]?.[e.method];
      expect(op, `${e.method} ${e.path}`).toBeDefined();
      expect(op!.operationId).toBe(name);
      const expected = [...Object.keys(e.responses), ...errorStatuses(e).map(String)].sort();
      expect(Object.keys(op!.responses).sort(), name).toEqual([...new Set(expected)].sort());
    }
    expect(Object.keys(doc.paths['/api/snapshots']!)).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/snapshots']!.post!.responses)).toContain('201');
    expect(Object.keys(doc.paths['/api/health']!.get!.responses)).not.toContain('404');
  });

  it('names shared shapes once, as components, and refers to them', () => {
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Error', 'GraphNode', 'GraphEdge', 'Snapshot', 'SnapshotSummary', 'ViewDocument', 'ExpandRequest', 'Health']),
    );
    const text = JSON.stringify(doc);
    // The error body is one component, referred to by every error answer.
    expect(text.match(/"#\/components\/schemas\/Error"/g)?.length).toBeGreaterThan(50);
    expect(text.match(/"reason":\{/g)).toHaveLength(1);
    const expand = doc.paths['/api/expand']!.post!.responses['200']!.content!['application/json']!.schema;
    expect(expand).toEqual({ $ref: '#/components/schemas/ExpandResponse' });
  });
});

describe('the API docs page', () => {
  it('shows the generated document with Swagger UI, whose files are served here', async () => {
    const app = createApp({ db: testDatabase(), logger: createLogger('silent') });
    const page = await request(app).get('/api/docs').expect(200).expect('content-type', /html/);
    expect(page.text).toContain('<script src="/api/docs/swagger-ui-bundle.js"></script>');
    expect(page.text).not.toMatch(/<script>/); // no inline script: the CSP forbids it
    const init = await request(app)
      .get('/api/docs/init.js')
      .expect(200)
      .expect('content-type', /javascript/);
    expect(init.text).toContain("url: '/api/openapi.json'");
    const bundle = await request(app).get('/api/docs/swagger-ui-bundle.js').expect(200);
    expect(bundle.text.length).toBeGreaterThan(100_000);
  });
});
