// GET /api/health: ready (200) only when the data is complete and Neo4j answers; 503 with the phase
// while the explorer starts, while Neo4j restarts or is out of reach. GET /api/health/live: 200
// while the process runs, for supervisors that must not restart a server that is merely starting.
import { Router } from 'express';
import type { Health, Liveness } from '../../model/api.js';
import type { Database } from '../db/database.js';
import { cypher } from '../db/cypher-files.js';
import { DatabaseUnavailableError } from '../db/errors.js';
import { DEFAULT_TIMEOUTS } from '../db/timeouts.js';
import { describeStatus, type SystemStatus } from '../lifecycle/status.js';

export function healthRouter(db: Database, status: SystemStatus): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    const body: Liveness = { status: 'live', uptimeSeconds: Math.round(process.uptime()) };
    res.json(body);
  });
  router.get('/health', async (_req, res, next) => {
    const view = status.current();
    if (!status.ready) {
      const body: Health = {
        status: status.starting ? 'starting' : 'unavailable',
        phase: view.phase,
        ...(view.progress ? { progress: view.progress } : {}),
        neo4j: { reachable: db.availability.up && view.phase !== 'neo4j' },
        message: describeStatus(view),
      };
      res.status(503).json(body);
      return;
    }
    if (db.warming && db.availability.up) {
      // Complete data and a reachable Neo4j, just restarted: the counts' query would be slow now,
      // and health must answer at once like everything else.
      const body: Health = {
        status: 'ok',
        phase: 'ready',
        neo4j: { reachable: true },
        message: 'Neo4j has just restarted and is warming up: for a few seconds a slow read answers 503 at once.',
      };
      res.json(body);
      return;
    }
    try {
      const result = await db.read((tx) => tx.run(cypher('health/status')), { timeoutMs: DEFAULT_TIMEOUTS.healthMs });
      const row = result.records[0];
      const body: Health = {
        status: 'ok',
        phase: 'ready',
        neo4j: {
          reachable: true,
          version: row?.get('version') as string,
          edition: row?.get('edition') as string,
          nodes: Number(row?.get('nodes')),
          relationships: Number(row?.get('relationships')),
        },
      };
      res.json(body);
    } catch (err) {
      if (!(err instanceof DatabaseUnavailableError)) return next(err);
      // Ready, but Neo4j has just gone: the lifecycle will say `restarting` or `reconnecting`.
      const now = status.ready ? { phase: 'reconnecting' as const, message: `${err.message}; try again shortly.` } : status.current();
      const body: Health = { status: 'unavailable', phase: now.phase, neo4j: { reachable: false }, message: describeStatus(now) };
      res.status(503).json(body);
    }
  });
  return router;
}
