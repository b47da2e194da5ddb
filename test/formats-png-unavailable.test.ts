// PNG export on a server where resvg (a prebuilt native module) cannot load: the server runs, and
// a PNG export answers 501 naming the format, while the size check still answers first. Here
// `require('@resvg/resvg-js')` fails as it would without a build for the platform; nothing else
// in node:module changes.
import type { createRequire as CreateRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import express from 'express';
import request from 'supertest';
import { InvalidInputError, NotAvailableError } from '../server/errors.js';
import { errorHandler } from '../server/http/errors.js';

const attempts = vi.hoisted(() => ({ count: 0 }));

vi.mock('node:module', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:module')>();
  const createRequire: typeof CreateRequire = (from) => {
    const real = actual.createRequire(from);
    return Object.assign((id: string): unknown => {
      if (id !== '@resvg/resvg-js') return real(id);
      attempts.count += 1;
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    }, real);
  };
  // The module namespace copied whole (its Module class is one of its values, copied by reference).
  // oxlint-disable-next-line typescript/no-misused-spread -- a namespace object, not a class
  return { ...actual, createRequire, default: { ...actual, createRequire } };
});

const { toPng } = await import('../server/snapshots/exports/png.js');

const image = (width: number, height: number) => ({
  svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"/>`,
  width,
  height,
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe('PNG export without its renderer', () => {
  it('answers 501, naming the format and what to use instead, and tries to load resvg only once', async () => {
    for (let i = 0; i < 2; i++) {
      const err = await failure(toPng(image(100, 50), 2));
      expect(err).toBeInstanceOf(NotAvailableError);
      expect(err).toMatchObject({ field: 'format' });
      expect((err as Error).message).toBe(
        'PNG export is not available on this server (its renderer, @resvg/resvg-js, could not load); export SVG instead.',
      );
    }
    expect(attempts.count).toBe(1);
    // As an answer: 501 NOT_IMPLEMENTED naming the format.
    const app = express();
    app.get('/png', async () => {
      throw await failure(toPng(image(100, 50), 2));
    });
    app.use(errorHandler);
    const res = await request(app).get('/png').expect(501);
    expect(res.body.error).toMatchObject({
      code: 'NOT_IMPLEMENTED',
      field: 'format',
      message: expect.stringContaining('export SVG instead'),
    });
  });

  it('still refuses a picture too large first, with a 400 on the scale', async () => {
    const err = await failure(toPng(image(10_000, 10_000), 1));
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err).toMatchObject({ code: 'BAD_REQUEST', field: 'scale' });
  });
});
