// What keeps web pages out of the local API (server/http/web-guard.ts): the Host allow-list
// (DNS rebinding) and, on POST/PUT/PATCH/DELETE, the JSON Content-Type, Sec-Fetch-Site and Origin
// checks. Every refusal is checked for its status, code and field, and refused writes are shown
// to have changed nothing in the real database.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '@model/api.js';
import { viewDocumentSchema, type ViewDocument } from '@model/snapshot.js';
import { createApp, type AppOptions } from '../server/app.js';
import { createLogger } from '../server/logger.js';
import { rows, testDatabase } from './support/database.js';
import { listen, parseRaw, send, sendRaw } from './support/http-request.js';
import { viewDocument } from './support/view-document.js';

const db = testDatabase();
const app = (options: Partial<AppOptions> = {}) => createApp({ db, logger: createLogger('silent'), ...options });
const api = request(app());
const created: string[] = [];
let doc: ViewDocument;
let clientDir: string;

beforeAll(async () => {
  const graph = (
    await api
      .post('/api/subgraph')
      .send({ ids: ['state--russia', 'threat-actor--seashell-blizzard'] })
      .expect(200)
  ).body as Graph;
  doc = viewDocumentSchema.parse(viewDocument(graph, { title: 'Web guard fixture' }));
  // A built client, so that static files and client-side routes can be asked for too.
  clientDir = await mkdtemp(path.join(os.tmpdir(), 'web-guard-client-'));
  await mkdir(path.join(clientDir, 'assets'));
  await writeFile(path.join(clientDir, 'index.html'), '<!doctype html><title>explorer</title><div id="root"></div>');
  await writeFile(path.join(clientDir, 'assets', 'app.js'), 'console.log("explorer");');
});

afterAll(async () => {
  for (const id of created) await api.delete(`/api/snapshots/${id}`).set('Content-Type', 'application/json');
  await rm(clientDir, { recursive: true, force: true });
  await db.close();
});

interface ErrorAnswer {
  status: number;
  body: unknown;
}

/** A refusal: this status, this code, this field, and a JSON error body with a message. */
function expectRefused(res: ErrorAnswer, status: number, code: string, field: string) {
  const error = (res.body as { error?: { code?: unknown; field?: unknown; message?: unknown } }).error;
  expect({ status: res.status, code: error?.code, field: error?.field }, JSON.stringify(res.body)).toEqual({ status, code, field });
  expect(typeof error?.message).toBe('string');
  return error as { code: string; field: string; message: string };
}

async function snapshotCount(): Promise<number> {
  const [row] = await rows(db, 'MATCH (s:Snapshot) RETURN count(s) AS n');
  return Number(row?.n);
}

async function savedQueryCount(): Promise<number> {
  const [row] = await rows(db, 'MATCH (q:SavedQuery) RETURN count(q) AS n');
  return Number(row?.n);
}

async function createSnapshot(title = 'Web guard fixture'): Promise<string> {
  const res = await api
    .post('/api/snapshots')
    .set('Content-Type', 'application/json')
    .send(JSON.stringify({ document: { ...doc, title } }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  created.push(res.body.id);
  return res.body.id as string;
}

describe('Host allow-list (DNS rebinding)', () => {
  it('refuses another host name with a JSON error that names ALLOWED_HOSTS', async () => {
    const res = await api.get('/api/health/live').set('Host', 'evil.example.com');
    const error = expectRefused(res, 403, 'HOST_NOT_ALLOWED', 'host');
    expect(error.message).toContain('Host "evil.example.com"');
    expect(error.message).toContain('ALLOWED_HOSTS');
    for (const name of ['localhost', '127.0.0.1', '[::1]']) expect(error.message).toContain(name);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('accepts the loopback names, on any port, in any case', async () => {
    for (const host of [
      'localhost:3000',
      'localhost',
      '127.0.0.1',
      '127.0.0.1:1',
      '[::1]:8080',
      '[::1]',
      'LOCALHOST:3000',
      'LocalHost',
      '  localhost:3000  ',
    ]) {
      const res = await api.get('/api/health/live').set('Host', host);
      expect({ host, status: res.status, body: res.body.status }).toEqual({ host, status: 200, body: 'live' });
    }
  });

  it('refuses look-alikes: suffixes, trailing dots, userinfo tricks, wildcards and empty names', async () => {
    for (const host of [
      '127.0.0.1.evil.com',
      '127.0.0.1.evil.com:3000',
      '127.0.0.1@evil.com',
      'evil.com:80@127.0.0.1',
      'localhost.',
      'localhost.:3000',
      '127.0.0.1.',
      'localhost.evil.com',
      'evil-localhost',
      '0.0.0.0:3000',
      '[::]:3000',
      '[::2]',
      '127.0.0.2',
      '2130706433',
      '',
    ]) {
      const res = await api.get('/api/health/live').set('Host', host);
      expect(res.status, host).toBe(403);
      expectRefused(res, 403, 'HOST_NOT_ALLOWED', 'host');
    }
  });

  it('refuses a request without a Host header', async () => {
    const { port, close } = await listen(app());
    const lenient = await listen(app(), { requireHostHeader: false });
    try {
      // HTTP/1.1 requires Host: Node's own parser answers 400 and closes, the app never sees it.
      const strict = await send(port, { method: 'GET', path: '/api/health/live', noHost: true });
      expect({ status: strict.status, body: strict.body.toString(), connection: strict.headers.connection }).toEqual({
        status: 400,
        body: '',
        connection: 'close',
      });
      // HTTP/1.0 may leave it out: the app refuses it.
      const old = parseRaw(await sendRaw(port, 'GET /api/health/live HTTP/1.0\r\n\r\n'));
      const error = expectRefused({ status: old.status, body: JSON.parse(old.body) }, 403, 'HOST_NOT_ALLOWED', 'host');
      expect(error.message).toContain('no Host header');
      // And so does a server that lets HTTP/1.1 requests through without one.
      const res = await send(lenient.port, {
        method: 'POST',
        path: '/api/expand',
        noHost: true,
        headers: { 'content-type': 'application/json' },
        body: '{"ids":["state--russia"]}',
      });
      expectRefused({ status: res.status, body: JSON.parse(res.body.toString()) }, 403, 'HOST_NOT_ALLOWED', 'host');
    } finally {
      await close();
      await lenient.close();
    }
  });

  it('refuses a foreign host on API, static and client-route paths alike', async () => {
    const withClient = request(app({ clientDir }));
    for (const p of [
      '/',
      '/index.html',
      '/assets/app.js',
      '/snapshots/abc123',
      '/api/meta',
      '/api/search?q=sandworm',
      '/api/no-such-endpoint',
    ]) {
      const refused = await withClient.get(p).set('Host', 'rebound.example.net:3000');
      expectRefused(refused, 403, 'HOST_NOT_ALLOWED', 'host');
    }
    const refusedPost = await withClient
      .post('/api/expand')
      .set('Host', 'rebound.example.net')
      .send({ ids: ['state--russia'] });
    expectRefused(refusedPost, 403, 'HOST_NOT_ALLOWED', 'host');
    // The same paths under a loopback name.
    const page = await withClient.get('/').set('Host', 'localhost:3000');
    expect({ status: page.status, type: page.headers['content-type'] }).toEqual({ status: 200, type: 'text/html; charset=utf-8' });
    const script = await withClient.get('/assets/app.js').set('Host', '127.0.0.1:3000');
    expect({ status: script.status, text: script.text }).toEqual({ status: 200, text: 'console.log("explorer");' });
    const route = await withClient.get('/snapshots/abc123').set('Host', '[::1]:3000');
    expect({ status: route.status, type: route.headers['content-type'] }).toEqual({ status: 200, type: 'text/html; charset=utf-8' });
  });

  it('accepts the names in allowedHosts and the listening host, and no wildcard', async () => {
    const named = request(app({ allowedHosts: ['graph.example.org', 'Explorer.Internal:8443'] }));
    for (const host of [
      'graph.example.org',
      'graph.example.org:443',
      'GRAPH.EXAMPLE.ORG',
      'explorer.internal',
      'explorer.internal:3000',
      'localhost:3000',
    ]) {
      const res = await named.get('/api/health/live').set('Host', host);
      expect({ host, status: res.status, body: res.body.status }).toEqual({ host, status: 200, body: 'live' });
    }
    for (const host of ['other.example.org', 'graph.example.org.evil.com', 'example.org', 'graph.example.org.']) {
      expectRefused(await named.get('/api/health/live').set('Host', host), 403, 'HOST_NOT_ALLOWED', 'host');
    }
    const lan = request(app({ host: '192.168.1.20' }));
    const onLan = await lan.get('/api/health/live').set('Host', '192.168.1.20:3000');
    expect({ status: onLan.status, body: onLan.body.status }).toEqual({ status: 200, body: 'live' });
    expectRefused(await lan.get('/api/health/live').set('Host', '192.168.1.21:3000'), 403, 'HOST_NOT_ALLOWED', 'host');
    // Listening on every interface does not make "0.0.0.0" a name requests may use.
    const everywhere = request(app({ host: '0.0.0.0' }));
    expectRefused(await everywhere.get('/api/health/live').set('Host', '0.0.0.0:3000'), 403, 'HOST_NOT_ALLOWED', 'host');
    const ipv6 = request(app({ host: '::' }));
    expectRefused(await ipv6.get('/api/health/live').set('Host', '[::]:3000'), 403, 'HOST_NOT_ALLOWED', 'host');
    const local = await everywhere.get('/api/health/live').set('Host', 'localhost:3000');
    expect({ status: local.status, body: local.body.status }).toEqual({ status: 200, body: 'live' });
  });
});

describe('Content-Type on POST, PUT, PATCH and DELETE', () => {
  const run = '/api/queries/who-works-with/run';
  const params = JSON.stringify({ params: { actor: 'state--russia' } });

  it('refuses a text/plain POST (a form or simple fetch from any page) without running it', async () => {
    const res = await api.post(run).set('Content-Type', 'text/plain').send(params);
    const error = expectRefused(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
    expect(error.message).toContain('application/json');
    expect(Object.keys(res.body)).toEqual(['error']);
    // The same body, declared JSON, runs.
    const ran = await api.post(run).set('Content-Type', 'application/json').send(params);
    expect({ status: ran.status, columns: Array.isArray(ran.body.columns), rows: ran.body.rows.length > 0 }).toEqual({
      status: 200,
      columns: true,
      rows: true,
    });
  });

  it('refuses form, multipart, other JSON-ish types and no Content-Type at all', async () => {
    const form = await api.post(run).type('form').send('params%5Bactor%5D=state--russia');
    expectRefused(form, 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
    const multipart = await api.post(run).field('params', '{}');
    expectRefused(multipart, 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
    for (const type of [
      'text/json',
      'application/vnd.api+json',
      'application/json-patch+json',
      'application/jsonx',
      'application/x-www-form-urlencoded',
      'text/plain; charset=utf-8',
      ';application/json',
      'application',
      '*/*',
    ]) {
      const res = await api.post(run).set('Content-Type', type).send(params);
      expect(res.status, type).toBe(415);
      expectRefused(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
    }
    // No Content-Type header at all, with and without a body (node:http adds none by itself).
    const { port, close } = await listen(app());
    try {
      for (const body of [params, undefined]) {
        const res = await send(port, { method: 'POST', path: run, ...(body === undefined ? {} : { body }) });
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expectRefused({ status: res.status, body: JSON.parse(res.body.toString()) }, 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
      }
    } finally {
      await close();
    }
  });

  it('accepts application/json with parameters and in any case', async () => {
    for (const type of [
      'application/json',
      'application/json; charset=utf-8',
      'application/json;charset=UTF-8',
      'Application/JSON',
      ' application/json ; charset=utf-8',
    ]) {
      const res = await api
        .post('/api/expand')
        .set('Content-Type', type)
        .send(JSON.stringify({ ids: ['state--russia'], limit: 3 }));
      expect({ type, status: res.status, nodes: Array.isArray(res.body.nodes) }).toEqual({ type, status: 200, nodes: true });
    }
  });

  it('needs it on a DELETE without a body too; then the route answers 204 or 404', async () => {
    const id = await createSnapshot('To delete');
    expectRefused(await api.delete(`/api/snapshots/${id}`), 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
    expectRefused(
      await api.delete(`/api/snapshots/${id}`).set('Content-Type', 'text/plain'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'content-type',
    );
    expect((await api.get(`/api/snapshots/${id}`)).status).toBe(200);
    const deleted = await api.delete(`/api/snapshots/${id}`).set('Content-Type', 'application/json');
    expect({ status: deleted.status, body: deleted.text }).toEqual({ status: 204, body: '' });
    expectRefused(await api.delete(`/api/snapshots/${id}`).set('Content-Type', 'application/json'), 404, 'NOT_FOUND', 'id');
    expectRefused(await api.delete('/api/snapshots/not-a/valid-id'), 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
    expectRefused(await api.delete('/api/snapshots/bad!id').set('Content-Type', 'application/json'), 400, 'BAD_REQUEST', 'id');

    expectRefused(await api.delete('/api/queries/who-works-with'), 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
    expectRefused(await api.delete('/api/queries/who-works-with').set('Content-Type', 'application/json'), 403, 'FORBIDDEN', 'id');
    expectRefused(
      await api.delete('/api/queries/user-00000000-0000-0000-0000-000000000000').set('Content-Type', 'application/json'),
      404,
      'NOT_FOUND',
      'id',
    );
  });

  it('guards PUT and PATCH alike, leaving the snapshot as it was', async () => {
    const id = await createSnapshot('Before');
    const [before] = await rows(db, 'MATCH (s:Snapshot {id: $id}) RETURN properties(s) AS p', { id });
    expectRefused(
      await api.patch(`/api/snapshots/${id}`).set('Content-Type', 'text/plain').send('{"title":"After"}'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'content-type',
    );
    expectRefused(
      await api
        .put(`/api/snapshots/${id}`)
        .type('form')
        .send({ document: JSON.stringify(doc) }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'content-type',
    );
    const [after] = await rows(db, 'MATCH (s:Snapshot {id: $id}) RETURN properties(s) AS p', { id });
    expect(after?.p).toEqual(before?.p);
  });

  it('leaves reads alone: a GET needs no Content-Type', async () => {
    const res = await api.get('/api/search').query({ q: 'sandworm' });
    expect({ status: res.status, results: res.body.results.length > 0 }).toEqual({ status: 200, results: true });
  });
});

describe('Sec-Fetch-Site and Origin on writes', () => {
  const body = JSON.stringify({ ids: ['state--russia'], limit: 3 });
  const post = () => api.post('/api/expand').set('Content-Type', 'application/json');

  it('refuses Sec-Fetch-Site: cross-site and accepts same-origin, same-site and none', async () => {
    const error = expectRefused(await post().set('Sec-Fetch-Site', 'cross-site').send(body), 403, 'CROSS_SITE_REQUEST', 'sec-fetch-site');
    expect(error.message).toContain('POST');
    // Checked before the Content-Type: a cross-site form is refused as cross-site.
    expectRefused(
      await api.post('/api/expand').set('Sec-Fetch-Site', 'cross-site').type('form').send('ids=x'),
      403,
      'CROSS_SITE_REQUEST',
      'sec-fetch-site',
    );
    expectRefused(
      await api.delete('/api/snapshots/abcdefgh').set('Sec-Fetch-Site', 'cross-site').set('Content-Type', 'application/json'),
      403,
      'CROSS_SITE_REQUEST',
      'sec-fetch-site',
    );
    for (const site of ['same-origin', 'same-site', 'none']) {
      const res = await post().set('Sec-Fetch-Site', site).send(body);
      expect({ site, status: res.status, nodes: Array.isArray(res.body.nodes) }).toEqual({ site, status: 200, nodes: true });
    }
  });

  it('refuses an Origin that is not one of its names, and Origin: null', async () => {
    const evil = expectRefused(await post().set('Origin', 'http://evil.example').send(body), 403, 'CROSS_SITE_REQUEST', 'origin');
    expect(evil.message).toContain('"http://evil.example"');
    expect(evil.message).toContain('ALLOWED_HOSTS');
    for (const origin of [
      'null',
      'http://127.0.0.1.evil.example',
      'http://localhost@evil.example',
      'https://evil.example:5173',
      'file://',
      'chrome-extension://abcdef',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      const res = await post().set('Origin', origin).send(body);
      expect(res.status, origin).toBe(403);
      expectRefused(res, 403, 'CROSS_SITE_REQUEST', 'origin');
    }
    for (const origin of [
      'http://127.0.0.1:5173',
      'http://localhost:5173',
      'https://localhost',
      'http://[::1]:8080',
      'HTTP://LOCALHOST:3000',
    ]) {
      const res = await post().set('Origin', origin).send(body);
      expect({ origin, status: res.status, nodes: Array.isArray(res.body.nodes) }).toEqual({ origin, status: 200, nodes: true });
    }
    const named = request(app({ allowedHosts: ['graph.example.org'] }));
    const fromNamed = await named
      .post('/api/expand')
      .set('Origin', 'https://graph.example.org')
      .set('Content-Type', 'application/json')
      .send(body);
    expect({ status: fromNamed.status, nodes: Array.isArray(fromNamed.body.nodes) }).toEqual({ status: 200, nodes: true });
    expectRefused(
      await named
        .post('/api/expand')
        .set('Origin', 'https://graph.example.org.evil.example')
        .set('Content-Type', 'application/json')
        .send(body),
      403,
      'CROSS_SITE_REQUEST',
      'origin',
    );
  });
});

describe('a refused write changes nothing', () => {
  it('refuses a valid snapshot through each guard and stores none', async () => {
    const before = await snapshotCount();
    const body = JSON.stringify({ document: { ...doc, title: 'Must not be saved' } });
    const json = (r: request.Test) => r.set('Content-Type', 'application/json');
    const refusals: Array<[string, () => request.Test, number, string, string]> = [
      ['foreign Host', () => json(api.post('/api/snapshots').set('Host', 'evil.example.com')), 403, 'HOST_NOT_ALLOWED', 'host'],
      ['text/plain', () => api.post('/api/snapshots').set('Content-Type', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type'],
      [
        'form',
        () => api.post('/api/snapshots').set('Content-Type', 'application/x-www-form-urlencoded'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'content-type',
      ],
      [
        'multipart',
        () => api.post('/api/snapshots').set('Content-Type', 'multipart/form-data; boundary=x'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'content-type',
      ],
      [
        'cross-site',
        () => json(api.post('/api/snapshots').set('Sec-Fetch-Site', 'cross-site')),
        403,
        'CROSS_SITE_REQUEST',
        'sec-fetch-site',
      ],
      ['foreign Origin', () => json(api.post('/api/snapshots').set('Origin', 'http://evil.example')), 403, 'CROSS_SITE_REQUEST', 'origin'],
      ['Origin: null', () => json(api.post('/api/snapshots').set('Origin', 'null')), 403, 'CROSS_SITE_REQUEST', 'origin'],
    ];
    for (const [what, make, status, code, field] of refusals) {
      const res = await make().send(body);
      expect(res.status, what).toBe(status);
      expectRefused(res, status, code, field);
      expect(await snapshotCount(), what).toBe(before);
    }
    const [stored] = await rows(db, "MATCH (s:Snapshot) WHERE s.title = 'Must not be saved' RETURN count(s) AS n");
    expect(Number(stored?.n)).toBe(0);
    // The same body with every header right is saved: the refusals were the guards' doing.
    const saved = await api
      .post('/api/snapshots')
      .set('Content-Type', 'application/json')
      .set('Origin', 'http://localhost:5173')
      .set('Sec-Fetch-Site', 'same-origin')
      .send(body);
    expect(saved.status).toBe(201);
    created.push(saved.body.id);
    expect(await snapshotCount()).toBe(before + 1);
  });

  it('refuses a valid saved query through each guard and stores none', async () => {
    const before = await savedQueryCount();
    const body = JSON.stringify({ name: 'Must not be saved', cypher: 'MATCH (n:State) RETURN n LIMIT 1' });
    for (const [headers, status, code, field] of [
      [{ 'Content-Type': 'text/plain' }, 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type'],
      [{ 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' }, 403, 'CROSS_SITE_REQUEST', 'sec-fetch-site'],
      [{ 'Content-Type': 'application/json', Origin: 'https://evil.example' }, 403, 'CROSS_SITE_REQUEST', 'origin'],
      [{ 'Content-Type': 'application/json', Host: 'attacker.example:3000' }, 403, 'HOST_NOT_ALLOWED', 'host'],
    ] as const) {
      expectRefused(await api.post('/api/queries').set(headers).send(body), status, code, field);
    }
    expect(await savedQueryCount()).toBe(before);
  });
});
