// The endpoints of AUTH=oidc: how to sign in (for the sign-in page, in every mode), the redirect to
// the identity provider, and its callback, which finds or creates the account, chooses its role,
// and starts a session exactly as a password sign-in does (a new token, the same cookie). Every
// failure of the callback lands on the sign-in page with the reason's key, never a stack trace.
import { ENDPOINTS } from '@model/contract.js';
import { AUDIT_ACTORS } from '@model/audit.js';
import { LOGIN_ERROR_PARAM, type AuthConfig, type OidcLoginError } from '@model/auth.js';
import type { Request } from 'express';
import type { Database } from '../db/database.js';
import { endpointRouter, type MountOptions, type RedirectBody } from '../http/endpoint.js';
import { HttpError } from '../http/errors.js';
import type { Logger } from '../logger.js';
import type { Access } from './access.js';
import { SESSION_COOKIE, readCookie, sessionCookie } from './cookies.js';
import { FLOW_MS, OidcClient, OidcError, OidcUserStore, UsernameTakenError, flowCookie, type OidcSettings } from './oidc.js';
import { chooseRole, claimValue, oidcUsername, roleFromClaim } from './oidc-rules.js';
import { newToken, tokenHash } from './tokens.js';

const notOidc = () => new HttpError(409, 'NOT_OIDC', 'Sign-in through an identity provider is off: AUTH is not oidc.');

export function oidcRoutes({
  db,
  access,
  logger,
  oidc,
  ...options
}: MountOptions & { db: Database; access: Access; logger: Logger; oidc?: OidcSettings | undefined }) {
  const { router, on } = endpointRouter({ ...options, access });
  const provider = access.mode === 'oidc' && oidc ? new OidcClient(oidc) : null;
  const users = new OidcUserStore(db);

  on(ENDPOINTS.authConfig, (): AuthConfig =>
    provider
      ? { mode: 'oidc', provider: { name: provider.settings.providerName, loginUrl: ENDPOINTS.oidcLogin.path } }
      : { mode: access.mode },
  );

  on(ENDPOINTS.oidcLogin, async (_input, { req }): Promise<RedirectBody> => {
    if (!provider) throw notOidc();
    try {
      const { url, key } = await provider.start();
      return { location: url, cookies: [flowCookie(key, req.secure, FLOW_MS / 1000)] };
    } catch (err) {
      return refused(req, err);
    }
  });

  on(ENDPOINTS.oidcCallback, async (_input, { req }): Promise<RedirectBody> => {
    if (!provider) throw notOidc();
    const cleared = flowCookie('', req.secure, 0);
    try {
      const query = new URL(req.originalUrl, 'http://callback.invalid').searchParams;
      const { issuer, claims } = await provider.finish(req.headers.cookie, query);
      const subject = String(claims.sub);
      const stored = await users.find(issuer, subject);
      const claimRole = provider.settings.roleClaim ? roleFromClaim(claimValue(claims, provider.settings.roleClaim)) : null;
      const choice = chooseRole(claimRole, stored, provider.settings.defaultRole);
      if (stored?.disabled) return failed(req, 'disabled', { username: stored.username }, cleared);
      if (!choice) return failed(req, 'no_role', { username: stored?.username ?? oidcUsername(claims), subject }, cleared);
      let username: string;
      if (stored) {
        username = stored.username;
        await users.signedIn(issuer, subject, choice.role, choice.from === 'admin' ? stored.loginRole : choice.role);
      } else {
        const name = oidcUsername(claims);
        if (name === null) return failed(req, 'no_username', { subject }, cleared);
        try {
          await users.create(issuer, subject, name, choice.role);
        } catch (err) {
          if (err instanceof UsernameTakenError) return failed(req, 'username_taken', { username: name, subject }, cleared);
          throw err;
        }
        username = name;
      }
      // As a password sign-in: the session the browser presented ends, a new token starts.
      const previous = readCookie(req.headers.cookie, SESSION_COOKIE);
      if (previous !== undefined && previous.length <= 100) {
        access.forget(tokenHash(previous));
        await access.store.endSession(tokenHash(previous));
      }
      const token = newToken();
      await access.store.createSession(tokenHash(token), username, new Date());
      logger.info({ username, role: choice.role, roleFrom: choice.from }, 'signed in (oidc)');
      await options.audit?.record({
        action: 'login.success',
        actor: { username, role: choice.role },
        ip: req.ip ?? null,
        targets: [username],
        after: stored ? null : { username, role: choice.role },
      });
      return {
        location: '/',
        cookies: [cleared, sessionCookie(token, { secure: req.secure, maxAgeSeconds: access.timeouts.absoluteMs / 1000 })],
      };
    } catch (err) {
      return refused(req, err, cleared);
    }
  });

  async function failed(
    req: Request,
    reason: OidcLoginError,
    detail: Record<string, unknown>,
    ...cookies: string[]
  ): Promise<RedirectBody> {
    logger.warn({ ...detail, reason, ip: req.ip }, 'oidc sign-in refused');
    // As a failed password sign-in: the actor anonymous, the target the name the account has or would have.
    await options.audit?.record({
      action: 'login.failure',
      actor: { username: AUDIT_ACTORS.anonymous, role: null },
      ip: req.ip ?? null,
      targets: typeof detail.username === 'string' ? [detail.username] : [],
    });
    return { location: `/?${LOGIN_ERROR_PARAM}=${reason}`, cookies };
  }

  function refused(req: Request, err: unknown, ...cookies: string[]): Promise<RedirectBody> {
    if (err instanceof OidcError) return failed(req, err.reason, { why: err.message }, ...cookies);
    throw err; // the database, say: the usual 500 / 503 of the error handler
  }
  return router;
}
