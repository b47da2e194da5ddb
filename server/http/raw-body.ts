// Endpoints whose body is a raw upload (the contract's `rawBody`): the JSON parser leaves it
// unread, so that the handler streams it (to disk) rather than the parser buffering it whole.
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { HttpError } from './errors.js';

const RAW = Symbol('raw body');

export function tooLarge(bytesMax: number): HttpError {
  return new HttpError(413, 'PAYLOAD_TOO_LARGE', `The upload is too large (at most ${Math.round(bytesMax / 1024 / 1024)} MB).`, 'body');
}

/** Marks the request (its body is the handler's to read); a declared length over the limit is refused before any byte is read. */
export function leaveBodyUnread(bytesMax: number): RequestHandler {
  return (req, _res, next) => {
    if (Number(req.headers['content-length'] ?? 0) > bytesMax) {
      next(tooLarge(bytesMax));
      return;
    }
    (req as Request & { [RAW]?: true })[RAW] = true;
    next();
  };
}

/** The JSON parser's test (its default, application/json) for every request not marked above. */
export function parsedJson(req: IncomingMessage): boolean {
  // The parser is given Express's request (typed as Node's): `is` is there.
  return !(RAW in req) && Boolean((req as Request).is('application/json'));
}
