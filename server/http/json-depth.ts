// JSON bodies nested deeper than any request of this API needs are refused before any code walks
// them recursively: a body of 10,000 nested arrays would overflow the stack of a JSON writer (a
// 500) or make Neo4j drop the connection over a parameter (every request then a 503).
import type { RequestHandler } from 'express';
import { errorBody } from './errors.js';

/** Deeper than a view document (about 10 levels) or any Cypher parameter a person writes. */
export const JSON_DEPTH_MAX = 64;

/** The nesting depth of a parsed JSON value, counted without recursion; stops past `limit`. */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

export function jsonDepthLimit(limit = JSON_DEPTH_MAX): RequestHandler {
  return (req, res, next) => {
    if (req.body !== undefined && jsonDepthExceeds(req.body, limit)) {
      res.status(400).json(errorBody('BAD_REQUEST', `The request body is nested deeper than ${limit} levels.`, 'body'));
      return;
    }
    next();
  };
}
