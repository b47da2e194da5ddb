// The pure rules of AUTH=oidc sign-in, unit-tested apart from any provider: which role a user gets,
// and the user name an account is created under.
import { ACCOUNT_ROLES, type AccountRole } from '@model/auth.js';

/**
 * A claim by name: the exact name first (names such as "https://example.org/roles" hold dots),
 * then as a dotted path into nested objects ("realm_access.roles").
 */
export function claimValue(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The role a claim value names: a role name, or a list holding some (the highest counts); null otherwise. */
export function roleFromClaim(value: unknown): AccountRole | null {
  const names = (Array.isArray(value) ? value : [value])
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim().toLowerCase());
  let best: AccountRole | null = null;
  for (const role of ACCOUNT_ROLES) if (names.includes(role)) best = role; // ACCOUNT_ROLES is lowest first
  return best;
}

export interface StoredOidcUser {
  role: AccountRole;
  /** The role the last sign-in set (from the claim or the default); a different `role` was set by an admin since. */
  loginRole: AccountRole | null;
}

export type RoleChoice = { role: AccountRole; from: 'claim' | 'admin' | 'default' } | null;

/**
 * The role claim wins (so the provider's change applies at the next sign-in); without it, a role an
 * admin gave (`npm run users -- set-role`) stays; then OIDC_DEFAULT_ROLE; else null: refused.
 */
export function chooseRole(claimRole: AccountRole | null, stored: StoredOidcUser | null, defaultRole: AccountRole | undefined): RoleChoice {
  if (claimRole) return { role: claimRole, from: 'claim' };
  if (stored && stored.role !== stored.loginRole) return { role: stored.role, from: 'admin' };
  if (defaultRole) return { role: defaultRole, from: 'default' };
  return null;
}

/**
 * The user name of a new account: `preferred_username`, else `email`, lower case, with anything but
 * letters, digits and . _ @ - replaced by "_" (no spaces or control characters in logs), at most
 * 64 characters; null when the provider gave neither.
 */
export function oidcUsername(claims: Record<string, unknown>): string | null {
  for (const key of ['preferred_username', 'email']) {
    const raw = claims[key];
    if (typeof raw !== 'string') continue;
    const name = raw
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9._@-]/g, '_')
      .slice(0, 64);
    if (name.length > 0) return name;
  }
  return null;
}
