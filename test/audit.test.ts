// The audit trail and the admins' user management (issue 15), against the run's seeded Neo4j with
// AUTH=local: one event per write (snapshots, saved queries, sign-in and sign-out, accounts), who,
// when, the ids and a short before/after with never a password; the filters, paging and CSV of
// GET /api/audit; admins only; and no endpoint of the contract that removes an event.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '@model/audit.js';
import type { AccountRole } from '@model/auth.js';
import { ENDPOINTS, endpointPath, type Endpoint } from '@model/contract.js';
import { createApp } from '../server/app.js';
import { AuditStore } from '../server/audit/store.js';
import { hashPassword } from '../server/auth/passwords.js';
import { AuthStore } from '../server/auth/store.js';
import { createLogger } from '../server/logger.js';
import { rows, testDatabase } from './support/database.js';
import { viewDocument } from './support/view-document.js';

const db = testDatabase();
const store = new AuthStore(db);
const events = new AuditStore(db);
const PASSWORD = 'correct horse battery staple';
const PREFIX = `a${Date.now().toString(36)}`;
const ACCOUNTS: Record<AccountRole, string> = { viewer: `${PREFIX}-viewer`, editor: `${PREFIX}-editor`, admin: `${PREFIX}-admin` };
const app = createApp({ db, logger: createLogger('silent'), auth: { mode: 'local', cacheMs: 0 } });
const cookies = {} as Record<AccountRole, string>;

async function signIn(username: string, password = PASSWORD): Promise<string> {
  const res = await request(app).post('/api/auth/login').set('content-type', 'application/json').send({ username, password }).expect(200);
  return (res.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
}

/** A request as `who` (a cookie), JSON declared on writes as the client does. */
function as(cookie: string | null, method: 'get' | 'post' | 'put' | 'patch' | 'delete', url: string) {
  let req = request(app)[method](url);
  if (cookie) req = req.set('cookie', cookie);
  if (method !== 'get') req = req.set('content-type', 'application/json');
  return req;
}

/** The events about a target since `from`, oldest first, read through the API as an admin. */
async function trail(query: Record<string, string>): Promise<AuditEvent[]> {
  const res = await as(cookies.admin, 'get', '/api/audit')
    .query({ limit: 500, ...query })
    .expect(200);
  return [...(res.body.events as AuditEvent[])].reverse();
}

const about = (list: AuditEvent[], target: string) => list.filter((e) => e.targets.includes(target));
const parsed = (text: string | null) => (text === null ? null : (JSON.parse(text) as Record<string, unknown>));

let graph: Parameters<typeof viewDocument>[0];

beforeAll(async () => {
  const hash = await hashPassword(PASSWORD);
  for (const [role, name] of Object.entries(ACCOUNTS)) await store.createUser(name, role as AccountRole, hash);
  for (const role of Object.keys(ACCOUNTS) as AccountRole[]) cookies[role] = await signIn(ACCOUNTS[role]);
  const expanded = await as(cookies.viewer, 'post', '/api/expand')
    .send({ ids: ['state--russia'], limit: 5 })
    .expect(200);
  graph = { nodes: expanded.body.nodes, edges: expanded.body.edges };
});

afterAll(async () => {
  // The accounts go; their events stay (nothing removes them, tests included).
  await db.write((tx) => tx.run('MATCH (n) WHERE (n:User OR n:Session) AND n.username STARTS WITH $p DETACH DELETE n', { p: PREFIX }));
  await db.close();
});

describe('one event per write', () => {
  it('records creating, renaming, replacing, duplicating and deleting a snapshot, with who, when, the ids and before/after', async () => {
    const from = new Date().toISOString();
    const created = await as(cookies.editor, 'post', '/api/snapshots')
      .send({ document: viewDocument(graph, { title: 'Audit me' }) })
      .expect(201);
    const id = created.body.id as string;
    await as(cookies.editor, 'patch', `/api/snapshots/${id}`).send({ title: 'Audited' }).expect(200);
    await as(cookies.editor, 'put', `/api/snapshots/${id}`)
      .send({ document: viewDocument(graph, { title: 'Replaced' }) })
      .expect(200);
    const copy = await as(cookies.editor, 'post', `/api/snapshots/${id}/duplicate`).send({}).expect(201);
    await as(cookies.editor, 'delete', `/api/snapshots/${id}`).expect(204);
    // A refused write (unknown id) is no event.
    await as(cookies.editor, 'delete', `/api/snapshots/${id}`).expect(404);
    await as(cookies.editor, 'delete', `/api/snapshots/${copy.body.id}`).expect(204);

    const mine = about(await trail({ user: ACCOUNTS.editor, from }), id);
    expect(mine.map((e) => e.action)).toEqual([
      'snapshot.create',
      'snapshot.update',
      'snapshot.update',
      'snapshot.create',
      'snapshot.delete',
    ]);
    for (const e of mine) {
      expect(e).toMatchObject({ actor: ACCOUNTS.editor, actorRole: 'editor' });
      expect(e.ip).toMatch(/127\.0\.0\.1|::1/);
      expect(e.at >= from && e.at <= new Date().toISOString()).toBe(true);
    }
    expect(parsed(mine[0]!.after)).toMatchObject({ id, title: 'Audit me' });
    expect([parsed(mine[1]!.before)?.title, parsed(mine[1]!.after)?.title]).toEqual(['Audit me', 'Audited']);
    expect([parsed(mine[2]!.before)?.title, parsed(mine[2]!.after)?.title]).toEqual(['Audited', 'Replaced']);
    expect(mine[3]!.targets).toEqual([id, copy.body.id]);
    expect([parsed(mine[4]!.before)?.title, mine[4]!.after]).toEqual(['Replaced', null]);
  });

  it('records creating, changing and deleting a saved query', async () => {
    const from = new Date().toISOString();
    const input = { name: 'Audited query', description: '', cypher: 'MATCH (n:State) RETURN n.name AS name', parameters: [] };
    const created = await as(cookies.editor, 'post', '/api/queries').send(input).expect(201);
    const id = created.body.id as string;
    await as(cookies.editor, 'put', `/api/queries/${id}`)
      .send({ ...input, name: 'Audited query, renamed' })
      .expect(200);
    await as(cookies.editor, 'delete', `/api/queries/${id}`).expect(204);
    const mine = about(await trail({ user: ACCOUNTS.editor, from }), id);
    expect(mine.map((e) => [e.action, parsed(e.before)?.name ?? null, parsed(e.after)?.name ?? null])).toEqual([
      ['query.create', null, 'Audited query'],
      ['query.update', 'Audited query', 'Audited query, renamed'],
      ['query.delete', 'Audited query, renamed', null],
    ]);
  });

  it('records sign-in, sign-out, and failed sign-ins alike whether the account exists or not', async () => {
    const from = new Date().toISOString();
    const name = `${PREFIX}-signs`;
    const off = `${PREFIX}-off`;
    await store.createUser(name, 'viewer', await hashPassword(PASSWORD));
    await store.createUser(off, 'viewer', await hashPassword(PASSWORD));
    await store.updateUser(off, { disabled: true });
    const cookie = await signIn(name);
    await as(cookie, 'post', '/api/auth/logout').expect(204);
    const fail = (username: string, password: string) => as(null, 'post', '/api/auth/login').send({ username, password }).expect(401);
    await fail(name, 'not the password at all');
    await fail(`${PREFIX}-nobody`, PASSWORD);
    await fail(off, PASSWORD);
    // A name no account can have (a password typed in the wrong field?) is not kept.
    await fail('my secret pass phrase!', PASSWORD);

    const signs = (await trail({ from })).filter((e) => e.action.startsWith('login') || e.action === 'logout');
    const ofName = about(signs, name);
    expect(ofName.map((e) => [e.action, e.actor, e.actorRole])).toEqual([
      ['login.success', name, 'viewer'],
      ['logout', name, 'viewer'],
      ['login.failure', 'anonymous', null],
    ]);
    const failures = signs.filter((e) => e.action === 'login.failure');
    expect(failures.map((e) => e.targets)).toEqual([[name], [`${PREFIX}-nobody`], [off], []]);
    // The same shape whoever was named: only the target differs.
    const shapes = failures.map(({ id: _id, at: _at, targets: _t, ...rest }) => JSON.stringify(rest));
    expect(new Set(shapes).size).toBe(1);
    expect(JSON.stringify(signs)).not.toContain(PASSWORD);
    expect(JSON.stringify(signs)).not.toContain('not the password');
  });
});

describe('user management over the API (admin)', () => {
  it('creates, lists, changes the role of, disables, enables and resets the password of an account, each one event', async () => {
    const from = new Date().toISOString();
    const name = `${PREFIX}-managed`;
    const created = await as(cookies.admin, 'post', '/api/users').send({ username: name, role: 'viewer', password: PASSWORD }).expect(201);
    expect(created.body).toEqual({ username: name, role: 'viewer', disabled: false, createdAt: expect.any(String), sessions: 0 });
    await as(cookies.admin, 'post', '/api/users').send({ username: name, role: 'viewer', password: PASSWORD }).expect(409);
    const short = await as(cookies.admin, 'post', '/api/users')
      .send({ username: `${name}2`, role: 'viewer', password: 'short' })
      .expect(400);
    expect(short.body.error).toMatchObject({ field: 'password', message: expect.stringMatching(/at least 12 characters/) });
    const badName = await as(cookies.admin, 'post', '/api/users').send({ username: 'a b', role: 'viewer', password: PASSWORD }).expect(400);
    expect(badName.body.error.field).toBe('username');

    const listed = await as(cookies.admin, 'get', '/api/users').expect(200);
    expect(listed.body.users).toContainEqual(expect.objectContaining({ username: name, role: 'viewer', disabled: false }));
    expect(JSON.stringify(listed.body)).not.toMatch(/argon2|passwordHash/);

    let cookie = await signIn(name);
    const role = await as(cookies.admin, 'put', `/api/users/${name}/role`).send({ role: 'editor' }).expect(200);
    expect(role.body).toMatchObject({ role: 'editor', sessions: 1 });
    expect((await as(cookie, 'get', '/api/auth/me').expect(200)).body.role).toBe('editor');

    // Disabling ends the account's sessions at once.
    const disabled = await as(cookies.admin, 'post', `/api/users/${name}/disable`).expect(200);
    expect(disabled.body).toMatchObject({ disabled: true, sessions: 0 });
    await as(cookie, 'get', '/api/auth/me').expect(401);
    await as(cookies.admin, 'post', `/api/users/${name}/enable`).expect(200);
    cookie = await signIn(name);

    // So does a new password; the old one no longer signs in.
    await as(cookies.admin, 'post', `/api/users/${name}/password`).send({ password: 'short' }).expect(400);
    await as(cookies.admin, 'post', `/api/users/${name}/password`).send({ password: 'a brand new passphrase' }).expect(200);
    await as(cookie, 'get', '/api/auth/me').expect(401);
    await as(null, 'post', '/api/auth/login').send({ username: name, password: PASSWORD }).expect(401);
    await signIn(name, 'a brand new passphrase');

    await as(cookies.admin, 'post', `/api/users/${PREFIX}-missing/disable`).expect(404);
    // An admin cannot lock themselves out.
    const own = await as(cookies.admin, 'post', `/api/users/${ACCOUNTS.admin}/disable`).expect(400);
    expect(own.body.error).toMatchObject({ code: 'OWN_ACCOUNT', field: 'username' });
    await as(cookies.admin, 'put', `/api/users/${ACCOUNTS.admin}/role`).send({ role: 'viewer' }).expect(400);

    const changes = about(await trail({ user: ACCOUNTS.admin, from }), name);
    expect(changes.map((e) => [e.action, parsed(e.before), parsed(e.after)])).toEqual([
      ['user.create', null, { username: name, role: 'viewer', disabled: false }],
      ['user.role', { username: name, role: 'viewer', disabled: false }, { username: name, role: 'editor', disabled: false }],
      ['user.disable', { username: name, role: 'editor', disabled: false }, { username: name, role: 'editor', disabled: true }],
      ['user.enable', { username: name, role: 'editor', disabled: true }, { username: name, role: 'editor', disabled: false }],
      ['user.password-reset', { username: name, role: 'editor', disabled: false }, { username: name, role: 'editor', disabled: false }],
    ]);
    const text = JSON.stringify(await trail({ from }));
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('a brand new passphrase');
    expect(text).not.toMatch(/argon2/);
  });

  it('is for admins only: viewers and editors get 403, anonymous 401', async () => {
    const admin: Array<[Endpoint, string]> = Object.values(ENDPOINTS)
      .filter((e) => e.area === 'admin')
      .map((e) => [e, endpointPath(e, e.path.includes(':username') ? { username: ACCOUNTS.viewer } : {})]);
    expect(admin.length).toBe(8);
    for (const [e, url] of admin) {
      expect(e.role, e.path).toBe('admin');
      for (const who of ['viewer', 'editor'] as const) {
        const res = await as(cookies[who], e.method, url).send(e.method === 'get' ? undefined : {});
        expect([res.status, res.body.error?.code], `${who} ${e.method} ${url}`).toEqual([403, 'ROLE_REQUIRED']);
      }
      expect((await as(null, e.method, url)).status).toBe(401);
    }
  });
});

describe('GET /api/audit and /api/audit.csv', () => {
  it('filters by user, action and time, newest first, a page at a time', async () => {
    const from = new Date().toISOString();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await as(cookies.editor, 'post', '/api/snapshots')
        .send({ document: viewDocument(graph, { title: `Paged ${i}` }) })
        .expect(201);
      ids.push(res.body.id as string);
    }
    const mid = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    for (const id of ids) await as(cookies.editor, 'delete', `/api/snapshots/${id}`).expect(204);
    const to = new Date().toISOString();

    const all = await as(cookies.admin, 'get', '/api/audit').query({ user: ACCOUNTS.editor, from, to, limit: 500 }).expect(200);
    expect(all.body.nextCursor).toBeNull();
    const list = all.body.events as AuditEvent[];
    expect(list).toHaveLength(10);
    expect(list.map((e) => e.at)).toEqual(
      list
        .map((e) => e.at)
        .sort()
        .reverse(),
    );
    expect(list.slice(0, 5).every((e) => e.action === 'snapshot.delete')).toBe(true);

    const creates = await as(cookies.admin, 'get', '/api/audit')
      .query({ user: ACCOUNTS.editor, action: 'snapshot.create', from })
      .expect(200);
    expect((creates.body.events as AuditEvent[]).map((e) => e.targets[0])).toEqual([...ids].reverse());
    const before = await as(cookies.admin, 'get', '/api/audit').query({ user: ACCOUNTS.editor, from, to: mid }).expect(200);
    expect((before.body.events as AuditEvent[]).every((e) => e.action === 'snapshot.create')).toBe(true);
    expect(before.body.events).toHaveLength(5);
    const nobody = await as(cookies.admin, 'get', '/api/audit')
      .query({ user: `${PREFIX}-nobody-at-all` })
      .expect(200);
    expect(nobody.body).toEqual({ events: [], nextCursor: null });

    // Pages of 3: every event once, in the same order.
    const paged: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const page = await as(cookies.admin, 'get', '/api/audit')
        .query({ user: ACCOUNTS.editor, from, to, limit: 3, ...(cursor ? { cursor } : {}) })
        .expect(200);
      expect(page.body.events.length).toBeLessThanOrEqual(3);
      paged.push(...(page.body.events as AuditEvent[]));
      cursor = page.body.nextCursor as string | null;
    } while (cursor !== null);
    expect(paged.map((e) => e.id)).toEqual(list.map((e) => e.id));
  });

  it('answers 400 naming the field for a bad filter', async () => {
    for (const [query, field] of [
      [{ action: 'snapshot.explode' }, 'action'],
      [{ from: 'yesterday' }, 'from'],
      [{ to: '2025-13-45' }, 'to'],
      [{ limit: '0' }, 'limit'],
      [{ limit: '501' }, 'limit'],
      [{ cursor: 'bm90IGEgY3Vyc29y' }, 'cursor'],
      [{ cursor: 'a b' }, 'cursor'],
      [{ actor: 'x' }, 'actor'],
    ] as const) {
      const res = await as(cookies.admin, 'get', '/api/audit').query(query).expect(400);
      expect(res.body.error.field, JSON.stringify(query)).toBe(field);
      expect(res.body.error.message).toMatch(new RegExp(`^${field}: `));
    }
    expect((await as(cookies.admin, 'get', '/api/audit.csv').query({ from: 'soon' }).expect(400)).body.error.field).toBe('from');
  });

  it('exports the same events as CSV, with the same filters', async () => {
    const query = { user: ACCOUNTS.admin };
    const json = await as(cookies.admin, 'get', '/api/audit')
      .query({ ...query, limit: 500 })
      .expect(200);
    const csv = await as(cookies.admin, 'get', '/api/audit.csv')
      .query(query)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => done(null, text));
      });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="audit.csv"');
    const table = Papa.parse<Record<string, string>>(csv.body as string, { header: true, skipEmptyLines: true });
    expect(table.meta.fields).toEqual(['at', 'actor', 'actorRole', 'ip', 'action', 'targets', 'before', 'after', 'id']);
    const expected = json.body.events as AuditEvent[];
    expect(expected.length).toBeGreaterThan(3);
    expect(table.data.map((r) => r.id)).toEqual(expected.map((e) => e.id));
    expect(table.data.map((r) => [r.action, r.targets, r.after])).toEqual(
      expected.map((e) => [e.action, e.targets.join(' '), e.after ?? '']),
    );
    const few = await as(cookies.admin, 'get', '/api/audit.csv')
      .query({ ...query, limit: 2 })
      .buffer(true);
    expect(Papa.parse(String(few.text), { header: true, skipEmptyLines: true }).data).toHaveLength(2);
  });
});

describe('append-only from the application', () => {
  it('no endpoint of the contract lowers the number of events, whatever it is called with', async () => {
    // Real targets for every path parameter, so that each write really runs.
    const snap = await as(cookies.admin, 'post', '/api/snapshots')
      .send({ document: viewDocument(graph) })
      .expect(201);
    const query = await as(cookies.admin, 'post', '/api/queries')
      .send({ name: 'Delete me', description: '', cypher: 'MATCH (n:State) RETURN n', parameters: [] })
      .expect(201);
    const victim = `${PREFIX}-victim`;
    await store.createUser(victim, 'viewer', await hashPassword(PASSWORD));
    const [newest] = (await trail({})).slice(-1);
    const shared = await as(cookies.admin, 'post', `/api/snapshots/${snap.body.id as string}/share`)
      .send({})
      .expect(201);
    // The share is an event naming the snapshot and the link, never the token.
    const [shareEvent] = (await trail({ action: 'share.create' })).slice(-1);
    expect(shareEvent?.targets).toEqual(expect.arrayContaining([snap.body.id as string, shared.body.id as string]));
    expect(JSON.stringify(shareEvent)).not.toContain(shared.body.token as string);
    const params: Record<string, string> = {
      id: '',
      format: 'json',
      importId: '00000000-0000-4000-8000-000000000000',
      username: victim,
      // A live link, so the revoke really deletes one.
      shareId: shared.body.id as string,
    };
    const bodies: Partial<Record<string, unknown>> = {
      replaceSnapshot: { document: viewDocument(graph, { title: 'Again' }) },
      patchSnapshot: { title: 'Renamed' },
      updateQuery: { name: 'Delete me too', description: '', cypher: 'MATCH (n:State) RETURN n', parameters: [] },
      setUserRole: { role: 'editor' },
      resetPassword: { password: 'another long passphrase' },
    };
    const writes = Object.entries(ENDPOINTS).filter(([name, e]) => e.method !== 'get' && name !== 'login' && name !== 'logout');
    // Deletes last, so the updates find their targets.
    writes.sort(([, a], [, b]) => Number(a.method === 'delete') - Number(b.method === 'delete'));
    let count = await events.count();
    for (const [name, e] of writes) {
      params.id = e.path.includes('/queries/') ? (query.body.id as string) : (snap.body.id as string);
      const url = endpointPath(e, Object.fromEntries(Object.entries(params).filter(([k]) => e.path.includes(`:${k}`))));
      const res = await as(cookies.admin, e.method, url).send(bodies[name] ?? {});
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
      const now = await events.count();
      expect(now, name).toBeGreaterThanOrEqual(count);
      count = now;
    }
    // The audit filters are parameters, never Cypher: a hostile one changes nothing.
    await as(cookies.admin, 'get', '/api/audit').query({ user: "x' OR 1=1 DETACH DELETE e //" }).expect(200);
    expect(await events.count()).toBeGreaterThanOrEqual(count);
    // The oldest event seen before is still there, as it was.
    const still = await rows(db, 'MATCH (e:AuditEvent {eventId: $id}) RETURN e.action AS action', { id: newest!.id });
    expect(still).toEqual([{ action: newest!.action }]);
  });

  it('has no statement that changes or removes an event, and the console can neither read nor write them', async () => {
    const dir = path.join(import.meta.dirname, '..', 'cypher');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.cypher'));
    const touching = files.filter((f) => /AuditEvent/.test(readFileSync(path.join(dir, f), 'utf8').replace(/^\s*\/\/.*$/gm, '')));
    expect(touching.sort()).toEqual(['audit/append.cypher', 'audit/count.cypher', 'audit/list.cypher', 'schema.cypher']);
    for (const f of touching.filter((t) => t !== 'audit/append.cypher')) {
      expect(readFileSync(path.join(dir, f), 'utf8').replace(/^\s*\/\/.*$/gm, ''), f).not.toMatch(/\b(DELETE|SET|REMOVE|MERGE)\b/i);
    }
    for (const query of [
      'MATCH (e:AuditEvent) RETURN e',
      'MATCH (e:AuditEvent) DETACH DELETE e',
      'MATCH (n) WHERE n:AuditEvent RETURN n.actor',
    ]) {
      const res = await as(cookies.viewer, 'post', '/api/cypher').send({ query }).expect(400);
      expect(res.body.error.reason, query).toMatch(/PRIVATE_DATA|NOT_READ_ONLY/);
    }
    const open = createApp({ db, logger: createLogger('silent') });
    const res = await request(open)
      .post('/api/cypher')
      .set('content-type', 'application/json')
      .send({ query: 'MATCH (e:AuditEvent) RETURN e' });
    expect(res.body.error.reason).toBe('PRIVATE_DATA');
  });
});

describe('AUTH=none', () => {
  it('records the local user as the actor', async () => {
    const open = createApp({ db, logger: createLogger('silent') });
    const from = new Date().toISOString();
    const created = await request(open)
      .post('/api/snapshots')
      .set('content-type', 'application/json')
      .send({ document: viewDocument(graph, { title: 'Local' }) })
      .expect(201);
    await request(open).delete(`/api/snapshots/${created.body.id}`).set('content-type', 'application/json').expect(204);
    const page = await request(open).get('/api/audit').query({ user: 'local', from }).expect(200);
    expect(about(page.body.events as AuditEvent[], created.body.id).map((e) => [e.action, e.actor, e.actorRole])).toEqual([
      ['snapshot.delete', 'local', 'admin'],
      ['snapshot.create', 'local', 'admin'],
    ]);
  });
});
