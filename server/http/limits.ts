// The configurable limits every read feature applies, taken from the configuration once.
import type { Config } from '../config.js';

export interface ReadLimits {
  readTimeoutMs: number;
  pathsTimeoutMs: number;
  cypherTimeoutMs: number;
  cypherRowCap: number;
}

export function readLimits(config: Pick<Config, 'READ_TIMEOUT_MS' | 'PATHS_TIMEOUT_MS' | 'CYPHER_TIMEOUT_MS' | 'CYPHER_ROW_CAP'>): ReadLimits {
  return {
    readTimeoutMs: config.READ_TIMEOUT_MS,
    pathsTimeoutMs: config.PATHS_TIMEOUT_MS,
    cypherTimeoutMs: config.CYPHER_TIMEOUT_MS,
    cypherRowCap: config.CYPHER_ROW_CAP,
  };
}

export const DEFAULT_LIMITS: ReadLimits = {
  readTimeoutMs: 10_000,
  pathsTimeoutMs: 20_000,
  cypherTimeoutMs: 15_000,
  cypherRowCap: 1_000,
};
