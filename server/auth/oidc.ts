// AUTH=oidc: sign-in at the newsroom's identity provider with openid-client (authorization code
// flow with PKCE, state and nonce; the ID token is validated by openid-client). The flow's secrets
// (state, nonce, PKCE verifier) stay on the server: the browser holds only a random key to them, in
// a short-lived cookie, so the callback is bound to the browser that started the sign-in.
import * as client from 'openid-client';
import type { AccountRole } from '@model/auth.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { cypher } from '../db/statements.js';
import { toPlain } from '../db/to-json.js';
import { readCookie } from './cookies.js';
import type { StoredOidcUser } from './oidc-rules.js';
import { newToken, tokenHash } from './tokens.js';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: this server's /api/auth/oidc/callback. */
  redirectUrl: string;
  /** The claim naming the role (viewer, editor, admin, or a list holding them); none: roles from admins or the default. */
  roleClaim?: string | undefined;
  /** The role of a user with no role claim and none given by an admin; none: such a user is refused. */
  defaultRole?: AccountRole | undefined;
  scopes: string;
  /** Shown on the sign-in button; the issuer's host name when not set. */
  providerName: string;
}

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

/** The settings from the checked configuration (config.ts has made sure they are there with AUTH=oidc). */
export function oidcSettings(config: Config): OidcSettings {
  const issuer = config.OIDC_ISSUER!;
  return {
    issuer,
    clientId: config.OIDC_CLIENT_ID!,
    clientSecret: config.OIDC_CLIENT_SECRET!,
    redirectUrl: config.OIDC_REDIRECT_URL ?? `${config.PUBLIC_URL!.replace(/\/+$/, '')}${OIDC_CALLBACK_PATH}`,
    roleClaim: config.OIDC_ROLE_CLAIM,
    defaultRole: config.OIDC_DEFAULT_ROLE,
    scopes: config.OIDC_SCOPES,
    providerName: config.OIDC_PROVIDER_NAME ?? new URL(issuer).hostname,
  };
}

/** The cookie holding the key to a sign-in under way. */
export const FLOW_COOKIE = 'explorer_oidc';
export const FLOW_MS = 10 * 60_000;
const FLOWS_MAX = 10_000;

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  until: number;
}

export function flowCookie(value: string, secure: boolean, maxAgeSeconds: number): string {
  // Lax, not Strict: the provider's redirect back is a navigation from another site, and a Strict
  // cookie would not come with it. Only the callback's path gets it.
  const parts = [`${FLOW_COOKIE}=${value}`, 'Path=/api/auth/oidc', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

export class OidcError extends Error {
  constructor(
    readonly reason: 'state' | 'provider' | 'unavailable',
    message: string,
  ) {
    super(message);
  }
}

/** The client side of the provider: discovery (once, retried after a failure) and the two legs of the flow. */
export class OidcClient {
  private configuration: Promise<client.Configuration> | undefined;
  private readonly flows = new Map<string, Flow>();

  constructor(readonly settings: OidcSettings) {}

  private config(): Promise<client.Configuration> {
    if (!this.configuration) {
      const issuer = new URL(this.settings.issuer);
      // config.ts allows http:// only for a provider on this machine (tests, development).
      const options = issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {};
      this.configuration = client
        .discovery(
          issuer,
          this.settings.clientId,
          this.settings.clientSecret,
          client.ClientSecretBasic(this.settings.clientSecret),
          options,
        )
        .catch((err: unknown) => {
          this.configuration = undefined;
          throw new OidcError('unavailable', `discovery at ${issuer.href} failed: ${String((err as Error).message ?? err)}`);
        });
    }
    return this.configuration;
  }

  /** The provider's authorization URL, and the key (for the flow cookie) to the flow's secrets. */
  async start(): Promise<{ url: string; key: string }> {
    const config = await this.config();
    const flow: Flow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      until: Date.now() + FLOW_MS,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    this.sweep();
    const key = newToken();
    this.flows.set(tokenHash(key), flow);
    return { url: url.href, key };
  }

  /**
   * The callback: the flow the cookie names (used once), the state checked, the code exchanged and
   * the ID token validated; returns the ID token's claims with the userinfo endpoint's beside them.
   */
  async finish(cookieHeader: string | undefined, query: URLSearchParams): Promise<{ issuer: string; claims: Record<string, unknown> }> {
    const key = readCookie(cookieHeader, FLOW_COOKIE);
    const flow = key !== undefined && key.length <= 100 ? this.flows.get(tokenHash(key)) : undefined;
    if (key !== undefined) this.flows.delete(tokenHash(key));
    if (!flow || flow.until < Date.now()) throw new OidcError('state', 'no sign-in under way for this browser (or it expired)');
    if (query.has('error'))
      throw new OidcError('provider', `the provider answered ${query.get('error')}: ${query.get('error_description') ?? ''}`);
    if (query.get('state') !== flow.state) throw new OidcError('state', 'the state does not match the sign-in under way');
    const config = await this.config();
    // The callback URL as registered at the provider, with the query it was called with (behind a
    // proxy the request's own host may differ).
    const current = new URL(this.settings.redirectUrl);
    current.search = query.toString();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      throw new OidcError(isNetworkError(err) ? 'unavailable' : 'provider', `code exchange failed: ${(err as Error).message}`);
    }
    const idClaims = tokens.claims() as Record<string, unknown> & { sub: string; iss: string };
    let userinfo: Record<string, unknown> = {};
    if (config.serverMetadata().userinfo_endpoint) {
      try {
        userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      } catch (err) {
        throw new OidcError(isNetworkError(err) ? 'unavailable' : 'provider', `userinfo failed: ${(err as Error).message}`);
      }
    }
    // The signed ID token's claims win over userinfo's where both have one.
    return { issuer: idClaims.iss, claims: { ...userinfo, ...idClaims } };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [hash, flow] of this.flows) if (flow.until < now) this.flows.delete(hash);
    // Many sign-ins started and never finished: drop the oldest rather than grow without end.
    while (this.flows.size >= FLOWS_MAX) this.flows.delete(this.flows.keys().next().value!);
  }
}

function isNetworkError(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string } }).cause;
  return err instanceof TypeError && (err.message === 'fetch failed' || cause?.code === 'ECONNREFUSED');
}

type Row = Record<string, unknown>;
const plain = (r: { toObject(): Row }) => toPlain(r.toObject()) as Row;

export interface OidcUser extends StoredOidcUser {
  username: string;
  disabled: boolean;
}

export class UsernameTakenError extends Error {}

/** Accounts from the identity provider: `:User` nodes with source `oidc`, keyed by issuer and subject. */
export class OidcUserStore {
  constructor(private readonly db: Database) {}

  async find(issuer: string, subject: string): Promise<OidcUser | null> {
    const result = await this.db.read((tx) => tx.run(cypher('auth/oidc-user-find'), { issuer, subject }));
    const row = result.records[0];
    return row ? (plain(row) as unknown as OidcUser) : null;
  }

  async create(issuer: string, subject: string, username: string, role: AccountRole): Promise<void> {
    try {
      await this.db.write((tx) =>
        tx.run(cypher('auth/oidc-user-create'), { issuer, subject, username, role, now: new Date().toISOString() }),
      );
    } catch (err) {
      if (String((err as { code?: unknown }).code).includes('ConstraintValidationFailed'))
        throw new UsernameTakenError(`the user name "${username}" belongs to another account`);
      throw err;
    }
  }

  /** Records a sign-in: the role chosen, and `loginRole` (unchanged when the role was an admin's). */
  async signedIn(issuer: string, subject: string, role: AccountRole, loginRole: AccountRole | null): Promise<void> {
    await this.db.write((tx) =>
      tx.run(cypher('auth/oidc-user-login'), { issuer, subject, role, loginRole, now: new Date().toISOString() }),
    );
  }
}
