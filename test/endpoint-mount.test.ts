// The contract's mount (server/http/endpoint.ts) on endpoints made for the test, without a
// database: input validated and named before the handler runs, each kind of answer sent with its
// declared status, and answers checked against the contract when checks are on.
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ENDPOINTS, type Endpoint } from '@model/contract.js';
import { errorHandler } from '../server/http/errors.js';
import { answer, endpointRouter, type Handler } from '../server/http/endpoint.js';
import { parseInput } from '../server/http/validate.js';
import { asBuffer } from './support/binary.js';
import { viewDocument } from './support/view-document.js';

function appWith<E extends Endpoint>(e: E, handler: Handler<E>, checkResponses = true, logged: unknown[] = []) {
  const app = express();
  app.use(express.json());
  // What the error handler logs of a failure (pino-http's req.log in the app).
  app.use((req, _res, next) => {
    (req as unknown as { log: { error: (o: { err: unknown }) => void } }).log = { error: ({ err }) => void logged.push(err) };
    next();
  });
  const { router, on } = endpointRouter({ checkResponses });
  on(e, handler);
  app.use('/api', router);
  app.use(errorHandler);
  return app;
}

const thing = {
  method: 'post',
  path: '/api/things/:id',
  area: 'graph',
  role: 'viewer',
  summary: 'A thing',
  params: z.object({ id: z.string().regex(/^t\d+$/, 'must be a thing id') }),
  query: z.object({ depth: z.coerce.number().int().min(1).default(1) }).strict(),
  body: z.object({ name: z.string().min(1, 'must not be empty') }).strict(),
  responses: { 201: z.object({ id: z.string(), name: z.string(), depth: z.number() }), 503: z.object({ waiting: z.boolean() }) },
  errors: [400],
} as const satisfies Endpoint;

describe('mounting an endpoint of the contract', () => {
  it('hands the handler validated input with defaults, and answers with the usual status', async () => {
    const app = appWith(thing, ({ params, query, body }) => ({ id: params.id, name: body.name, depth: query.depth }));
    expect((await request(app).post('/api/things/t1').send({ name: 'a' }).expect(201)).body).toEqual({ id: 't1', name: 'a', depth: 1 });
    expect((await request(app).post('/api/things/t2?depth=3').send({ name: 'b' }).expect(201)).body).toEqual({
      id: 't2',
      name: 'b',
      depth: 3,
    });
  });

  it('names the bad field of the path, the query string and the body, and never runs the handler', async () => {
    let ran = 0;
    const app = appWith(thing, ({ params, body }) => {
      ran += 1;
      return { id: params.id, name: body.name, depth: 1 };
    });
    const bad = async (path: string, body: unknown) =>
      (
        await request(app)
          .post(path)
          .send(body as object)
          .expect(400)
      ).body.error;
    expect(await bad('/api/things/x1', { name: 'a' })).toEqual({ code: 'BAD_REQUEST', message: 'id: must be a thing id', field: 'id' });
    expect(await bad('/api/things/t1?depth=0', { name: 'a' })).toMatchObject({ field: 'depth' });
    expect(await bad('/api/things/t1?dpi=300', { name: 'a' })).toEqual({
      code: 'BAD_REQUEST',
      message: 'dpi: unknown option (known: depth)',
      field: 'dpi',
    });
    expect(await bad('/api/things/t1', { name: '' })).toEqual({ code: 'BAD_REQUEST', message: 'name: must not be empty', field: 'name' });
    expect(await bad('/api/things/t1', { name: 'a', extra: 1 })).toMatchObject({ field: 'body', message: 'body: unknown field(s): extra' });
    expect(ran).toBe(0);
  });

  it('sends another declared status when the handler answers with it', async () => {
    const app = appWith(thing, () => answer(thing, 503, { waiting: true }));
    expect((await request(app).post('/api/things/t1').send({ name: 'a' }).expect(503)).body).toEqual({ waiting: true });
  });

  it('refuses an answer that breaks the contract when checks are on, and lets it through when off', async () => {
    const wrong = (() => ({ id: 't1', name: 7, depth: 1 })) as unknown as Handler<typeof thing>;
    const logged: unknown[] = [];
    const checked = await request(appWith(thing, wrong, true, logged))
      .post('/api/things/t1')
      .send({ name: 'a' })
      .expect(500);
    expect(checked.body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(checked.body)).not.toContain('things');
    // The log says which endpoint, which status and which field broke the contract.
    expect((logged[0] as Error).message).toBe('POST /api/things/:id 201: name: Invalid input: expected string, received number');

    const nested = (() => ({ id: 't1', name: 'a', depth: 1, extra: { deep: 1 } })) as unknown as Handler<typeof thing>;
    const deep = {
      ...thing,
      responses: { 201: z.object({ id: z.string(), name: z.string(), depth: z.number(), extra: z.object({ deep: z.string() }) }) },
    } as const;
    await request(appWith(deep, nested as unknown as Handler<typeof deep>, true, logged))
      .post('/api/things/t1')
      .send({ name: 'a' })
      .expect(500);
    expect((logged[1] as Error).message).toBe('POST /api/things/:id 201: extra.deep: Invalid input: expected string, received number');

    const undeclared = (() => answer(thing, 418 as 503, { waiting: true })) as Handler<typeof thing>;
    await request(appWith(thing, undeclared, true, logged))
      .post('/api/things/t1')
      .send({ name: 'a' })
      .expect(500);
    expect((logged[2] as Error).message).toBe('POST /api/things/:id: status 418 is not in the contract');

    const whole = (() => 'not an object') as unknown as Handler<typeof thing>;
    await request(appWith(thing, whole, true, logged))
      .post('/api/things/t1')
      .send({ name: 'a' })
      .expect(500);
    expect((logged[3] as Error).message).toBe('POST /api/things/:id 201: body: Invalid input: expected object, received string');
    const unchecked = await request(appWith(thing, wrong, false))
      .post('/api/things/t1')
      .send({ name: 'a' })
      .expect(201);
    expect(unchecked.body.name).toBe(7);
    const nothing = (() => null) as unknown as Handler<typeof thing>;
    expect(
      (
        await request(appWith(thing, nothing, false))
          .post('/api/things/t1')
          .send({ name: 'a' })
          .expect(201)
      ).body,
    ).toBeNull();
  });

  it('sends a file as an attachment with its media type and name, never cached', async () => {
    const app = appWith(ENDPOINTS.exportView, () => ({ body: Buffer.from('<svg/>'), mediaType: 'image/svg+xml', filename: 'a-view.svg' }));
    const res = await request(app)
      .post('/api/export/svg')
      .send({ document: viewDocument({ nodes: [], edges: [] }) })
      .buffer(true)
      .parse(asBuffer);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="a-view.svg"');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.toString('utf8')).toBe('<svg/>');
  });

  it('answers 204 with no body for an endpoint that declares none', async () => {
    const app = appWith(ENDPOINTS.deleteSnapshot, () => undefined);
    const res = await request(app).delete('/api/snapshots/abcdefgh').expect(204);
    expect(res.text).toBe('');
  });
});

describe('export options in a query string', () => {
  const options = (query: Record<string, unknown>) => parseInput(ENDPOINTS.exportSnapshot.query, query, 'query');

  it('reads them with their defaults and names an unknown one', () => {
    expect(options({ scale: '2.5', background: 'transparent' })).toEqual({ scale: 2.5, background: 'transparent', area: 'all' });
    expect(options({})).toEqual({ scale: 1, background: 'white', area: 'all' });
    expect(() => options({ scale: '2', dpi: '300' })).toThrow('dpi: unknown option (known: scale, background, area)');
  });

  it('takes a known format and refuses another, naming the parameter', () => {
    expect(parseInput(ENDPOINTS.exportView.params, { format: 'graphml' }, 'params')).toEqual({ format: 'graphml' });
    expect(() => parseInput(ENDPOINTS.exportView.params, { format: 'pdf' }, 'params')).toThrow(/^format: /);
  });
});
