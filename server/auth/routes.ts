// Sign-in, sign-out and "who am I". Every failed sign-in gets the same answer and takes about as
// long (an unknown or disabled user is checked against a dummy hash), and repeated failures wait
// longer, per account and per client. A sign-in always starts a new session (a new token: a
// session id planted before sign-in is worthless) and ends the one the browser presented.
import { ENDPOINTS } from '@model/contract.js';
import { AUDIT_ACTORS } from '@model/audit.js';
import { usernameSchema, type AuthUser } from '@model/auth.js';
import { endpointRouter, type MountOptions } from '../http/endpoint.js';
import { HttpError } from '../http/errors.js';
import type { Logger } from '../logger.js';
import { LOCAL_ADMIN, type Access } from './access.js';
import { SESSION_COOKIE, clearedSessionCookie, readCookie, sessionCookie } from './cookies.js';
import { verifyNothing, verifyPassword } from './passwords.js';
import { normaliseUsername } from './store.js';
import { newToken, tokenHash } from './tokens.js';

const LOGIN_FAILED = 'Wrong user name or password, or the account is disabled.';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function authRoutes({ access, logger, ...options }: MountOptions & { access: Access; logger: Logger }) {
  const { router, on } = endpointRouter({ ...options, access });
  const { store, throttle } = access;

  on(ENDPOINTS.login, async ({ body }, { req, res, audit }): Promise<AuthUser> => {
    if (access.mode === 'none') return { ...LOCAL_ADMIN, mode: 'none' };
    if (access.mode === 'oidc')
      throw new HttpError(409, 'USE_IDENTITY_PROVIDER', 'Password sign-in is off (AUTH=oidc): sign in with the identity provider.');
    const name = normaliseUsername(body.username);
    const keys = [`user:${name}`, `client:${req.ip ?? 'unknown'}`];
    const wait = throttle.delayMs(keys);
    if (wait > 0) await sleep(wait);
    const user = await store.getUser(name);
    const ok = user && !user.disabled ? await verifyPassword(user.passwordHash, body.password) : await verifyNothing(body.password);
    if (!ok || !user) {
      throttle.fail(keys);
      // The name only when it is an account's: a password typed into the name field stays out of
      // the log. Never the password.
      logger.warn(user ? { username: user.username, ip: req.ip } : { unknownUser: true, ip: req.ip }, 'sign-in failed');
      // One shape whether the account exists or not: the name typed is kept when it is a valid
      // user name (a password typed there rarely is), whoever it names.
      await options.audit?.record({
        action: 'login.failure',
        actor: { username: AUDIT_ACTORS.anonymous, role: null },
        ip: req.ip ?? null,
        targets: usernameSchema.safeParse(name).success ? [name] : [],
      });
      throw new HttpError(401, 'LOGIN_FAILED', LOGIN_FAILED);
    }
    throttle.succeed([keys[0]!]);
    const previous = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (previous !== undefined && previous.length <= 100) {
      access.forget(tokenHash(previous));
      await store.endSession(tokenHash(previous));
    }
    const token = newToken();
    await store.createSession(tokenHash(token), user.username, new Date());
    res.setHeader('Set-Cookie', sessionCookie(token, { secure: req.secure, maxAgeSeconds: access.timeouts.absoluteMs / 1000 }));
    logger.info({ username: user.username }, 'signed in');
    audit.actor = { username: user.username, role: user.role };
    audit.targets = [user.username];
    audit.after = null;
    return { username: user.username, role: user.role, mode: 'local' };
  });

  on(ENDPOINTS.logout, async (_input, { req, res, principal, audit }) => {
    // The event names the account whose session ends (checked before it ended).
    audit.targets = principal ? [principal.username] : [];
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (access.mode !== 'none' && token !== undefined && token.length <= 100) {
      access.forget(tokenHash(token));
      await store.endSession(tokenHash(token));
    }
    res.setHeader('Set-Cookie', clearedSessionCookie(req.secure));
  });

  on(ENDPOINTS.me, (_input, { principal }): AuthUser => {
    const who = principal ?? LOCAL_ADMIN;
    return { username: who.username, role: who.role, mode: access.mode };
  });
  return router;
}
