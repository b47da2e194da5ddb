// The API under test: the real Express app over the test run's seeded Neo4j.
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import type { ReadLimits } from '../../server/http/limits.js';
import { createLogger } from '../../server/logger.js';

export function apiClient(db: Database, limits?: ReadLimits) {
  const app: Express = createApp({ db, logger: createLogger('silent'), ...(limits ? { limits } : {}) });
  return request(app);
}

/** Asserts the shape of a 400 and that it names the field. */
export function expectBadField(body: unknown, field: string) {
  const error = (body as { error: { code: string; field: string; message: string } }).error;
  if (error.code !== 'BAD_REQUEST' || error.field !== field || !error.message.startsWith(`${field}: `)) {
    throw new Error(`expected a 400 naming "${field}", got ${JSON.stringify(body)}`);
  }
}
