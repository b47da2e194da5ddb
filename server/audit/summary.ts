// What an audit event says of its target: a few named fields, short. Only fields on this list are
// ever taken from a request or an answer, so a password, a hash or a token can never reach an event.
import type { AccountRole } from '@model/auth.js';

export type AuditSummary = Record<string, string | number | boolean | null>;

/** Fields of an answer (or of its `written` counts, an import) kept in an event's before/after. */
const KEPT = ['id', 'title', 'name', 'username', 'role', 'disabled', 'created', 'linked', 'updated', 'relationships'] as const;
const TEXT_MAX = 120;

/** The kept fields of an object, strings cut to TEXT_MAX; null when none is there. */
export function summarise(value: unknown): AuditSummary | null {
  if (typeof value !== 'object' || value === null) return null;
  const out: AuditSummary = {};
  const sources = [value as Record<string, unknown>];
  const written = (value as { written?: unknown }).written;
  if (typeof written === 'object' && written !== null) sources.push(written as Record<string, unknown>);
  for (const source of sources) {
    for (const key of KEPT) {
      const v = source[key];
      if (typeof v === 'string') out[key] = v.length > TEXT_MAX ? `${v.slice(0, TEXT_MAX - 1)}…` : v;
      else if (typeof v === 'number' || typeof v === 'boolean') out[key] = v;
    }
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** The ids an event is about: the path's parameters, then the id or user name of what was answered. */
export function targetsOf(params: Record<string, unknown>, result: unknown): string[] {
  const out = Object.values(params).filter((v): v is string => typeof v === 'string');
  if (typeof result === 'object' && result !== null) {
    for (const key of ['id', 'username'] as const) {
      const v = (result as Record<string, unknown>)[key];
      if (typeof v === 'string' && !out.includes(v)) out.push(v);
    }
  }
  return out;
}

/** Who acted. */
export interface AuditActor {
  username: string;
  role: AccountRole | null;
}
