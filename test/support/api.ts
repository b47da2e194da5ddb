// The API under test: the real Express app over the test run's seeded Neo4j.
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import type { ReadLimits } from '../../server/http/limits.js';
import { createLogger } from '../../server/logger.js';

const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Writes are declared JSON, as the explorer's client always does (the server refuses others with
 * 415, see test/web-guard.test.ts), even a DELETE or a POST without a body.
 */
export function apiClient(db: Database, limits?: ReadLimits) {
  const app: Express = createApp({ db, logger: createLogger('silent'), ...(limits ? { limits } : {}) });
  const agent = request(app);
  return new Proxy(agent, {
    get(target, method, receiver) {
      const value: unknown = Reflect.get(target, method, receiver);
      if (typeof method !== 'string' || !UNSAFE.has(method) || typeof value !== 'function') return value;
      return (url: string) => (value as (url: string) => request.Test).call(target, url).set('content-type', 'application/json');
    },
  });
}

/** Asserts the shape of a 400 and that it names the field. */
export function expectBadField(body: unknown, field: string) {
  const error = (body as { error: { code: string; field: string; message: string } }).error;
  if (error.code !== 'BAD_REQUEST' || error.field !== field || !error.message.startsWith(`${field}: `)) {
    throw new Error(`expected a 400 naming "${field}", got ${JSON.stringify(body)}`);
  }
}
