// The pure pieces of accounts: role order, the contract's roles, session timeouts, the slowing of
// failed sign-ins, the cookie, tokens, and the users CLI's arguments.
import { describe, expect, it } from 'vitest';
import { ROLES, roleAllows } from '@model/auth.js';
import { ENDPOINTS } from '@model/contract.js';
import { checkPassword, parseArgs } from '../server/auth/cli-args.js';
import { clearedSessionCookie, readCookie, sessionCookie } from '../server/auth/cookies.js';
import { judgeSession } from '../server/auth/session-rules.js';
import { LoginThrottle } from '../server/auth/throttle.js';
import { chooseRole, claimValue, oidcUsername, roleFromClaim } from '../server/auth/oidc-rules.js';
import { newToken, tokenHash } from '../server/auth/tokens.js';

describe('roles', () => {
  it('are ordered: each allows what those below it allow, and nothing above', () => {
    expect(ROLES).toEqual(['anonymous', 'viewer', 'editor', 'admin']);
    expect(roleAllows('admin', 'editor')).toBe(true);
    expect(roleAllows('editor', 'editor')).toBe(true);
    expect(roleAllows('viewer', 'editor')).toBe(false);
    expect(roleAllows('anonymous', 'viewer')).toBe(false);
    expect(roleAllows('anonymous', 'anonymous')).toBe(true);
  });

  it('are declared by the contract as the issue says: anonymous only for sign-in, sign-out, liveness and guest links; writes need an editor', () => {
    const byRole = (role: string) =>
      Object.entries(ENDPOINTS)
        .filter(([, e]) => e.role === role)
        .map(([n]) => n)
        .sort();
    // The guest endpoints are anonymous at the gate and refuse (401) without a live share token.
    expect(byRole('anonymous')).toEqual(
      ['authConfig', 'guestExport', 'guestNode', 'guestSnapshot', 'liveness', 'login', 'logout', 'oidcCallback', 'oidcLogin'].sort(),
    );
    expect(byRole('admin')).toEqual(
      ['auditCsv', 'auditEvents', 'createUser', 'disableUser', 'enableUser', 'listUsers', 'resetPassword', 'setUserRole'].sort(),
    );
    expect(byRole('editor')).toEqual(
      [
        'cancelImport',
        'confirmImport',
        'createShareLink',
        'createSnapshot',
        'deleteQuery',
        'deleteSnapshot',
        'duplicateSnapshot',
        'importStix',
        'listShareLinks',
        'patchSnapshot',
        'replaceSnapshot',
        'revokeShareLink',
        'saveQuery',
        'updateQuery',
      ].sort(),
    );
    for (const [name, e] of Object.entries(ENDPOINTS)) {
      // Accounts and the audit trail are an admin's; reads, the console, running queries and
      // exports a viewer's; every other write (imports too) an editor's. Listing a snapshot's
      // share links is its owner's, so an editor's, though a read.
      const read =
        (e.method === 'get' && name !== 'listShareLinks') ||
        ['expand', 'subgraph', 'paths', 'cypher', 'runQuery', 'exportView', 'exportQuery'].includes(name);
      if (e.area === 'admin') expect(e.role, name).toBe('admin');
      else if (e.role !== 'anonymous') expect(e.role, name).toBe(read ? 'viewer' : 'editor');
    }
  });
});

describe('session timeouts', () => {
  const t = { idleMs: 1_000, absoluteMs: 10_000 };
  const at = (ms: number) => new Date(ms).toISOString();
  it('keep a session in use until its absolute end, and end one left idle', () => {
    expect(judgeSession({ createdAt: at(0), lastSeenAt: at(9_000), role: 'editor', disabled: false }, 9_500, t)).toEqual({
      ok: true,
      role: 'editor',
    });
    expect(judgeSession({ createdAt: at(0), lastSeenAt: at(9_999), role: 'editor', disabled: false }, 10_000, t)).toEqual({
      ok: false,
      why: 'expired',
    });
    expect(judgeSession({ createdAt: at(0), lastSeenAt: at(1_000), role: 'viewer', disabled: false }, 2_000, t)).toEqual({
      ok: false,
      why: 'idle',
    });
    expect(judgeSession({ createdAt: at(0), lastSeenAt: at(1_000), role: 'viewer', disabled: false }, 1_999, t).ok).toBe(true);
  });
  it('end with the account: disabled or gone', () => {
    expect(judgeSession({ createdAt: at(0), lastSeenAt: at(0), role: 'admin', disabled: true }, 1, t)).toEqual({
      ok: false,
      why: 'account',
    });
    expect(judgeSession({ createdAt: at(0), lastSeenAt: at(0), role: null, disabled: false }, 1, t)).toEqual({ ok: false, why: 'account' });
  });
});

describe('slowing failed sign-ins', () => {
  it('waits after the free failures, doubling per failure up to the cap, per key', () => {
    let now = 0;
    const throttle = new LoginThrottle({ free: 2, baseMs: 100, maxMs: 350, forgetMs: 1_000, now: () => now });
    const keys = ['user:a', 'client:1'];
    expect(throttle.delayMs(keys)).toBe(0);
    throttle.fail(keys);
    throttle.fail(keys);
    expect(throttle.delayMs(keys)).toBe(100);
    throttle.fail(keys);
    expect(throttle.delayMs(keys)).toBe(200);
    throttle.fail(keys);
    expect(throttle.delayMs(keys)).toBe(350);
    // Another account from the same client waits too; the same account from another client too.
    expect(throttle.delayMs(['user:b', 'client:1'])).toBe(350);
    expect(throttle.delayMs(['user:a', 'client:2'])).toBe(350);
    expect(throttle.delayMs(['user:b', 'client:2'])).toBe(0);
    throttle.succeed(['user:a']);
    expect(throttle.delayMs(['user:a', 'client:2'])).toBe(0);
    now = 1_001;
    expect(throttle.delayMs(keys)).toBe(0);
  });
});

describe('the session cookie and tokens', () => {
  it('reads one cookie among several', () => {
    expect(readCookie('a=1; explorer_session=abc; b=2', 'explorer_session')).toBe('abc');
    expect(readCookie('xexplorer_session=abc', 'explorer_session')).toBeUndefined();
    expect(readCookie('explorer_session=', 'explorer_session')).toBeUndefined();
    expect(readCookie(undefined, 'explorer_session')).toBeUndefined();
  });
  it('is httpOnly and SameSite=Strict, Secure when asked, and cleared with Max-Age=0', () => {
    expect(sessionCookie('t', { secure: false, maxAgeSeconds: 60 })).toBe(
      'explorer_session=t; Path=/; HttpOnly; SameSite=Strict; Max-Age=60',
    );
    expect(sessionCookie('t', { secure: true, maxAgeSeconds: 60 })).toMatch(/; Secure$/);
    expect(clearedSessionCookie(false)).toBe('explorer_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
  });
  it('makes tokens of 256 random bits and stores their SHA-256', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(a);
    expect(tokenHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('npm run users: arguments', () => {
  it('reads each command, and refuses what it cannot do', () => {
    expect(parseArgs(['add', 'Alice', '--role', 'editor', '--password-stdin'])).toEqual({
      command: 'add',
      name: 'Alice',
      role: 'editor',
      passwordStdin: true,
    });
    expect(parseArgs(['list'])).toEqual({ command: 'list', passwordStdin: false });
    expect(parseArgs(['set-role', 'bob', '--role', 'admin']).role).toBe('admin');
    expect(() => parseArgs(['add', 'bob'])).toThrow(/needs --role/);
    expect(() => parseArgs(['add', 'bob', '--role', 'owner'])).toThrow(/--role must be one of viewer, editor, admin/);
    expect(() => parseArgs(['disable'])).toThrow(/needs a user name/);
    expect(() => parseArgs(['drop', 'bob'])).toThrow(/unknown command/);
    expect(() => parseArgs(['add', 'bob', 'smith', '--role', 'viewer'])).toThrow(/one command and at most one name/);
    expect(() => parseArgs(['add', 'bob@x', '--role', 'viewer'])).toThrow(/may hold only/);
    expect(() => parseArgs(['list', '--password', 'x'])).toThrow(/unknown option --password/);
  });
  it('asks for passwords of at least 12 characters', () => {
    expect(checkPassword('short')).toMatch(/at least 12/);
    expect(checkPassword('twelve chars')).toBeNull();
  });
});

describe('AUTH=oidc rules', () => {
  it('reads the role claim by exact name first, then as a dotted path', () => {
    expect(claimValue({ 'https://news.example/role': 'editor' }, 'https://news.example/role')).toBe('editor');
    expect(claimValue({ realm_access: { roles: ['viewer', 'x'] } }, 'realm_access.roles')).toEqual(['viewer', 'x']);
    expect(claimValue({ realm_access: ['viewer'] }, 'realm_access.roles')).toBeUndefined();
    expect(claimValue({}, 'role')).toBeUndefined();
  });

  it('takes a role name, or the highest role in a list, and nothing else', () => {
    expect(roleFromClaim('Editor')).toBe('editor');
    expect(roleFromClaim(['admin', 'viewer', 'staff'])).toBe('admin');
    expect(roleFromClaim(['staff', 'viewer'])).toBe('viewer');
    expect(roleFromClaim('administrator')).toBeNull();
    expect(roleFromClaim(['staff'])).toBeNull();
    expect(roleFromClaim(7)).toBeNull();
    expect(roleFromClaim(undefined)).toBeNull();
  });

  it('chooses the claim, then a role an admin gave, then the default, else refuses', () => {
    expect(chooseRole('viewer', { role: 'admin', loginRole: 'editor' }, 'editor')).toEqual({ role: 'viewer', from: 'claim' });
    expect(chooseRole(null, { role: 'admin', loginRole: 'editor' }, 'viewer')).toEqual({ role: 'admin', from: 'admin' });
    expect(chooseRole(null, { role: 'editor', loginRole: 'editor' }, 'viewer')).toEqual({ role: 'viewer', from: 'default' });
    expect(chooseRole(null, { role: 'editor', loginRole: 'editor' }, undefined)).toBeNull();
    expect(chooseRole(null, null, undefined)).toBeNull();
    expect(chooseRole(null, null, 'viewer')).toEqual({ role: 'viewer', from: 'default' });
  });

  it('names a new account after preferred_username, else the email, in safe characters', () => {
    expect(oidcUsername({ preferred_username: 'A.Smith', email: 'a@x.example' })).toBe('a.smith');
    expect(oidcUsername({ email: 'Ann.Lee@News.example' })).toBe('ann.lee@news.example');
    expect(oidcUsername({ preferred_username: 'ann lee/x' })).toBe('ann_lee_x');
    expect(oidcUsername({ preferred_username: '  ', email: 7 })).toBeNull();
    expect(oidcUsername({ preferred_username: 'x'.repeat(100) })).toHaveLength(64);
  });
});
