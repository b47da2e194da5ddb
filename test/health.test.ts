import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app.js';
import { Database } from '../server/db/database.js';
import { LocalNeo4j, freePort } from '../server/db/local-neo4j/instance.js';
import { createLogger } from '../server/logger.js';
import { counts, testDatabase } from './support/database.js';

const logger = createLogger('silent');
const db = testDatabase();
afterAll(() => db.close());

describe('GET /api/health', () => {
  it('reports Neo4j reachable, its version and counts', async () => {
    const expected = await counts(db);
    const res = await request(createApp({ db, logger })).get('/api/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      neo4j: { reachable: true, version: expect.stringMatching(/^5\.26\./), edition: 'community', ...expected },
    });
  });

  it('answers 503 while Neo4j is down, keeps serving, and recovers when it returns', async () => {
    const instanceDir = await mkdtemp(path.join(os.tmpdir(), 'threat-graph-health-'));
    const options = {
      libRoot: inject('neo4jLibRoot'),
      instanceDir,
      heap: '512m',
      pageCache: '64m',
      startTimeoutMs: 180_000,
      boltPort: await freePort(),
      logger,
    };
    let neo4j = await LocalNeo4j.start(options);
    // One app and one driver throughout: they must survive Neo4j going away and coming back.
    const own = new Database(neo4j.connection);
    const app = createApp({ db: own, logger });
    try {
      expect((await request(app).get('/api/health').expect(200)).body.neo4j.reachable).toBe(true);

      await neo4j.stop();
      const res = await request(app).get('/api/health').expect(503);
      expect(res.body).toEqual({ status: 'unavailable', neo4j: { reachable: false }, message: expect.stringMatching(/unreachable/) });
      const api = await request(app).get('/api/nope').expect(404); // the server still answers
      expect(api.body.error.code).toBe('NOT_FOUND');

      neo4j = await LocalNeo4j.start(options);
      expect((await request(app).get('/api/health').expect(200)).body.status).toBe('ok');
    } finally {
      await own.close();
      await neo4j.stop();
      await rm(instanceDir, { recursive: true, force: true });
    }
    // Two starts and a clean stop of a real Neo4j: about 40 s alone, far more on a busy machine.
  }, 300_000);

  it('answers unknown API paths and malformed bodies with JSON errors', async () => {
    const app = createApp({ db, logger });
    const missing = await request(app).get('/api/nope').expect(404);
    expect(missing.body).toEqual({ error: { code: 'NOT_FOUND', message: 'No API endpoint GET /nope' } });
    const bad = await request(app).post('/api/anything').set('content-type', 'application/json').send('{"a":').expect(400);
    expect(bad.body).toEqual({ error: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.', field: 'body' } });
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.ts/);
  });
});
