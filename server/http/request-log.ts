// One log line per request, as pino-http wrote it ("request completed" with reqId, req, res and
// responseTime; "request errored" with err for a 5xx), without its cost: pino-http made two child
// loggers per request (serialising the request, and parsing its query string, for the second's
// bindings) and three listeners, about a fifth of the server's time on a fast API call.
import type { Express, RequestHandler } from 'express';
import type { Logger } from '../logger.js';

declare module 'http' {
  interface IncomingMessage {
    /** The request's number, in its log lines as reqId. */
    id: number;
    /** A logger whose lines carry the request's reqId. */
    log: Logger;
  }
}

const ID_MAX = 0x7fffffff;
const OWN_LOG = Symbol('request logger');

type LoggedRequest = Express['request'] & { [OWN_LOG]?: Logger };

export interface RequestLogOptions {
  /** Requests that get no line (health checks); they still get an id and req.log. */
  ignore(req: Express['request']): boolean;
}

export function requestLog(app: Express, logger: Logger, { ignore }: RequestLogOptions): RequestHandler {
  // req.log: the child logger is made when something logs for the request (an unhandled error),
  // not for every request.
  Object.defineProperty(app.request, 'log', {
    configurable: true,
    get(this: LoggedRequest) {
      return (this[OWN_LOG] ??= logger.child({ reqId: this.id }));
    },
    set(this: LoggedRequest, value: Logger) {
      this[OWN_LOG] = value;
    },
  });
  let lastId = 0;
  return (req, res, next) => {
    const id = (lastId = (lastId + 1) & ID_MAX);
    req.id = id;
    if (ignore(req)) return next();
    const start = Date.now();
    const request = { id, method: req.method, url: req.originalUrl, remoteAddress: req.socket.remoteAddress };
    let failure: unknown;
    // An 'error' on the response is logged with the line (and, listened to, does not crash the process).
    const onError = (err: unknown) => {
      failure = err;
    };
    res.once('error', onError);
    // 'close' follows 'finish', and comes alone when the client went away first: one line either way.
    res.once('close', () => {
      res.removeListener('error', onError);
      const status = res.statusCode;
      const errored = failure !== undefined || status >= 500;
      // A 503 is the explorer saying Neo4j is away (logged once, where that is noticed): at debug.
      const level = status === 503 ? 'debug' : errored ? 'error' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const response = { statusCode: res.headersSent ? status : null };
      const responseTime = Date.now() - start;
      if (errored) {
        const err = failure ?? new Error(`failed with status code ${status}`);
        logger[level]({ reqId: id, req: request, res: response, err, responseTime }, 'request errored');
      } else {
        logger[level]({ reqId: id, req: request, res: response, responseTime }, 'request completed');
      }
    });
    next();
  };
}
