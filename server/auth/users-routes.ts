// Accounts managed by admins over the API: the same store and rules as `npm run users` (store.ts,
// cli-args.ts). Disabling an account or setting its password ends its sessions (the store does it
// in the same transaction). An admin cannot change their own role nor disable themselves, so the
// API cannot lock its last admin out (the CLI still can: it is the way back in). Every change is
// an audit event (the contract's `audit` actions), its before and after the role and flag.
import { ENDPOINTS } from '@model/contract.js';
import type { UserSummary } from '@model/audit.js';
import { NotFoundError } from '../errors.js';
import { endpointRouter, type HandlerContext, type MountOptions } from '../http/endpoint.js';
import { HttpError } from '../http/errors.js';
import { checkPassword } from './cli-args.js';
import { hashPassword } from './passwords.js';
import { UserExistsError, normaliseUsername, type AuthStore, type UserSummary as StoredUser } from './store.js';

const state = (u: { username: string; role: string; disabled: boolean }) => ({ username: u.username, role: u.role, disabled: u.disabled });

export function usersRoutes({ store, ...options }: MountOptions & { store: AuthStore }) {
  const { router, on } = endpointRouter(options);

  const toSummary = (u: StoredUser): UserSummary => ({ ...u, sessions: u.sessions ?? 0 });

  /** The account as it is, for the event's before; 404 when there is none. */
  async function current(username: string, audit: HandlerContext['audit']) {
    const user = await store.getUser(username);
    if (!user) throw new NotFoundError('username', `No user named "${normaliseUsername(username)}".`);
    audit.before = state(user);
    return user;
  }

  function notSelf(username: string, { principal }: HandlerContext, what: string) {
    if (principal && normaliseUsername(username) === principal.username)
      throw new HttpError(400, 'OWN_ACCOUNT', `You cannot ${what} your own account; another admin can.`, 'username');
  }

  async function password(text: string): Promise<string> {
    const problem = checkPassword(text);
    if (problem) throw new HttpError(400, 'BAD_REQUEST', `password: ${problem}`, 'password');
    return hashPassword(text);
  }

  async function change(username: string, patch: Parameters<AuthStore['updateUser']>[1], audit: HandlerContext['audit']) {
    const user = await store.updateUser(username, patch);
    if (!user) throw new NotFoundError('username', `No user named "${normaliseUsername(username)}".`);
    // The summary has no session count: a list tells how many are left.
    const [listed] = (await store.listUsers()).filter((u) => u.username === user.username);
    audit.after = state(user);
    return toSummary(listed ?? user);
  }

  on(ENDPOINTS.listUsers, async () => ({ users: (await store.listUsers()).map(toSummary) }));

  on(ENDPOINTS.createUser, async ({ body }, { audit }) => {
    const hash = await password(body.password);
    try {
      const user = await store.createUser(body.username, body.role, hash);
      audit.after = state(user);
      return toSummary(user);
    } catch (err) {
      if (err instanceof UserExistsError) throw new HttpError(409, 'USER_EXISTS', err.message, 'username');
      throw err;
    }
  });

  on(ENDPOINTS.setUserRole, async ({ params, body }, context) => {
    notSelf(params.username, context, 'change the role of');
    await current(params.username, context.audit);
    return change(params.username, { role: body.role }, context.audit);
  });

  on(ENDPOINTS.disableUser, async ({ params }, context) => {
    notSelf(params.username, context, 'disable');
    await current(params.username, context.audit);
    return change(params.username, { disabled: true }, context.audit);
  });

  on(ENDPOINTS.enableUser, async ({ params }, context) => {
    await current(params.username, context.audit);
    return change(params.username, { disabled: false }, context.audit);
  });

  on(ENDPOINTS.resetPassword, async ({ params, body }, context) => {
    await current(params.username, context.audit);
    return change(params.username, { passwordHash: await password(body.password) }, context.audit);
  });

  return router;
}
