// Database failures the API answers differently: Neo4j out of reach (503), a query past its
// time limit (504). Everything else from the driver stays an internal error.
import { Neo4jError } from 'neo4j-driver';

export class DatabaseUnavailableError extends Error {
  constructor(message = 'Neo4j is unreachable', options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * A read cut short because Neo4j has just (re)started and is still slow to answer: the person
 * gets a 503 at once rather than a wait of seconds. Neo4j is reachable; it is not marked down.
 */
export class Neo4jWarmingUpError extends DatabaseUnavailableError {
  constructor() {
    super('Neo4j has just started and is warming up');
  }
}

export class QueryTimeoutError extends Error {
  constructor(message = 'The query took longer than its time limit', options?: ErrorOptions) {
    super(message, options);
  }
}

const CREDENTIAL_CODES = new Set([
  'Neo.ClientError.Security.Unauthorized',
  'Neo.ClientError.Security.AuthenticationRateLimit',
  'Neo.ClientError.Security.CredentialsExpired',
  'Neo.ClientError.Security.TokenExpired',
]);
const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

/** Translates a driver error into one of the errors above, or returns it unchanged. */
export function translateDriverError(err: unknown): unknown {
  if (!(err instanceof Neo4jError)) return err;
  if (UNAVAILABLE_CODES.has(err.code)) return new DatabaseUnavailableError('Neo4j is unreachable', { cause: err });
  // The explorer's own credentials refused: nothing will work until that is fixed. (Other
  // security errors, such as a console query Neo4j forbids, are that query's problem alone.)
  if (CREDENTIAL_CODES.has(err.code)) {
    return new DatabaseUnavailableError('Neo4j refused the configured credentials', { cause: err });
  }
  if (err.code.includes('TransactionTimedOut') || err.code === 'Neo.TransientError.Transaction.LockClientStopped') {
    return new QueryTimeoutError(undefined, { cause: err });
  }
  return err;
}
