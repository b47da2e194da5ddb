// How failures become answers: a JSON body { error: { code, message, field? } } and the right
// status. Nothing internal (stack, driver message) reaches the client.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DatabaseUnavailableError, QueryTimeoutError } from '../db/errors.js';
import { ForbiddenError, InvalidInputError, NotAvailableError, NotFoundError } from '../errors.js';

export interface ErrorBody {
  error: { code: string; message: string; field?: string; reason?: string };
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, field?: string): ErrorBody {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

export const notFoundApi: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('NOT_FOUND', `No API endpoint ${req.method} ${req.path}`));
};

export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  if (err instanceof HttpError) {
    res.status(err.status).json(errorBody(err.code, err.message, err.field));
  } else if (err instanceof InvalidInputError) {
    const reason = err.reason === undefined ? {} : { reason: err.reason };
    res.status(400).json({ error: { ...errorBody(err.code, err.message, err.field).error, ...reason } });
  } else if (err instanceof NotFoundError) {
    res.status(404).json(errorBody('NOT_FOUND', err.message, err.field));
  } else if (err instanceof ForbiddenError) {
    res.status(403).json(errorBody('FORBIDDEN', err.message, err.field));
  } else if (err instanceof NotAvailableError) {
    res.status(501).json(errorBody('NOT_IMPLEMENTED', err.message, err.field));
  } else if (err instanceof DatabaseUnavailableError) {
    res
      .status(503)
      .set('Retry-After', '5')
      .json(errorBody('NEO4J_UNAVAILABLE', `${err.message}; try again shortly.`));
  } else if (err instanceof QueryTimeoutError) {
    res.status(504).json(errorBody('QUERY_TIMEOUT', err.message));
  } else if (isBodyParserError(err)) {
    const code = err.type === 'entity.too.large' ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
    res.status(err.status).json(errorBody(code, bodyParserMessage(err), 'body'));
  } else if (err instanceof URIError || isClientError(err)) {
    // The router's "bad percent-encoding in the path", zlib's "not gzip after all", ...
    const message = err instanceof URIError ? 'The path is not valid percent-encoding.' : 'The request could not be read.';
    res
      .status(err instanceof URIError ? 400 : (err as { status: number }).status)
      .json(errorBody('BAD_REQUEST', message, err instanceof URIError ? 'path' : 'body'));
  } else {
    req.log?.error({ err }, 'unhandled error');
    res.status(500).json(errorBody('INTERNAL', 'Internal error; the server log has the details.'));
  }
};

interface BodyParserError {
  status: number;
  type: string;
  /** The limit, in bytes, of a body that was too large. */
  limit?: number;
}

/** An error a library marked as the client's fault (status 4xx), without saying more. */
function isClientError(err: unknown): boolean {
  return (
    typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' && err.status >= 400 && err.status < 500
  );
}

function isBodyParserError(err: unknown): err is BodyParserError {
  return typeof err === 'object' && err !== null && 'type' in err && 'status' in err && typeof err.status === 'number' && err.status < 500;
}

function bodyParserMessage(err: BodyParserError): string {
  if (err.type === 'entity.too.large') {
    return `The request body is too large${typeof err.limit === 'number' ? ` (at most ${(err.limit / 1024 / 1024).toFixed(err.limit < 1024 * 1024 ? 2 : 0)} MB here)` : ''}.`;
  }
  if (err.type === 'entity.parse.failed') return 'The request body is not valid JSON.';
  return 'The request body could not be read.';
}
