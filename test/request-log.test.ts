// The request log (server/http/request-log.ts) and the precomputed security headers
// (server/http/security-headers.ts), on small Express apps without a database: one line per
// request with what an operator needs, at the right level; helmet's headers, every one of them.
import express from 'express';
import helmet from 'helmet';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { errorHandler } from '../server/http/errors.js';
import { requestLog } from '../server/http/request-log.js';
import { securityHeaders } from '../server/http/security-headers.js';

function logged(level = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const app = express();
  app.use(requestLog(app, logger, { ignore: (req) => req.url.startsWith('/api/health') }));
  app.get('/api/ok', (_req, res) => void res.json({ ok: true }));
  app.get('/api/away', (_req, res) => void res.status(503).json({}));
  app.get('/api/health', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/api/boom', () => {
    throw new Error('kaboom');
  });
  app.use(errorHandler);
  return { app, lines };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the request log', () => {
  it('writes one line per request with its id, method, URL, status and time', async () => {
    const { app, lines } = logged();
    await request(app).get('/api/ok?q=1').expect(200);
    await request(app).get('/api/ok').expect(200);
    await settle();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { method: 'GET', url: '/api/ok?q=1' },
      res: { statusCode: 200 },
    });
    expect(typeof lines[0]!.responseTime).toBe('number');
    expect(lines[1]!.reqId).not.toBe(lines[0]!.reqId);
  });

  it('skips health checks, and logs a 503 at debug only', async () => {
    const { app, lines } = logged();
    await request(app).get('/api/health').expect(200);
    await request(app).get('/api/away').expect(503);
    await settle();
    expect(lines).toEqual([]);
    const verbose = logged('debug');
    await request(verbose.app).get('/api/away').expect(503);
    await settle();
    expect(verbose.lines).toEqual([expect.objectContaining({ level: 20, res: { statusCode: 503 } })]);
  });

  it('logs a failure as an error, with the unhandled error on a line of the same request', async () => {
    const { app, lines } = logged();
    const res = await request(app).get('/api/boom').expect(500);
    expect(JSON.stringify(res.body)).not.toContain('kaboom');
    await settle();
    const unhandled = lines.find((l) => l.msg === 'unhandled error');
    const done = lines.find((l) => l.msg === 'request errored');
    expect(unhandled).toMatchObject({ level: 50, err: { message: 'kaboom' } });
    expect(done).toMatchObject({ level: 50, res: { statusCode: 500 } });
    expect(unhandled!.reqId).toBe(done!.reqId);
  });
});

describe('the security headers', () => {
  it('are the headers helmet sets, with the same values', async () => {
    const withHelmet = express()
      .use(helmet())
      .get('/', (_req, res) => void res.send('x'));
    const precomputed = express()
      .use(securityHeaders())
      .get('/', (_req, res) => void res.send('x'));
    const pick = (headers: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(headers).filter(
          ([name]) => !['date', 'etag', 'content-length', 'content-type', 'connection', 'keep-alive'].includes(name),
        ),
      );
    const expected = pick((await request(withHelmet).get('/')).headers);
    expect(Object.keys(expected)).toEqual(
      expect.arrayContaining(['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options']),
    );
    expect(pick((await request(precomputed).get('/')).headers as Record<string, string>)).toEqual(expected);
  });
});
