// Mounts a handler for an endpoint of the contract (model/contract.ts): the path, parameters,
// query string and body are validated against the contract's schemas before the handler runs, and
// what the handler returns is sent with the contract's status, and checked against the contract's
// response schema when response checks are on (tests, development).
import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { AUDIT_ACTORS } from '@model/audit.js';
import type { Endpoint, EndpointRequest } from '@model/contract.js';
import type { AuditLog } from '../audit/log.js';
import { summarise, targetsOf, type AuditActor, type AuditSummary } from '../audit/summary.js';
import type { Access, Principal } from '../auth/access.js';
import type { Database } from '../db/database.js';
import type { ReadLimits } from './limits.js';
import { parseInput } from './validate.js';

/** A file to download: its bytes, media type and the name it is saved under. */
export interface FileBody {
  body: Buffer;
  mediaType: string;
  filename: string;
}

/** Where a redirect goes: a path of this server or an absolute URL (the identity provider). */
export interface RedirectBody {
  location: string;
  /** Cookies to set with it (a redirect has no other way to hand them over). */
  cookies?: string[];
}

type ServerBody<R> = R extends z.ZodType ? z.input<R> : R extends 'file' ? FileBody : R extends 'redirect' ? RedirectBody : void;
type Responses<E extends Endpoint> = E['responses'];
type UsualStatus<E extends Endpoint> = Extract<keyof Responses<E>, 200 | 201 | 204 | 302>;

const ANSWER = Symbol('answer');

/** An answer with another status the contract declares for the endpoint (health's 503). */
export interface Answer<S, B> {
  readonly [ANSWER]: true;
  status: S;
  body: B;
}

export function answer<E extends Endpoint, S extends keyof Responses<E> & number>(
  _endpoint: E,
  status: S,
  body: ServerBody<Responses<E>[S]>,
): Answer<S, ServerBody<Responses<E>[S]>> {
  return { [ANSWER]: true, status, body };
}

type AnyAnswer<E extends Endpoint> = { [S in keyof Responses<E> & number]: Answer<S, ServerBody<Responses<E>[S]>> }[keyof Responses<E> &
  number];

export type HandlerResult<E extends Endpoint> = ServerBody<Responses<E>[UsualStatus<E>]> | AnyAnswer<E>;

/** Beside the input, for the few handlers that need the caller or the HTTP exchange (sign-in). */
export interface HandlerContext {
  /** The caller: null for anonymous (only on endpoints whose role is anonymous), the local admin with AUTH=none. */
  principal: Principal | null;
  req: Request;
  res: Response;
  /**
   * On an endpoint with an `audit` action: what its event says, when the defaults are not right
   * (the actor of a sign-in is the account signed in; targets are the path's ids and the answer's
   * id; before is none unless the handler sets it, after the answer's summary).
   */
  audit: AuditDetail;
}

export interface AuditDetail {
  actor?: AuditActor;
  targets?: string[];
  before?: AuditSummary | null;
  after?: AuditSummary | null;
}

export type Handler<E extends Endpoint> = (
  input: EndpointRequest<E>,
  context: HandlerContext,
) => Promise<HandlerResult<E>> | HandlerResult<E>;

export interface MountOptions {
  /** Check every answer against the contract (a mismatch is a 500 and a log line). Off in production: it costs time. */
  checkResponses: boolean;
  /** Who may call: each endpoint's declared role is enforced (401, 403) before its input is read. None: everyone is the local admin. */
  access?: Access;
  /** Where the write endpoints' events go (their contract's `audit` action). None: not recorded (unit tests). */
  audit?: AuditLog;
}

/** The contract's path as the API router (mounted at /api) sees it. */
export function routerPath(e: Endpoint): string {
  return e.path.replace(/^\/api(?=\/)/, '');
}

function isAnswer(value: unknown): value is Answer<number, unknown> {
  return typeof value === 'object' && value !== null && (value as { [ANSWER]?: unknown })[ANSWER] === true;
}

export class ResponseContractError extends Error {}

function checked(e: Endpoint, status: number, body: unknown): void {
  const declared = e.responses[status as keyof Endpoint['responses']];
  if (declared === undefined)
    throw new ResponseContractError(`${e.method.toUpperCase()} ${e.path}: status ${status} is not in the contract`);
  if (declared === 'file' || declared === 'empty' || declared === 'redirect') return;
  const result = declared.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ResponseContractError(`${e.method.toUpperCase()} ${e.path} ${status}: ${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
}

export function mount<E extends Endpoint>(router: Router, e: E, handler: Handler<E>, options: MountOptions): void {
  const usual = Number(Object.keys(e.responses)[0]);
  router[e.method](routerPath(e), async (req, res) => {
    const principal = options.access ? await options.access.require(req, e.role) : null;
    const input = {
      params: e.params ? parseInput(e.params, req.params, 'params') : {},
      query: e.query ? parseInput(e.query, req.query, 'query') : {},
      // A raw body (an upload) is the request itself, read by the handler as it streams in.
      body: e.rawBody ? req : e.body ? parseInput(e.body, req.body, 'body') : undefined,
    } as EndpointRequest<E>;
    const action = options.audit ? e.audit : undefined;
    const detail: AuditDetail = {};
    const params = input.params as Record<string, unknown>;
    const result = await handler(input, { principal, req, res, audit: detail });
    const [status, body] = isAnswer(result) ? [result.status, result.body] : [usual, result];
    if (options.checkResponses) checked(e, status, body);
    // The write has committed: its event is appended before the answer goes (see audit/log.ts).
    if (action)
      await options.audit!.record({
        action,
        actor:
          detail.actor ??
          (principal ? { username: principal.username, role: principal.role } : { username: AUDIT_ACTORS.anonymous, role: null }),
        ip: req.ip ?? null,
        targets: detail.targets ?? targetsOf(params, body),
        before: detail.before ?? null,
        after: detail.after !== undefined ? detail.after : summarise(body),
      });
    const kind = e.responses[status as keyof Endpoint['responses']];
    if (kind === 'empty') {
      res.status(status).end();
    } else if (kind === 'redirect') {
      const { location, cookies = [] } = body as RedirectBody;
      if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
      res.status(status).set('Cache-Control', 'no-store').set('Location', location).end();
    } else if (kind === 'file') {
      const file = body as FileBody;
      res
        .status(status)
        .type(file.mediaType)
        .set('Content-Disposition', `attachment; filename="${file.filename}"`)
        .set('Cache-Control', 'no-store')
        .send(file.body);
    } else {
      sendJson(req, res, status, body);
    }
  });
}

/**
 * What res.status(status).json(body) sends (the same status, headers and bytes), without its
 * detours: Express parses and rewrites the Content-Type it just set to add the charset, copies a
 * body over 1,000 characters into a Buffer to measure it, and checks freshness (never fresh here:
 * the API sends neither ETag nor Last-Modified).
 */
function sendJson(req: Request, res: Response, status: number, body: unknown): void {
  const text = JSON.stringify(body) as string | undefined;
  if (text === undefined) {
    res.status(status).json(body); // no body to send (a handler's undefined): Express's way
    return;
  }
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', String(Buffer.byteLength(text)));
  if (req.method === 'HEAD') res.end();
  else res.end(text);
}

/** What a feature's routes are given by the app. */
export interface FeatureContext extends MountOptions {
  db: Database;
  limits: ReadLimits;
}

/** A router on which a feature declares its handlers, one per endpoint of the contract. */
export function endpointRouter(options: MountOptions) {
  const router = Router();
  return {
    router,
    on<E extends Endpoint>(e: E, handler: Handler<E>): void {
      mount(router, e, handler, options);
    },
  };
}
