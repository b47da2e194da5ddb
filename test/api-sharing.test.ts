// Ownership, visibility and guest share links (issue 15) with AUTH=local, against the test run's
// Neo4j: two editors, a viewer and an admin. Lists show what each may see, only owners and admins
// change items, share links open one snapshot to a guest (its document, exports and the details of
// its nodes only), expire and are revoked, and their tokens are stored only as hashes.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRole } from '@model/auth.js';
import { ENDPOINTS, endpointPath } from '@model/contract.js';
import { SHARE_TOKEN_HEADER, type CreatedShareLink, type Visibility } from '@model/sharing.js';
import { viewDocumentSchema, type Snapshot, type ViewDocument } from '@model/snapshot.js';
import { createApp } from '../server/app.js';
import { hashPassword } from '../server/auth/passwords.js';
import { AuthStore } from '../server/auth/store.js';
import { tokenHash } from '../server/auth/tokens.js';
import { createLogger } from '../server/logger.js';
import { expectBadField } from './support/api.js';
import { rows, testDatabase } from './support/database.js';
import { viewDocument } from './support/view-document.js';

const db = testDatabase();
const PASSWORD = 'correct horse battery staple';
const PREFIX = `s${Date.now().toString(36)}`;
const USERS = {
  alice: { name: `${PREFIX}-alice`, role: 'editor' },
  bob: { name: `${PREFIX}-bob`, role: 'editor' },
  vera: { name: `${PREFIX}-vera`, role: 'viewer' },
  ada: { name: `${PREFIX}-ada`, role: 'admin' },
} as const satisfies Record<string, { name: string; role: AccountRole }>;
type Who = keyof typeof USERS;

const app = createApp({ db, logger: createLogger('silent'), auth: { mode: 'local', cacheMs: 0 } });
const cookies = {} as Record<Who, string>;
let doc: ViewDocument;
const created: string[] = [];
const createdQueries: string[] = [];

function as(who: Who | null) {
  const withCookie = (t: request.Test) => (who ? t.set('cookie', cookies[who]) : t);
  return {
    get: (url: string) => withCookie(request(app).get(url)),
    post: (url: string) => withCookie(request(app).post(url).set('content-type', 'application/json')),
    put: (url: string) => withCookie(request(app).put(url).set('content-type', 'application/json')),
    patch: (url: string) => withCookie(request(app).patch(url).set('content-type', 'application/json')),
    delete: (url: string) => withCookie(request(app).delete(url).set('content-type', 'application/json')),
  };
}

async function save(who: Who, title: string, visibility?: Visibility): Promise<Snapshot> {
  const body = { document: { ...doc, title }, ...(visibility ? { visibility } : {}) };
  const res = await as(who).post('/api/snapshots').send(body).expect(201);
  created.push(res.body.id);
  return res.body;
}

async function share(who: Who, id: string, body: object = {}): Promise<CreatedShareLink> {
  return (await as(who).post(`/api/snapshots/${id}/share`).send(body).expect(201)).body;
}

const guest = (url: string, token: string) => request(app).get(url).set(SHARE_TOKEN_HEADER, token);

beforeAll(async () => {
  const store = new AuthStore(db);
  const hash = await hashPassword(PASSWORD);
  for (const [who, { name, role }] of Object.entries(USERS)) {
    await store.createUser(name, role, hash);
    const res = await request(app)
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send({ username: name, password: PASSWORD })
      .expect(200);
    cookies[who as Who] = (res.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
  }
  const expanded = await as('vera')
    .post('/api/expand')
    .send({ ids: ['state--russia'], relTypes: ['DIRECTS'], direction: 'out', limit: 3 })
    .expect(200);
  const ids = ['state--russia', ...expanded.body.nodes.map((n: { id: string }) => n.id)];
  const graph = (await as('vera').post('/api/subgraph').send({ ids }).expect(200)).body;
  doc = viewDocumentSchema.parse(viewDocument(graph));
});

afterAll(async () => {
  await db.write(async (tx) => {
    await tx.run('MATCH (l:ShareLink) WHERE l.snapshotId IN $ids DETACH DELETE l', { ids: created });
    await tx.run('MATCH (s:Snapshot) WHERE s.id IN $ids DETACH DELETE s', { ids: created });
    await tx.run('MATCH (q:SavedQuery) WHERE q.id IN $ids DETACH DELETE q', { ids: createdQueries });
    await tx.run('MATCH (n) WHERE (n:User OR n:Session) AND n.username STARTS WITH $p DETACH DELETE n', { p: PREFIX });
  });
  await db.close();
});

describe('snapshot ownership and visibility', () => {
  it('records the owner, private unless told, and lists to each only what they may see', async () => {
    const priv = await save('alice', `${PREFIX} private`);
    const team = await save('alice', `${PREFIX} team`, 'team');
    const link = await save('alice', `${PREFIX} link`, 'link');
    const bobs = await save('bob', `${PREFIX} bob's own`);
    expect(priv).toMatchObject({ owner: USERS.alice.name, visibility: 'private' });
    expect(team.visibility).toBe('team');

    const listed = async (who: Who) =>
      ((await as(who).get('/api/snapshots').expect(200)).body.snapshots as Snapshot[])
        .filter((s) => s.title.startsWith(PREFIX))
        .map((s) => s.title)
        .sort();
    expect(await listed('alice')).toEqual([`${PREFIX} link`, `${PREFIX} private`, `${PREFIX} team`]);
    expect(await listed('bob')).toEqual([`${PREFIX} bob's own`, `${PREFIX} team`]);
    expect(await listed('vera')).toEqual([`${PREFIX} team`]);
    expect(await listed('ada')).toEqual([`${PREFIX} bob's own`, `${PREFIX} link`, `${PREFIX} private`, `${PREFIX} team`]);

    // Opening by id: a private one is 404 to others (as an unknown id), a link one opens.
    const unknown = await as('bob').get('/api/snapshots/AAAAAAAAAAAAAAAA').expect(404);
    const hidden = await as('bob').get(`/api/snapshots/${priv.id}`).expect(404);
    expect(hidden.body.error.code).toBe(unknown.body.error.code);
    await as('vera').get(`/api/snapshots/${priv.id}/export/json`).expect(404);
    await as('vera').get(`/api/snapshots/${priv.id}/changes`).expect(404);
    await as('vera').get(`/api/snapshots/${link.id}`).expect(200);
    await as('vera').get(`/api/snapshots/${team.id}`).expect(200);
    await as('ada').get(`/api/snapshots/${priv.id}`).expect(200);
    await as('bob').get(`/api/snapshots/${bobs.id}`).expect(200);
  });

  it('lets only the owner or an admin rename, replace, delete or change visibility: 403 to others who see it, 404 to others who do not', async () => {
    const team = await save('alice', `${PREFIX} guarded`, 'team');
    const priv = await save('alice', `${PREFIX} guarded private`);
    await as('bob').patch(`/api/snapshots/${team.id}`).send({ title: 'taken' }).expect(403);
    await as('bob').patch(`/api/snapshots/${team.id}`).send({ visibility: 'private' }).expect(403);
    await as('bob').put(`/api/snapshots/${team.id}`).send({ document: doc }).expect(403);
    await as('bob').delete(`/api/snapshots/${team.id}`).expect(403);
    await as('bob').patch(`/api/snapshots/${priv.id}`).send({ title: 'taken' }).expect(404);
    await as('bob').delete(`/api/snapshots/${priv.id}`).expect(404);
    await as('vera').delete(`/api/snapshots/${team.id}`).expect(403); // a viewer: the role itself is refused
    expect((await as('alice').get(`/api/snapshots/${team.id}`).expect(200)).body.title).toBe(`${PREFIX} guarded`);

    const changed = await as('alice').patch(`/api/snapshots/${team.id}`).send({ visibility: 'private' }).expect(200);
    expect(changed.body).toMatchObject({ visibility: 'private', title: `${PREFIX} guarded` });
    await as('bob').get(`/api/snapshots/${team.id}`).expect(404);
    await as('ada')
      .patch(`/api/snapshots/${team.id}`)
      .send({ title: `${PREFIX} renamed by admin` })
      .expect(200);
    await as('ada').delete(`/api/snapshots/${priv.id}`).expect(204);
    await as('alice').get(`/api/snapshots/${priv.id}`).expect(404);

    // A copy belongs to whoever copies it.
    const shared = await save('alice', `${PREFIX} to copy`, 'team');
    const copy = await as('bob').post(`/api/snapshots/${shared.id}/duplicate`).send({}).expect(201);
    created.push(copy.body.id);
    expect(copy.body).toMatchObject({ owner: USERS.bob.name, visibility: 'team' });
    await as('bob').delete(`/api/snapshots/${copy.body.id}`).expect(204);
  });

  it('keeps snapshots saved before ownership existed team-visible, changed by admins only', async () => {
    const id = `legacy${PREFIX}`.slice(0, 30);
    created.push(id);
    await db.write((tx) =>
      tx.run(
        'CREATE (s:Snapshot {id: $id, title: $title, caption: "", createdAt: $now, updatedAt: $now, nodeCount: 1, edgeCount: 0, document: $doc})',
        {
          id,
          title: `${PREFIX} legacy`,
          now: new Date().toISOString(),
          doc: JSON.stringify({ ...doc, title: `${PREFIX} legacy` }),
        },
      ),
    );
    const list = (await as('vera').get('/api/snapshots').expect(200)).body.snapshots as Snapshot[];
    expect(list.find((s) => s.id === id)).toMatchObject({ owner: null, visibility: 'team' });
    await as('bob').get(`/api/snapshots/${id}`).expect(200);
    await as('bob').patch(`/api/snapshots/${id}`).send({ title: 'mine now' }).expect(403);
    await as('ada').patch(`/api/snapshots/${id}`).send({ caption: 'kept by the admin' }).expect(200);
  });
});

describe('saved query ownership and visibility', () => {
  const input = (name: string, visibility?: Visibility) => ({
    name,
    cypher: 'MATCH (n:State) RETURN n.name AS name LIMIT 1',
    ...(visibility ? { visibility } : {}),
  });
  async function saveQuery(who: Who, name: string, visibility?: Visibility) {
    const res = await as(who).post('/api/queries').send(input(name, visibility)).expect(201);
    createdQueries.push(res.body.id);
    return res.body as { id: string; owner: string; visibility: Visibility };
  }

  it('lists, opens, runs and changes saved queries by owner and visibility', async () => {
    const priv = await saveQuery('alice', `${PREFIX} q private`);
    const team = await saveQuery('alice', `${PREFIX} q team`, 'team');
    expect(priv).toMatchObject({ owner: USERS.alice.name, visibility: 'private' });
    const names = async (who: Who) =>
      ((await as(who).get('/api/queries').expect(200)).body.queries as Array<{ name: string }>)
        .map((q) => q.name)
        .filter((n) => n.startsWith(PREFIX))
        .sort();
    expect(await names('alice')).toEqual([`${PREFIX} q private`, `${PREFIX} q team`]);
    expect(await names('vera')).toEqual([`${PREFIX} q team`]);
    expect(await names('ada')).toEqual([`${PREFIX} q private`, `${PREFIX} q team`]);
    await as('vera').get(`/api/queries/${priv.id}`).expect(404);
    await as('vera').post(`/api/queries/${priv.id}/run`).send({}).expect(404);
    await as('vera').post(`/api/queries/${team.id}/run`).send({}).expect(200);
    await as('bob').put(`/api/queries/${team.id}`).send(input('taken')).expect(403);
    await as('bob').delete(`/api/queries/${team.id}`).expect(403);
    await as('bob').delete(`/api/queries/${priv.id}`).expect(404);
    const changed = await as('alice')
      .put(`/api/queries/${team.id}`)
      .send(input(`${PREFIX} q team v2`))
      .expect(200);
    expect(changed.body).toMatchObject({ visibility: 'team', owner: USERS.alice.name });
    await as('ada').delete(`/api/queries/${priv.id}`).expect(204);
  });
});

describe('share links', () => {
  it('creates a link of 256 random bits whose token is stored only as its SHA-256', async () => {
    const snap = await save('alice', `${PREFIX} shared`);
    const link = await share('alice', snap.id);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/share#${link.token}$`));
    expect(link).toMatchObject({ snapshotId: snap.id, createdBy: USERS.alice.name, expiresAt: null });
    const stored = await rows(db, 'MATCH (l:ShareLink {id: $id}) RETURN properties(l) AS p', { id: link.id });
    expect(stored).toHaveLength(1);
    expect((stored[0]!.p as { tokenHash: string }).tokenHash).toBe(tokenHash(link.token));
    // The raw token is in no property of any node or relationship (the whole database, read back).
    const everything = [
      ...(await rows(db, 'MATCH (n) RETURN properties(n) AS p')),
      ...(await rows(db, 'MATCH ()-[r]->() RETURN properties(r) AS p')),
    ];
    expect(everything.length).toBeGreaterThan(1000);
    expect(everything.filter((r) => JSON.stringify(r.p).includes(link.token))).toEqual([]);
    expect(everything.filter((r) => JSON.stringify(r.p).includes(tokenHash(link.token)))).toHaveLength(1);
  });

  it('lets only the owner or an admin create, list and revoke links', async () => {
    const snap = await save('alice', `${PREFIX} links`, 'team');
    const link = await share('alice', snap.id);
    await as('bob').post(`/api/snapshots/${snap.id}/share`).send({}).expect(403);
    await as('bob').get(`/api/snapshots/${snap.id}/share`).expect(403);
    await as('bob').delete(`/api/snapshots/${snap.id}/share/${link.id}`).expect(403);
    await as('vera').post(`/api/snapshots/${snap.id}/share`).send({}).expect(403);
    const priv = await save('alice', `${PREFIX} links private`);
    await as('bob').post(`/api/snapshots/${priv.id}/share`).send({}).expect(404);
    const byAdmin = await share('ada', snap.id);
    const listed = (await as('alice').get(`/api/snapshots/${snap.id}/share`).expect(200)).body.links as Array<{ id: string }>;
    expect(listed.map((l) => l.id).sort()).toEqual([link.id, byAdmin.id].sort());
    expect(JSON.stringify(listed)).not.toContain(link.token);
    await as('alice').delete(`/api/snapshots/${snap.id}/share/${byAdmin.id}`).expect(204);
    await as('alice').delete(`/api/snapshots/${snap.id}/share/${byAdmin.id}`).expect(404);
    const after = (await as('ada').get(`/api/snapshots/${snap.id}/share`).expect(200)).body.links as Array<{ id: string }>;
    expect(after.map((l) => l.id)).toEqual([link.id]);
  });

  it('refuses an expiry that is not in the future, naming expiresAt', async () => {
    const snap = await save('alice', `${PREFIX} expiry`);
    const past = await as('alice')
      .post(`/api/snapshots/${snap.id}/share`)
      .send({ expiresAt: new Date(Date.now() - 60_000).toISOString() })
      .expect(400);
    expectBadField(past.body, 'expiresAt');
    const malformed = await as('alice').post(`/api/snapshots/${snap.id}/share`).send({ expiresAt: 'tomorrow' }).expect(400);
    expectBadField(malformed.body, 'expiresAt');
    const future = new Date(Date.now() + 3_600_000);
    const link = await share('alice', snap.id, { expiresAt: future.toISOString().replace('Z', '+00:00') });
    expect(link.expiresAt).toBe(future.toISOString());
  });

  it("gives a guest the shared snapshot, its exports and its nodes' details, and nothing else", async () => {
    const snap = await save('alice', `${PREFIX} for guests`);
    const other = await save('alice', `${PREFIX} not shared`, 'team');
    const { token } = await share('alice', snap.id);

    const opened = await guest('/api/guest/snapshot', token).expect(200);
    expect(opened.body).toMatchObject({ id: snap.id, title: `${PREFIX} for guests` });
    expect(opened.body.document.elements.nodes.map((n: { data: { id: string } }) => n.data.id)).toEqual(
      doc.elements.nodes.map((n) => n.data.id),
    );
    const exported = await guest(`/api/guest/snapshots/${snap.id}/export/json`, token).expect(200);
    expect(exported.headers['content-disposition']).toMatch(/attachment; filename=".*for-guests\.json"/);
    const node = await guest(`/api/guest/snapshots/${snap.id}/nodes/state--russia`, token).expect(200);
    expect(node.body.node.id).toBe('state--russia');
    // A node the snapshot does not show (China is in the seed data) is refused.
    await as('vera').get('/api/nodes/state--china').expect(200);
    await guest(`/api/guest/snapshots/${snap.id}/nodes/state--china`, token).expect(404);

    // Another snapshot's id: 404, whatever its visibility.
    await guest(`/api/guest/snapshots/${other.id}/export/json`, token).expect(404);
    await guest(`/api/guest/snapshots/${other.id}/nodes/state--russia`, token).expect(404);

    // Every other API: 401, the token notwithstanding.
    for (const [name, e] of Object.entries(ENDPOINTS)) {
      if (e.role === 'anonymous') continue;
      const url = endpointPath(
        e,
        Object.fromEntries(
          Object.entries({
            id: snap.id,
            format: 'json',
            shareId: 'AAAAAAAAAAAA',
            importId: '00000000-0000-4000-8000-000000000000',
            username: 'nobody',
          }).filter(([k]) => e.path.includes(`:${k}`)),
        ),
      );
      let req = request(app)[e.method](url).set(SHARE_TOKEN_HEADER, token);
      if (e.method !== 'get') req = req.set('content-type', 'application/json').send({});
      const res = await req;
      expect([res.status, res.body.error?.code], name).toEqual([401, 'UNAUTHENTICATED']);
    }
  });

  it('refuses revoked, expired, unknown and missing tokens with 401', async () => {
    const snap = await save('alice', `${PREFIX} revoke me`);
    const link = await share('alice', snap.id);
    await guest('/api/guest/snapshot', link.token).expect(200);
    await as('alice').delete(`/api/snapshots/${snap.id}/share/${link.id}`).expect(204);
    const revoked = await guest('/api/guest/snapshot', link.token).expect(401);
    expect(revoked.body.error.code).toBe('SHARE_LINK_INVALID');
    await guest(`/api/guest/snapshots/${snap.id}/export/json`, link.token).expect(401);

    const soon = await share('alice', snap.id, { expiresAt: new Date(Date.now() + 1_500).toISOString() });
    await guest(`/api/guest/snapshots/${snap.id}/nodes/state--russia`, soon.token).expect(200);
    await new Promise((r) => setTimeout(r, 1_700));
    await guest('/api/guest/snapshot', soon.token).expect(401);
    await guest(`/api/guest/snapshots/${snap.id}/nodes/state--russia`, soon.token).expect(401);
    expect((await as('alice').get(`/api/snapshots/${snap.id}/share`).expect(200)).body.links).toEqual([]);

    await guest('/api/guest/snapshot', 'A'.repeat(43)).expect(401);
    await request(app).get('/api/guest/snapshot').expect(401);

    // Deleting the snapshot ends its links with it.
    const last = await share('alice', snap.id);
    await as('alice').delete(`/api/snapshots/${snap.id}`).expect(204);
    await guest('/api/guest/snapshot', last.token).expect(401);
    expect(await rows(db, 'MATCH (l:ShareLink {snapshotId: $id}) RETURN l', { id: snap.id })).toHaveLength(0);
  });
});
