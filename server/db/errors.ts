// Database failures the API answers differently: Neo4j out of reach (503), a query past its
// time limit (504). Everything else from the driver stays an internal error.
import { Neo4jError } from 'neo4j-driver';

export class DatabaseUnavailableError extends Error {
  constructor(message = 'Neo4j is unreachable', options?: ErrorOptions) {
    super(message, options);
  }
}

export class QueryTimeoutError extends Error {
  constructor(message = 'The query took longer than its time limit', options?: ErrorOptions) {
    super(message, options);
  }
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

/** Translates a driver error into one of the errors above, or returns it unchanged. */
export function translateDriverError(err: unknown): unknown {
  if (!(err instanceof Neo4jError)) return err;
  if (UNAVAILABLE_CODES.has(err.code)) return new DatabaseUnavailableError('Neo4j is unreachable', { cause: err });
  if (err.code.startsWith('Neo.ClientError.Security.')) {
    return new DatabaseUnavailableError('Neo4j refused the configured credentials', { cause: err });
  }
  if (err.code.includes('TransactionTimedOut') || err.code === 'Neo.TransientError.Transaction.LockClientStopped') {
    return new QueryTimeoutError(undefined, { cause: err });
  }
  return err;
}
