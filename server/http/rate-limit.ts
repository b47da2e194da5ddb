// Per-client request limits, so one script cannot starve the database for everyone else.
import { rateLimit } from 'express-rate-limit';
import type { RequestHandler } from 'express';
import { errorBody } from './errors.js';

/** `perMinute` 0 turns the limit off (benchmarks, trusted deployments). */
export function perMinuteLimit(perMinute: number): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).json(errorBody('RATE_LIMITED', `More than ${perMinute} requests a minute; slow down and retry shortly.`));
    },
  });
}
