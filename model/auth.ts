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

/** AUTH: `none` (one local admin, loopback only) or `local` (accounts in Neo4j). */
export const AUTH_MODES = ['none', 'local'] as const;
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
