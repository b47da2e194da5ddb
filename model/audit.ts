// The audit trail and the admins' management of accounts (issue 15): what one event holds, the
// filters of the audit endpoints, and the shapes of the user-management endpoints.
import { z } from 'zod';
import { ACCOUNT_ROLES, usernameSchema } from './auth.js';

/** What an event records. Every write endpoint of the contract names one (`audit`); the rest are recorded by hand. */
export const AUDIT_ACTIONS = [
  'login.success',
  'login.failure',
  'logout',
  'user.create',
  'user.role',
  'user.disable',
  'user.enable',
  'user.password-reset',
  'snapshot.create',
  'snapshot.update',
  'snapshot.delete',
  'share.create',
  'share.revoke',
  'query.create',
  'query.update',
  'query.delete',
  'import.stix',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Who acted, when there is no account behind it: `local` (AUTH=none), `anonymous` (a failed
 * sign-in: the name typed is a target, never the actor), `cli` (npm run users).
 */
export const AUDIT_ACTORS = { local: 'local', anonymous: 'anonymous', cli: 'cli' } as const;

export const auditEventSchema = z
  .object({
    id: z.string(),
    /** ISO 8601, UTC, milliseconds. */
    at: z.string(),
    actor: z.string(),
    /** The actor's role at the time; null for anonymous and the CLI. */
    actorRole: z.enum(ACCOUNT_ROLES).nullable(),
    /** The client's address (as TRUST_PROXY lets the server see it); null from the CLI. */
    ip: z.string().nullable(),
    action: z.enum(AUDIT_ACTIONS),
    /** The ids the action was about: snapshot, query or upload ids, user names. */
    targets: z.array(z.string()),
    /** A short summary (JSON text of a few fields, never a password or token) of the target before and after. */
    before: z.string().nullable(),
    after: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** A moment: an ISO date-time with its offset, or a date alone (its start, UTC); kept as UTC ISO text. */
const moment = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'must be an ISO 8601 date or date-time, e.g. 2025-03-01T12:00:00Z' })
  .transform((v) => new Date(v).toISOString());

export const AUDIT_PAGE_MAX = 500;
export const AUDIT_CSV_MAX = 50_000;

const auditFilters = {
  /** The actor's name exactly (`local`, `anonymous`, `cli` included). */
  user: z.string().min(1).max(64).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  /** From this moment, inclusive. */
  from: moment.optional(),
  /** Up to this moment, inclusive. */
  to: moment.optional(),
};

export const auditQuerySchema = z
  .object({
    ...auditFilters,
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
    /** From a previous page's `nextCursor`: the events older than its last. */
    cursor: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor from a previous page')
      .optional(),
  })
  .strict();
export type AuditQuery = z.output<typeof auditQuerySchema>;

export const auditCsvQuerySchema = z
  .object({ ...auditFilters, limit: z.coerce.number().int().min(1).max(AUDIT_CSV_MAX).default(AUDIT_CSV_MAX) })
  .strict();

export const auditPageSchema = z
  .object({
    /** Newest first. */
    events: z.array(auditEventSchema),
    /** Where the next (older) page starts; null on the last. */
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof auditPageSchema>;

/** The columns of the CSV export, in order. */
export const AUDIT_CSV_COLUMNS = ['at', 'actor', 'actorRole', 'ip', 'action', 'targets', 'before', 'after', 'id'] as const;

// ---- accounts, managed by admins ----

export const userSummarySchema = z
  .object({
    username: z.string(),
    role: z.enum(ACCOUNT_ROLES),
    disabled: z.boolean(),
    createdAt: z.string(),
    /** Live sessions. */
    sessions: z.number().int().min(0),
  })
  .meta({ id: 'UserSummary' });
export type UserSummary = z.infer<typeof userSummarySchema>;

export const userListSchema = z.object({ users: z.array(userSummarySchema) }).meta({ id: 'UserList' });

/** The password rule is the CLI's (server/auth/cli-args.ts), checked by the server: 400 naming `password`. */
const password = z.string().min(1, 'must not be empty').max(1024);

export const createUserRequestSchema = z
  .object({ username: usernameSchema, role: z.enum(ACCOUNT_ROLES), password })
  .strict()
  .meta({ id: 'CreateUserRequest' });
export const setRoleRequestSchema = z
  .object({ role: z.enum(ACCOUNT_ROLES) })
  .strict()
  .meta({ id: 'SetRoleRequest' });
export const resetPasswordRequestSchema = z.object({ password }).strict().meta({ id: 'ResetPasswordRequest' });
export const usernameParams = z.object({ username: usernameSchema });
