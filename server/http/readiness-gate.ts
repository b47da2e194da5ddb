// Until the data is complete, and while Neo4j restarts or is out of reach, API requests get a 503
// at once, saying where the explorer is, instead of partial answers or a wait on driver timeouts.
import type { RequestHandler } from 'express';
import { describeStatus, type SystemStatus } from '../lifecycle/status.js';

export function readinessGate(status: SystemStatus): RequestHandler {
  return (_req, res, next) => {
    if (status.ready) return next();
    const view = status.current();
    res
      .status(503)
      .set('Retry-After', status.starting ? '2' : '5')
      .json({
        error: {
          code: status.starting ? 'STARTING' : 'NEO4J_UNAVAILABLE',
          message: describeStatus(view),
          phase: view.phase,
          ...(view.progress ? { progress: view.progress } : {}),
        },
      });
  };
}
