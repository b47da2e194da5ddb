// Which URLs from the data may become links: only absolute http: and https: ones. A source URL is
// data anyone could have typed; a javascript:, data: or vbscript: "link" would run in the
// explorer's page when clicked. Shared by the seed and API validation and the client's rendering.
import { z } from 'zod';

const WEB_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);

// The URL parser silently drops surrounding spaces and control characters, and tabs and line
// breaks anywhere ("java\nscript:"). A value it would rewrite like that is refused, so the link
// followed is always the text shown.
// oxlint-disable-next-line no-control-regex -- matching control characters is the point
const REWRITTEN_BY_PARSER = /^[\u0000-\u0020]|[\u0000-\u0020]$|[\t\n\r]/;

/** True only for an absolute http: or https: URL (as `new URL` parses it). */
export function isWebUrl(value: unknown): value is string {
  if (typeof value !== 'string' || REWRITTEN_BY_PARSER.test(value)) return false;
  try {
    return WEB_PROTOCOLS.has(new URL(value).protocol);
  } catch {
    return false; // relative, or not a URL at all
  }
}

/** A string field that must hold a web link (see isWebUrl). */
export const webUrl = z
  .string()
  .url()
  .refine((value) => isWebUrl(value), { message: 'must be an http:// or https:// URL' });
