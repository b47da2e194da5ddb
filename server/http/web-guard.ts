// What keeps web pages out of the local API. A page on another site can make the user's browser
// send requests to 127.0.0.1: through DNS rebinding (its own host name resolving to us: the Host
// header gives it away) or by posting a form or a "simple" fetch (no preflight: the Content-Type
// is not JSON, or Sec-Fetch-Site / Origin say where it came from).
import type { RequestHandler } from 'express';
import { errorBody } from './errors.js';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARDS = new Set(['0.0.0.0', '[::]']);
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A host name as the Host header and Origin carry it: lower case, IPv6 in brackets, no port. */
export function normaliseHost(value: string): string {
  const v = value.trim().toLowerCase();
  if (v.startsWith('[')) return v.slice(0, v.indexOf(']') + 1);
  if ((v.match(/:/g) ?? []).length > 1) return `[${v}]`; // a bare IPv6 address
  return v.split(':')[0] ?? '';
}

/** The names requests may use for this server: the listening HOST, loopback, and ALLOWED_HOSTS. */
export function allowedHosts(host: string, extra: readonly string[]): Set<string> {
  const names = new Set([...LOOPBACK_NAMES, normaliseHost(host), ...extra.map(normaliseHost)]);
  for (const wildcard of WILDCARDS) names.delete(wildcard);
  return names;
}

/** 403 for a Host header that is not one of this server's names (DNS rebinding). */
export function hostAllowList(allowed: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    const host = req.headers.host;
    if (host !== undefined && allowed.has(normaliseHost(host))) return next();
    const shown = host === undefined ? 'no Host header' : `Host "${host.slice(0, 100)}"`;
    res
      .status(403)
      .json(
        errorBody(
          'HOST_NOT_ALLOWED',
          `Refused a request with ${shown}: this server answers only to ${[...allowed].join(', ')}. If it is served under another name, add that name to the ALLOWED_HOSTS setting.`,
          'host',
        ),
      );
  };
}

/**
 * POST, PUT, PATCH and DELETE: 403 when the browser says the request comes from another site
 * (Sec-Fetch-Site: cross-site, or an Origin that is not one of our names), 415 unless the body is
 * declared JSON, which a cross-site page cannot send without a CORS preflight we never grant.
 */
export function unsafeMethodGuard(allowed: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    if (!UNSAFE_METHODS.has(req.method)) return next();
    if (req.headers['sec-fetch-site'] === 'cross-site') {
      res.status(403).json(errorBody('CROSS_SITE_REQUEST', `${req.method} requests from another web site are refused.`, 'sec-fetch-site'));
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowed.has(originHost(origin))) {
      res
        .status(403)
        .json(
          errorBody(
            'CROSS_SITE_REQUEST',
            `${req.method} requests from origin "${origin.slice(0, 100)}" are refused; add its host to the ALLOWED_HOSTS setting if it is this explorer.`,
            'origin',
          ),
        );
      return;
    }
    if (!declaresJson(req.headers['content-type'])) {
      res
        .status(415)
        .json(errorBody('UNSUPPORTED_MEDIA_TYPE', `${req.method} requests must send Content-Type: application/json.`, 'content-type'));
      return;
    }
    next();
  };
}

/** Content-Type application/json, with or without parameters (charset). Body or not: a DELETE has none. */
function declaresJson(contentType: string | undefined): boolean {
  return contentType !== undefined && contentType.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function originHost(origin: string): string {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? normaliseHost(url.host) : '';
  } catch {
    return ''; // "null" (a sandboxed frame, a file) and anything unparsable
  }
}
