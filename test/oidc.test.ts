// AUTH=oidc against a real OpenID provider (oidc-provider) run here on an ephemeral port: the full
// authorization code flow through HTTP redirects with cookies kept per host, as a browser would;
// the session it starts, roles from the claim (changed at the next sign-in), from an admin or the
// default, refusals (disabled, no role, tampered state, the provider's error), password sign-in off,
// and the settings' validation.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Context } from 'oidc-provider';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_ERROR_PARAM, OIDC_LOGIN_ERRORS, type AccountRole } from '@model/auth.js';
import { createApp } from '../server/app.js';
import { AuthStore } from '../server/auth/store.js';
import type { OidcSettings } from '../server/auth/oidc.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { rows, testDatabase } from './support/database.js';

const db = testDatabase();
const store = new AuthStore(db);
const PREFIX = `o${Date.now().toString(36)}`;
const CLIENT_ID = 'explorer-test';
const CLIENT_SECRET = 'a test secret that is long enough for HS256 signing';
const ROLE_CLAIM = 'explorer_role';

/** The provider's users, by subject: claims the tests change between sign-ins. */
const accounts = new Map<string, Record<string, unknown>>();
/** Who the provider's login step signs in (instead of a form). */
let signingIn = '';

let providerServer: Server;
let appServer: Server;
let issuer = '';
let appOrigin = '';
/** The app behind appServer: each test picks the settings it needs. */
let currentApp: RequestListener = (_req, res) => res.end();

const listen = (handler: RequestListener) =>
  new Promise<Server>((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
const origin = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

function settings(extra: Partial<OidcSettings> = {}): OidcSettings {
  return {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUrl: `${appOrigin}/api/auth/oidc/callback`,
    roleClaim: ROLE_CLAIM,
    scopes: 'openid profile email',
    providerName: 'Test IdP',
    ...extra,
  };
}

function useApp(extra: Partial<OidcSettings> = {}) {
  const app = createApp({ db, logger: createLogger('silent'), auth: { mode: 'oidc', cacheMs: 0 }, oidc: settings(extra) });
  currentApp = app;
  return app;
}

beforeAll(async () => {
  let provider: Provider | undefined;
  providerServer = await listen((req, res) => {
    if (!provider) return void res.writeHead(503).end();
    // The provider's login page, answered at once for the account the test chose.
    if (req.url?.startsWith('/interaction/')) {
      provider
        .interactionFinished(req, res, { login: { accountId: signingIn } }, { mergeWithLastSubmission: false })
        .catch((err: unknown) => res.writeHead(500).end(String(err)));
      return;
    }
    provider.callback()(req, res);
  });
  issuer = origin(providerServer);
  appServer = await listen((req, res) => currentApp(req, res));
  appOrigin = origin(appServer);
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${appOrigin}/api/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['preferred_username', ROLE_CLAIM], email: ['email'] },
    findAccount: (_ctx: unknown, sub: string) =>
      accounts.has(sub) ? { accountId: sub, claims: () => ({ sub, ...accounts.get(sub) }) } : undefined,
    features: { devInteractions: { enabled: false } },
    // Consent is the explorer's own client's: granted without asking.
    loadExistingGrant: async (ctx: Context) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile email');
      grant.addOIDCClaims(['preferred_username', ROLE_CLAIM, 'email']);
      await grant.save();
      return grant;
    },
    cookies: { keys: ['test cookie signing key'] },
    // Set, so the provider does not print a notice for each default it uses.
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
  });
});

afterAll(async () => {
  await new Promise((r) => providerServer.close(r));
  await new Promise((r) => appServer.close(r));
  await db.write((tx) => tx.run('MATCH (n) WHERE (n:User OR n:Session) AND n.username STARTS WITH $p DETACH DELETE n', { p: PREFIX }));
  await db.close();
});

interface Step {
  url: string;
  status: number;
  setCookies: string[];
  location: string | null;
}

/**
 * A browser's sign-in: from the explorer's login URL through every redirect, cookies kept per
 * host:port, until it lands back on a page of the explorer (not its API). `rewrite` may change a
 * URL before it is requested (an attacker's hand).
 */
async function signIn(subject: string, rewrite: (url: URL) => URL = (u) => u) {
  signingIn = subject;
  const jar = new Map<string, Map<string, string>>();
  const steps: Step[] = [];
  let url = new URL('/api/auth/oidc/login', appOrigin);
  for (let hop = 0; hop < 15; hop++) {
    url = rewrite(url);
    const cookies = jar.get(url.host) ?? new Map<string, string>();
    const res = await fetch(url, {
      redirect: 'manual',
      headers: cookies.size ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {},
    });
    const setCookies = res.headers.getSetCookie();
    for (const c of setCookies) {
      const [pair, ...attributes] = c.split(';');
      const eq = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim()];
      if (value === '' || attributes.some((a) => /max-age=0\b/i.test(a.trim()))) cookies.delete(name);
      else cookies.set(name, value);
    }
    jar.set(url.host, cookies);
    steps.push({ url: url.href, status: res.status, setCookies, location: res.headers.get('location') });
    await res.arrayBuffer();
    if (res.status < 300 || res.status >= 400) throw new Error(`stopped at ${url.href} with ${res.status}`);
    url = new URL(res.headers.get('location')!, url);
    if (url.origin === appOrigin && !url.pathname.startsWith('/api/')) {
      const session = jar.get(new URL(appOrigin).host)?.get('explorer_session');
      return { landed: url, steps, cookie: session ? `explorer_session=${session}` : null };
    }
  }
  throw new Error('too many redirects');
}

function account(name: string, claims: Record<string, unknown> = {}): string {
  const sub = `${PREFIX}-sub-${name}`;
  accounts.set(sub, { preferred_username: `${PREFIX}-${name}`, email: `${name}@idp.invalid`, ...claims });
  return sub;
}

const me = (cookie: string | null) => {
  const req = request(currentApp).get('/api/auth/me');
  return cookie ? req.set('cookie', cookie) : req;
};

describe('signing in through the identity provider (AUTH=oidc)', () => {
  it('runs the code flow with PKCE, state and nonce, and starts a session with the role from the claim', async () => {
    useApp();
    const sub = account('editor', { [ROLE_CLAIM]: 'editor' });
    const { landed, steps, cookie } = await signIn(sub);
    expect(landed.pathname).toBe('/');
    expect(landed.search).toBe('');

    const toProvider = new URL(steps[0]!.location!);
    expect(toProvider.origin).toBe(issuer);
    expect(toProvider.searchParams.get('code_challenge_method')).toBe('S256');
    expect(toProvider.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(toProvider.searchParams.get('state')).toBeTruthy();
    expect(toProvider.searchParams.get('nonce')).toBeTruthy();
    expect(toProvider.searchParams.get('redirect_uri')).toBe(`${appOrigin}/api/auth/oidc/callback`);
    // The flow's key: httpOnly, Lax (the provider's redirect back is cross-site), short-lived, on the flow's path only.
    expect(steps[0]!.setCookies[0]).toMatch(
      /^explorer_oidc=[A-Za-z0-9_-]{43}; Path=\/api\/auth\/oidc; HttpOnly; SameSite=Lax; Max-Age=600$/,
    );

    const callback = steps.find((s) => s.url.startsWith(`${appOrigin}/api/auth/oidc/callback`))!;
    expect(callback.status).toBe(302);
    const session = callback.setCookies.find((c) => c.startsWith('explorer_session='))!;
    // The same cookie as a password sign-in gives.
    expect(session).toMatch(/^explorer_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(callback.setCookies.find((c) => c.startsWith('explorer_oidc='))).toMatch(/Max-Age=0/);

    const who = await me(cookie).expect(200);
    expect(who.body).toEqual({ username: `${PREFIX}-editor`, role: 'editor', mode: 'oidc' });
    const [user] = await rows(db, 'MATCH (u:User {username: $u}) RETURN u.source AS source, u.oidcSubject AS sub, u.oidcIssuer AS iss', {
      u: `${PREFIX}-editor`,
    });
    expect(user).toEqual({ source: 'oidc', sub, iss: issuer });
    // Audited as a password sign-in is.
    const [event] = await rows(
      db,
      'MATCH (e:AuditEvent {action: $action}) WHERE $u IN e.targets RETURN e.actor AS actor, e.actorRole AS role ORDER BY e.at DESC LIMIT 1',
      { action: 'login.success', u: `${PREFIX}-editor` },
    );
    expect(event).toEqual({ actor: `${PREFIX}-editor`, role: 'editor' });
    // The contract's roles hold as with AUTH=local.
    await request(currentApp).get('/api/meta').expect(401);
    await request(currentApp).get('/api/meta').set('cookie', cookie!).expect(200);
  });

  it('gives a new session at each sign-in, and applies a changed role claim at the next one', async () => {
    useApp();
    const sub = account('changing', { [ROLE_CLAIM]: ['viewer', 'unrelated-group'] });
    const first = await signIn(sub);
    expect((await me(first.cookie).expect(200)).body.role).toBe('viewer');
    await request(currentApp)
      .post('/api/snapshots')
      .set('cookie', first.cookie!)
      .set('content-type', 'application/json')
      .send({})
      .expect(403);
    accounts.get(sub)![ROLE_CLAIM] = ['viewer', 'admin'];
    const second = await signIn(sub);
    expect(second.cookie).not.toBe(first.cookie);
    expect((await me(second.cookie).expect(200)).body).toEqual({ username: `${PREFIX}-changing`, role: 'admin', mode: 'oidc' });
    // One account however often it signs in, found by subject.
    const [count] = await rows(db, 'MATCH (u:User {oidcSubject: $sub}) RETURN count(u) AS n', { sub });
    expect(Number(count!.n)).toBe(1);
  });

  it('refuses a user disabled in the explorer, and ends their sessions', async () => {
    useApp();
    const sub = account('disabled', { [ROLE_CLAIM]: 'viewer' });
    const before = await signIn(sub);
    await me(before.cookie).expect(200);
    await store.updateUser(`${PREFIX}-disabled`, { disabled: true });
    await me(before.cookie).expect(401);
    const again = await signIn(sub);
    expect(again.landed.pathname).toBe('/');
    expect(again.landed.searchParams.get(LOGIN_ERROR_PARAM)).toBe('disabled');
    expect(again.cookie).toBeNull();
    const [event] = await rows(
      db,
      'MATCH (e:AuditEvent {action: $action}) WHERE $u IN e.targets RETURN e.actor AS actor ORDER BY e.at DESC LIMIT 1',
      { action: 'login.failure', u: `${PREFIX}-disabled` },
    );
    expect(event).toEqual({ actor: 'anonymous' });
  });

  it('refuses a tampered state, and a callback with no sign-in under way', async () => {
    useApp();
    const sub = account('tamper', { [ROLE_CLAIM]: 'viewer' });
    const tampered = await signIn(sub, (url) => {
      if (url.pathname === '/api/auth/oidc/callback') url.searchParams.set('state', `${url.searchParams.get('state')}x`);
      return url;
    });
    expect(tampered.landed.searchParams.get(LOGIN_ERROR_PARAM)).toBe('state');
    expect(tampered.cookie).toBeNull();
    const [users] = await rows(db, 'MATCH (u:User {oidcSubject: $sub}) RETURN count(u) AS n', { sub });
    expect(Number(users!.n)).toBe(0);
    // A callback from another browser (no flow cookie): refused the same way, with a readable message.
    const stray = await request(currentApp).get('/api/auth/oidc/callback?code=abc&state=def').expect(302);
    expect(stray.headers.location).toBe(`/?${LOGIN_ERROR_PARAM}=state`);
    expect(stray.text).not.toMatch(/Error|at /);
    expect(OIDC_LOGIN_ERRORS.state).toMatch(/try again/i);
  });

  it("lands on the sign-in page with the provider's refusal", async () => {
    useApp();
    const sub = account('denied', { [ROLE_CLAIM]: 'viewer' });
    const denied = await signIn(sub, (url) => {
      if (url.pathname === '/api/auth/oidc/callback') {
        const state = url.searchParams.get('state')!;
        url.search = new URLSearchParams({ error: 'access_denied', state }).toString();
      }
      return url;
    });
    expect(denied.landed.searchParams.get(LOGIN_ERROR_PARAM)).toBe('provider');
    expect(denied.cookie).toBeNull();
  });

  it('refuses a user with no role claim when there is no default, with a clear message', async () => {
    useApp();
    const sub = account('norole');
    const refused = await signIn(sub);
    expect(refused.landed.searchParams.get(LOGIN_ERROR_PARAM)).toBe('no_role');
    expect(refused.cookie).toBeNull();
    expect(OIDC_LOGIN_ERRORS.no_role).toMatch(/no role in the explorer/);
  });

  it('without a claim: the default role, then the role an admin gave, kept at later sign-ins', async () => {
    useApp({ defaultRole: 'viewer' });
    const sub = account('defaulted');
    const first = await signIn(sub);
    expect((await me(first.cookie).expect(200)).body.role).toBe('viewer');
    await store.updateUser(`${PREFIX}-defaulted`, { role: 'editor' satisfies AccountRole });
    const second = await signIn(sub);
    expect((await me(second.cookie).expect(200)).body.role).toBe('editor');
    // Once the provider names a role, the claim decides.
    accounts.get(sub)![ROLE_CLAIM] = 'viewer';
    const third = await signIn(sub);
    expect((await me(third.cookie).expect(200)).body.role).toBe('viewer');
    // The claim's role is not kept once the claim goes away (here with no default: refused).
    useApp();
    delete accounts.get(sub)![ROLE_CLAIM];
    const fourth = await signIn(sub);
    expect(fourth.landed.searchParams.get(LOGIN_ERROR_PARAM)).toBe('no_role');
  });

  it('turns password sign-in off, and tells the sign-in page to use the provider', async () => {
    const app = useApp();
    const res = await request(app)
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send({ username: `${PREFIX}-editor`, password: 'whatever it is, it is not asked' })
      .expect(409);
    expect(res.body.error.code).toBe('USE_IDENTITY_PROVIDER');
    expect(res.body.error.message).toMatch(/identity provider/);
    const config = await request(app).get('/api/auth/config').expect(200);
    expect(config.body).toEqual({ mode: 'oidc', provider: { name: 'Test IdP', loginUrl: '/api/auth/oidc/login' } });
  });

  it('answers 409 to the OIDC endpoints in the other modes', async () => {
    const local = createApp({ db, logger: createLogger('silent'), auth: { mode: 'local', cacheMs: 0 } });
    await request(local).get('/api/auth/oidc/login').expect(409);
    await request(local).get('/api/auth/oidc/callback?code=a&state=b').expect(409);
    expect((await request(local).get('/api/auth/config').expect(200)).body).toEqual({ mode: 'local' });
  });

  it('sends the browser to the sign-in page when the provider cannot be reached', async () => {
    const closed = await listen((_req, res) => res.end());
    const gone = origin(closed);
    await new Promise((r) => closed.close(r));
    useApp({ issuer: gone });
    const res = await request(currentApp).get('/api/auth/oidc/login').expect(302);
    expect(res.headers.location).toBe(`/?${LOGIN_ERROR_PARAM}=unavailable`);
  });
});

describe('AUTH=oidc settings', () => {
  const complete = {
    AUTH: 'oidc',
    OIDC_ISSUER: 'https://idp.newsroom.invalid/realms/news',
    OIDC_CLIENT_ID: 'explorer',
    OIDC_CLIENT_SECRET: 's3cret',
    OIDC_REDIRECT_URL: 'https://explorer.newsroom.invalid/api/auth/oidc/callback',
  };

  it('names each missing or invalid setting', () => {
    expect(() => loadConfig({ AUTH: 'oidc' })).toThrow(
      /OIDC_ISSUER: is required with AUTH=oidc; OIDC_CLIENT_ID: is required with AUTH=oidc; OIDC_CLIENT_SECRET: is required with AUTH=oidc; OIDC_REDIRECT_URL: is required/,
    );
    const { OIDC_CLIENT_SECRET: _secret, ...noSecret } = complete;
    expect(() => loadConfig(noSecret)).toThrow(/^Invalid configuration: OIDC_CLIENT_SECRET: is required with AUTH=oidc$/);
    expect(() => loadConfig({ ...complete, OIDC_ISSUER: 'not a url' })).toThrow(/OIDC_ISSUER: must be an http:\/\/ or https:\/\/ URL/);
    expect(() => loadConfig({ ...complete, OIDC_ISSUER: 'http://idp.newsroom.invalid' })).toThrow(/OIDC_ISSUER: must be an https:\/\/ URL/);
    expect(() => loadConfig({ ...complete, OIDC_DEFAULT_ROLE: 'owner' })).toThrow(
      /OIDC_DEFAULT_ROLE: must be one of viewer, editor, admin/,
    );
  });

  it('accepts a complete set, beyond loopback too, and derives the redirect URL from PUBLIC_URL', async () => {
    const config = loadConfig({ ...complete, HOST: '0.0.0.0', OIDC_DEFAULT_ROLE: 'viewer' });
    expect(config).toMatchObject({ AUTH: 'oidc', OIDC_DEFAULT_ROLE: 'viewer', OIDC_SCOPES: 'openid profile email' });
    const { OIDC_REDIRECT_URL: _url, ...noRedirect } = complete;
    const { oidcSettings } = await import('../server/auth/oidc.js');
    expect(oidcSettings(loadConfig({ ...noRedirect, PUBLIC_URL: 'https://explorer.newsroom.invalid/' }))).toMatchObject({
      redirectUrl: 'https://explorer.newsroom.invalid/api/auth/oidc/callback',
      providerName: 'idp.newsroom.invalid',
    });
  });
});
