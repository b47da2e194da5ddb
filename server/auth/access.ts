// Who is calling: with AUTH=none everyone is the one local admin; with AUTH=local the session
// cookie is looked up (its hash) in Neo4j, with the account's current role and disabled flag, and
// the idle and absolute timeouts applied. Route registration (http/endpoint.ts) asks this before
// validating input, and refuses with 401 (no valid session) or 403 (a role below the endpoint's).
import type { Request } from 'express';
import { roleAllows, type AccountRole, type AuthMode, type Role } from '@model/auth.js';
import type { Database } from '../db/database.js';
import { HttpError } from '../http/errors.js';
import { SESSION_COOKIE, readCookie } from './cookies.js';
import { DEFAULT_SESSION_TIMEOUTS, TOUCH_EVERY_MS, judgeSession, type SessionTimeouts } from './session-rules.js';
import { AuthStore } from './store.js';
import { DEFAULT_THROTTLE, LoginThrottle, type ThrottleOptions } from './throttle.js';
import { tokenHash } from './tokens.js';

export interface Principal {
  username: string;
  role: AccountRole;
}

export const LOCAL_ADMIN: Principal = { username: 'local', role: 'admin' };

export interface AccessOptions {
  mode: AuthMode;
  timeouts?: SessionTimeouts;
  /** How long a checked session is trusted without asking Neo4j again (ms); 0: ask every time. */
  cacheMs?: number;
  /** How failed sign-ins are slowed (tests make the waits long enough to measure). */
  throttle?: ThrottleOptions;
}

interface Cached {
  principal: Principal | null;
  until: number;
}

export class Access {
  readonly mode: AuthMode;
  readonly timeouts: SessionTimeouts;
  readonly store: AuthStore;
  readonly throttle: LoginThrottle;
  private readonly cacheMs: number;
  private readonly cache = new Map<string, Cached>();

  constructor(db: Database, options: AccessOptions) {
    this.mode = options.mode;
    this.timeouts = options.timeouts ?? DEFAULT_SESSION_TIMEOUTS;
    this.cacheMs = options.cacheMs ?? 2_000;
    this.store = new AuthStore(db);
    this.throttle = new LoginThrottle(options.throttle ?? DEFAULT_THROTTLE);
  }

  /** The caller, or null for anonymous. */
  async principal(req: Request): Promise<Principal | null> {
    if (this.mode === 'none') return LOCAL_ADMIN;
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token === undefined || token.length > 100) return null;
    const hash = tokenHash(token);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return cached.principal;
    const principal = await this.check(hash, now);
    if (this.cacheMs > 0) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(hash, { principal, until: now + this.cacheMs });
    }
    return principal;
  }

  /** Refuses (401 or 403) unless the caller has at least `role`; returns the caller. */
  async require(req: Request, role: Role): Promise<Principal | null> {
    if (role === 'anonymous') return this.mode === 'none' ? LOCAL_ADMIN : this.principal(req);
    const who = await this.principal(req);
    if (who === null) throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in first: this needs an account.');
    if (!roleAllows(who.role, role)) throw new HttpError(403, 'ROLE_REQUIRED', `This needs the ${role} role; you are ${who.role}.`);
    return who;
  }

  /** Forgets a session checked here (sign-out), so it is refused at once. */
  forget(hash: string): void {
    this.cache.delete(hash);
  }

  private async check(hash: string, now: number): Promise<Principal | null> {
    const session = await this.store.findSession(hash);
    if (!session) return null;
    const verdict = judgeSession(session, now, this.timeouts);
    if (!verdict.ok) {
      await this.store.endSession(hash);
      return null;
    }
    if (now - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) await this.store.touchSession(hash, new Date(now));
    return { username: session.username, role: verdict.role };
  }
}
