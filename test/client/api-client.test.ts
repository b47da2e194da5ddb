// The client's API calls (client/src/shared/api.ts) against a stubbed fetch: the JSON Content-Type
// the server demands of every POST, PUT, PATCH and DELETE (a DELETE has no body), health answers
// that are 503s, and the phase and progress a 503 carries while the explorer starts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Health } from '@model/api.js';
import { ApiError, api } from '../../client/src/shared/api.js';
import { viewDocument } from '../support/view-document.js';

interface Call {
  method: string;
  path: string;
  contentType: string | null;
  body: unknown;
}

let calls: Call[] = [];
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** What the server would answer: 204 to a delete, 201 to a duplicate, 200 and JSON otherwise. */
const usualAnswer = (method: string, path: string): Response =>
  method === 'DELETE' ? new Response(null, { status: 204 }) : json(path.endsWith('/duplicate') ? 201 : 200, {});

let answer: (method: string, path: string) => Response = usualAnswer;

beforeEach(() => {
  calls = [];
  answer = usualAnswer;
  vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
    calls.push({ method: init.method ?? 'GET', path, contentType: new Headers(init.headers).get('content-type'), body: init.body });
    return answer(init.method ?? 'GET', path);
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('api', () => {
  it('declares JSON on every POST, PUT, PATCH and DELETE, with or without a body, and not on GET', async () => {
    const document = viewDocument({ nodes: [], edges: [] });
    await api.deleteQuery('mine');
    await api.deleteSnapshot('s1');
    await api.patchSnapshot('s1', { title: 'T' });
    await api.replaceSnapshot('s1', document);
    await api.duplicateSnapshot('s1');
    await api.subgraph(['state--russia']);
    await api.snapshots();
    expect(calls.map((c) => [c.method, c.path, c.contentType])).toEqual([
      ['DELETE', '/api/queries/mine', 'application/json'],
      ['DELETE', '/api/snapshots/s1', 'application/json'],
      ['PATCH', '/api/snapshots/s1', 'application/json'],
      ['PUT', '/api/snapshots/s1', 'application/json'],
      ['POST', '/api/snapshots/s1/duplicate', 'application/json'],
      ['POST', '/api/subgraph', 'application/json'],
      ['GET', '/api/snapshots', null],
    ]);
    // A DELETE declares JSON but sends nothing.
    expect(calls[0]!.body).toBeUndefined();
  });

  it('takes only the answers the contract declares: a 204 where a snapshot is due is an error', async () => {
    answer = () => new Response(null, { status: 204 });
    await expect(api.deleteSnapshot('s1')).resolves.toBeUndefined();
    await expect(api.patchSnapshot('s1', { title: 'T' })).rejects.toMatchObject({ status: 204 });
    answer = () => json(201, { id: 's2' });
    await expect(api.duplicateSnapshot('s1')).resolves.toEqual({ id: 's2' });
    await expect(api.subgraph(['state--russia'])).rejects.toBeInstanceOf(ApiError);
  });

  it('puts path parameters and query strings where the contract says, encoded', async () => {
    await api.node('a b/c');
    await api.search('sand worm', 5);
    expect(api.snapshotExportUrl('s1', 'png', { scale: 2, background: 'transparent' })).toBe(
      '/api/snapshots/s1/export/png?scale=2&background=transparent',
    );
    expect(calls.map((c) => c.path)).toEqual(['/api/nodes/a%20b%2Fc', '/api/search?q=sand+worm&limit=5']);
  });

  it('reads a starting 503 from /api/health as an answer, with its phase and progress', async () => {
    const starting: Health = {
      status: 'starting',
      phase: 'seeding',
      progress: { done: 2, total: 5 },
      neo4j: { reachable: true },
      message: 'The explorer is starting: loading the graph (40%, 2 of 5 records).',
    };
    answer = () => json(503, starting);
    await expect(api.health()).resolves.toEqual(starting);
  });

  it('fails on a health body that is not one, and when the server is unreachable', async () => {
    answer = () => json(503, { hello: 'proxy' });
    await expect(api.health()).rejects.toBeInstanceOf(ApiError);
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const err = await api.health().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(0);
    expect((err as ApiError).unavailable).toBe(true);
  });

  it('keeps the phase and progress of a 503 while starting or restarting', async () => {
    answer = () =>
      json(503, {
        error: {
          code: 'STARTING',
          message: 'The explorer is starting: loading the graph (40%).',
          phase: 'seeding',
          progress: { done: 2, total: 5 },
        },
      });
    const starting = await api.meta().catch((e: unknown) => e);
    expect(starting).toBeInstanceOf(ApiError);
    expect(starting).toMatchObject({
      status: 503,
      code: 'STARTING',
      phase: 'seeding',
      progress: { done: 2, total: 5 },
      starting: true,
      unavailable: true,
    });
    expect((starting as ApiError).message).toBe('The explorer is starting: loading the graph (40%).');

    answer = () => json(503, { error: { code: 'NEO4J_UNAVAILABLE', message: 'Neo4j is being restarted.', phase: 'restarting' } });
    const restarting = (await api.meta().catch((e: unknown) => e)) as ApiError;
    expect(restarting).toMatchObject({ phase: 'restarting', starting: false, unavailable: true });
    expect(restarting.progress).toBeUndefined();

    answer = () => json(400, { error: { code: 'BAD_REQUEST', message: 'q: must not be empty', field: 'q' } });
    const bad = (await api.search('x').catch((e: unknown) => e)) as ApiError;
    expect(bad).toMatchObject({ status: 400, field: 'q', unavailable: false, starting: false });
    expect(bad.phase).toBeUndefined();
  });
});
