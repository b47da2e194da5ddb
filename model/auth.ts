// Accounts and sessions (issue 15): the roles, and the shapes of the auth endpoints.
import { z } from 'zod';

/**
 * Who may call an endpoint, lowest first: each role may do what those before it may. With
 * AUTH=local a request below the endpoint's role is refused: 401 without a session, 403 with one.
 */
export const ROLES = ['anonymous', 'viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** The roles an account can have (anonymous is the absence of one). */
export const ACCOUNT_ROLES = ['viewer', 'editor', 'admin'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** AUTH: `none` (one local admin, loopback only), `local` (accounts in Neo4j) or `oidc` (sign-in at an identity provider). */
export const AUTH_MODES = ['none', 'local', 'oidc'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** What `minimum` lets `role` do: true when role is at least minimum. */
export function roleAllows(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

/** A user name: letters, digits and . _ - (no spaces, no @-tricks in logs), 1 to 64 characters. */
export const usernameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'may hold only letters, digits, ".", "_" and "-"');

export const loginRequestSchema = z
  .object({
    // Not the username's own rules here: a malformed name fails like any other (no enumeration).
    username: z.string().min(1, 'must not be empty').max(200),
    password: z.string().min(1, 'must not be empty').max(1024),
  })
  .strict()
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const authUserSchema = z
  .object({
    username: z.string(),
    role: z.enum(ACCOUNT_ROLES),
    /** The mode the server runs in: with `none` there is no sign-in and no sign-out. */
    mode: z.enum(AUTH_MODES),
  })
  .meta({ id: 'AuthUser' });
export type AuthUser = z.infer<typeof authUserSchema>;

/** What the sign-in page needs before anyone is signed in: the mode, and with oidc the provider. */
export const authConfigSchema = z
  .object({
    mode: z.enum(AUTH_MODES),
    /** With AUTH=oidc: the name the sign-in button shows and the URL it opens. */
    provider: z.object({ name: z.string(), loginUrl: z.string() }).optional(),
  })
  .meta({ id: 'AuthConfig' });
export type AuthConfig = z.infer<typeof authConfigSchema>;

/**
 * Why a sign-in at the identity provider failed: the callback redirects to the sign-in page with
 * `?login_error=<key>`, and the page shows the message. Keys, not text, travel in the URL, so a
 * crafted link cannot make the page say anything else.
 */
export const OIDC_LOGIN_ERRORS = {
  state: 'The sign-in could not be verified (it expired, was finished in another window, or was altered). Please try again.',
  provider: 'The identity provider did not complete the sign-in. Please try again, or ask your administrator.',
  unavailable: 'The identity provider cannot be reached just now. Please try again later.',
  no_role: 'You are signed in at the identity provider, but you have no role in the explorer. Ask an administrator to give you one.',
  disabled: 'Your account is disabled in the explorer. Ask an administrator.',
  no_username: 'The identity provider gave neither a user name nor an email address for your account.',
  username_taken: 'Your user name is already used by another explorer account. Ask an administrator.',
} as const;
export type OidcLoginError = keyof typeof OIDC_LOGIN_ERRORS;
/** The query parameter that carries an OIDC_LOGIN_ERRORS key back to the sign-in page. */
export const LOGIN_ERROR_PARAM = 'login_error';
