// Whether a stored session still signs its holder in: pure, so its rules are unit-tested.
import type { AccountRole } from '@model/auth.js';

export interface SessionTimeouts {
  /** Ends a session unused this long. */
  idleMs: number;
  /** Ends a session this long after sign-in, used or not. */
  absoluteMs: number;
}

export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = { idleMs: 60 * 60_000, absoluteMs: 12 * 60 * 60_000 };

export type SessionVerdict = { ok: true; role: AccountRole } | { ok: false; why: 'idle' | 'expired' | 'account' };

export function judgeSession(
  s: { createdAt: string; lastSeenAt: string; role: AccountRole | null; disabled: boolean },
  now: number,
  timeouts: SessionTimeouts,
): SessionVerdict {
  if (s.role === null || s.disabled) return { ok: false, why: 'account' };
  if (now - Date.parse(s.createdAt) >= timeouts.absoluteMs) return { ok: false, why: 'expired' };
  if (now - Date.parse(s.lastSeenAt) >= timeouts.idleMs) return { ok: false, why: 'idle' };
  return { ok: true, role: s.role };
}

/** Record a use at most this often: a write per request would cost more than the check. */
export const TOUCH_EVERY_MS = 60_000;
