// The configurable limits every read feature applies, taken from the configuration once.
import type { Config } from '../config.js';
import { DEFAULT_TIMEOUTS } from '../db/timeouts.js';

export interface ReadLimits {
  readTimeoutMs: number;
  pathsTimeoutMs: number;
  cypherTimeoutMs: number;
  cypherRowCap: number;
  /** Requests a minute per client on the API, and on the Cypher console; 0 is no limit. */
  apiPerMinute: number;
  cypherPerMinute: number;
}

export function readLimits(config: Config): ReadLimits {
  return {
    readTimeoutMs: config.READ_TIMEOUT_MS,
    pathsTimeoutMs: config.PATHS_TIMEOUT_MS,
    cypherTimeoutMs: config.CYPHER_TIMEOUT_MS,
    cypherRowCap: config.CYPHER_ROW_CAP,
    apiPerMinute: config.API_RATE_LIMIT_PER_MINUTE,
    cypherPerMinute: config.CYPHER_RATE_LIMIT_PER_MINUTE,
  };
}

export const DEFAULT_LIMITS: ReadLimits = {
  readTimeoutMs: DEFAULT_TIMEOUTS.readMs,
  pathsTimeoutMs: DEFAULT_TIMEOUTS.pathsMs,
  cypherTimeoutMs: DEFAULT_TIMEOUTS.cypherMs,
  cypherRowCap: 1_000,
  apiPerMinute: 0,
  cypherPerMinute: 0,
};
