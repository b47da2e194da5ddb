// A fuzz run of malformed and hostile requests over every route (model/contract.ts), plus
// unknown and static paths, against the real app over HTTP and the real seeded Neo4j.
//
// Every request is generated from FUZZ_SEED and its own number alone, so one request can be
// replayed without the others: FUZZ_SEED=<seed> FUZZ_ONLY=<n>[,<n>...] npx vitest run test/fuzz.test.ts
// (FUZZ_COUNT changes how many are sent). The seed is printed, and so is every failing request.
//
// Checked: no answer with status >= 500, and every request answered; no stack trace or driver
// error in any body; every error is JSON { error: { code, message } } (counted apart: Express's own
// 404 page for paths outside /api, as there is no client build here, and requests whose head is
// over Node's 16 KB limit, refused before the app sees them); no write route ever succeeds (their
// bodies are always invalid, checked here against the same zod schemas before sending); the server
// process never dies (it runs in a child process, test/support/fuzz-server.ts: a crash is reported
// with the request that causes it); it still answers afterwards; and the database is unchanged, to
// the last property, index and constraint, but for the audit trail: with AUTH=none a sign-in and a
// sign-out succeed whatever they are sent (they change nothing) and each appends an :AuditEvent, so
// the events appended are checked apart: those two actions only, by the local admin.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Graph } from '@model/api.js';
import type { CreatedShareLink } from '@model/sharing.js';
import { EXPORT_FORMATS, viewDocumentSchema } from '@model/snapshot.js';
import { builtInQueries } from '../server/queries/builtins.js';
import { rows, testDatabase } from './support/database.js';
import { fingerprint, type Fingerprint } from './support/fingerprint.js';
import { build, WRITE_FAMILIES, type Ctx, type FuzzRequest } from './support/fuzz-requests.js';
import { send, type Answer } from './support/http-request.js';
import { viewDocument } from './support/view-document.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_240_611);
const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);
const ONLY = process.env.FUZZ_ONLY ? process.env.FUZZ_ONLY.split(',').map(Number) : null;
/** FUZZ_PRINT=1: every request to stderr before it is sent (survives a crash of the process). */
const PRINT = process.env.FUZZ_PRINT === '1';
/** FUZZ_DUMP=<folder>: every request's body written there whole (req-<n>.body), to replay one outside the test. */
const DUMP = process.env.FUZZ_DUMP;
/** Requests started and answered, written as they happen: if the process dies, the ones in flight. */
const JOURNAL = path.join(os.tmpdir(), `fuzz-journal-${SEED}.txt`);
const IN_FLIGHT = 8;
/** The server's temporary folder (TMPDIR): STIX uploads it accepts wait there, and go with it at the end. */
const SERVER_TMP = mkdtempSync(path.join(os.tmpdir(), 'fuzz-server-'));

// ---------------------------------------------------------------------------------------------
// Checking answers

const STACK_TRACE = [/\bat .*\.(ts|js):\d+/, /Neo4jError/, /node:internal/, /\n\s+at /];

interface Outcome {
  req: FuzzRequest;
  answer?: Answer;
  error?: string;
  ms: number;
}

interface Tally {
  byStatus: Map<number | string, number>;
  byFamily: Map<string, Map<number | string, number>>;
  exempt: Map<string, { count: number; example: FuzzRequest }>;
  problems: Array<{ key: string; problem: string; outcome: Outcome }>;
  slowest: Outcome[];
}

function exempt(t: Tally, what: string, req: FuzzRequest): void {
  const e = t.exempt.get(what) ?? { count: 0, example: req };
  e.count++;
  t.exempt.set(what, e);
}

function isApiPath(path: string): boolean {
  return /^\/api(\/|\?|$)/i.test(path);
}

function check(o: Outcome, t: Tally): void {
  const { req, answer } = o;
  const add = (problem: string): void =>
    void t.problems.push({ key: `${req.family} | ${answer?.status ?? 'no answer'} | ${problem}`, problem, outcome: o });
  const status = answer?.status ?? 'no answer';
  t.byStatus.set(status, (t.byStatus.get(status) ?? 0) + 1);
  const fam = t.byFamily.get(req.family) ?? new Map<number | string, number>();
  fam.set(status, (fam.get(status) ?? 0) + 1);
  t.byFamily.set(req.family, fam);
  t.slowest.push(o);
  t.slowest.sort((a, b) => b.ms - a.ms).splice(5);
  const headBytes = req.path.length + Object.entries(req.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0);
  if (headBytes > 16_000 && (!answer || answer.status === 431)) {
    // Past Node's 16 KB limit on the request head: refused before the app sees it, sometimes
    // while the request is still being written (the connection is reset, no answer is read).
    exempt(t, 'request head over 16 KB: 431 or connection reset by Node', req);
    return;
  }
  if (!answer) return add(`no answer: ${o.error}`);

  const type = String(answer.headers['content-type'] ?? '');
  const binary = /^(image\/png|application\/zip)/.test(type);
  const text = binary ? '' : answer.body.toString('utf8');
  if (answer.status >= 500) add(`status ${answer.status}`);
  for (const pattern of STACK_TRACE) if (pattern.test(text)) add(`body matches ${pattern}`);
  if (WRITE_FAMILIES.has(req.family) && answer.status < 300) add('a write route accepted the request');
  if (req.mustFail && answer.status < 300) add(`a console query that would write or administer was run: ${req.mustFail}`);

  if (answer.status >= 400) {
    if (req.method === 'HEAD') return;
    if (!isApiPath(req.path) && answer.status === 404 && type.startsWith('text/html') && /<pre>Cannot [A-Z-]+ [^<]*<\/pre>/.test(text)) {
      exempt(t, "404 outside /api: Express's default HTML page", req);
      if (/<script>|<img /i.test(text)) add('unescaped markup in the 404 page');
      return;
    }
    let body: { error?: { code?: unknown; message?: unknown; field?: unknown } } | undefined;
    try {
      body = type.startsWith('application/json') ? (JSON.parse(text) as typeof body) : undefined;
    } catch {
      body = undefined;
    }
    if (
      !body?.error ||
      typeof body.error.code !== 'string' ||
      !/^[A-Z][A-Z_]+$/.test(body.error.code) ||
      typeof body.error.message !== 'string'
    ) {
      add(`error body is not JSON {error:{code,message}} (${type || 'no content-type'})`);
    } else if (body.error.field !== undefined && typeof body.error.field !== 'string') {
      add('error.field is not a string');
    }
  } else if (type.startsWith('application/json') && req.method !== 'HEAD') {
    try {
      JSON.parse(text);
    } catch {
      add('a 2xx JSON body that does not parse');
    }
  }
}

function preview(s: string | undefined, max = 400): string {
  if (s === undefined) return '(none)';
  return s.length <= max
    ? JSON.stringify(s)
    : `${JSON.stringify(s.slice(0, max))}… (${s.length} characters, sha1 ${createHash('sha1').update(s).digest('hex').slice(0, 12)})`;
}

function describeRequest(req: FuzzRequest): string {
  return describeOutcome({ req, ms: 0 }).split('\n').slice(0, 5).join('\n');
}

function describeOutcome(o: Outcome): string {
  const { req, answer } = o;
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k, typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}… (${v.length})` : v]),
  );
  return [
    `  request #${req.n} (replay: FUZZ_SEED=${SEED} FUZZ_ONLY=${req.n} npx vitest run test/fuzz.test.ts)`,
    `    ${req.method} ${req.path.length > 300 ? `${req.path.slice(0, 300)}… (${req.path.length})` : req.path}`,
    `    headers: ${JSON.stringify(headers)}`,
    `    body: ${preview(req.text)}`,
    `    what: ${req.what.join('; ') || '-'}`,
    `    answer: ${answer ? `${answer.status} ${String(answer.headers['content-type'] ?? '')} ${preview(answer.body.toString('utf8'), 300)}` : o.error} (${o.ms.toFixed(0)} ms)`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------

const db = testDatabase();
let ctx: Ctx;
let before: Fingerprint;
/** The audit events there were before the run. */
let eventsBefore: Set<string>;

/** The app in a child process (test/support/fuzz-server.ts): a crash there is a finding, not the end of the run. */
interface ServerProcess {
  port: number;
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

async function startServer(): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support', 'fuzz-server.ts')], {
    env: { ...process.env, FUZZ_NEO4J: JSON.stringify(inject('neo4j')), TMPDIR: SERVER_TMP },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4_000)));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = out.match(/listening (\d+)/);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(({ code, signal }) => reject(new Error(`the fuzz server exited before listening (${code ?? signal}): ${err}`)));
  });
  return { port, child, stderr: () => err, exited };
}

async function stopServer(s: ServerProcess | undefined): Promise<void> {
  if (!s || s.child.exitCode !== null || s.child.signalCode !== null) return;
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 10_000);
  await s.exited;
  clearTimeout(timer);
}

let server: ServerProcess | undefined;

async function json(
  method: string,
  p: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await send(server!.port, {
    method,
    path: p,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const type = String(res.headers['content-type'] ?? '');
  return {
    status: res.status,
    body: res.body.length > 0 && type.startsWith('application/json') ? (JSON.parse(res.body.toString()) as Record<string, unknown>) : {},
  };
}

beforeAll(async () => {
  server = await startServer();
  // Fixtures to aim at: a snapshot and a saved query that exist (removed at the end).
  const graph = (await json('POST', '/api/subgraph', { ids: ['state--russia', 'threat-actor--seashell-blizzard', 'state--iran'] }))
    .body as unknown as Graph;
  const snap = await json('POST', '/api/snapshots', { document: viewDocumentSchema.parse(viewDocument(graph, { title: 'Fuzz fixture' })) });
  expect(snap.status).toBe(201);
  const query = await json('POST', '/api/queries', {
    name: 'Fuzz fixture',
    cypher: 'MATCH (n:Entity {id: $id}) RETURN n LIMIT $n',
    parameters: [
      { name: 'id', type: 'id', default: 'state--russia' },
      { name: 'n', type: 'integer', default: 5 },
    ],
  });
  expect(query.status).toBe(201);
  // A live guest link of the fixture: guest reads with its token get past the token check.
  const share = await json('POST', `/api/snapshots/${String(snap.body.id)}/share`, {});
  expect(share.status).toBe(201);
  const link = share.body as unknown as CreatedShareLink;
  const ids = await rows(db, 'MATCH (n:Entity) RETURN n.id AS id, n.name AS name ORDER BY n.id');
  const snapshots = await rows(db, 'MATCH (s:Snapshot) RETURN s.id AS id');
  const saved = await rows(db, 'MATCH (q:SavedQuery) RETURN q.id AS id');
  const shares = await rows(db, 'MATCH (l:ShareLink) RETURN l.id AS id');
  const users = await rows(db, 'MATCH (u:User) RETURN u.username AS name');
  const bundle = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures/stix/poisonivy.json'), 'utf8')) as {
    objects: Array<Record<string, unknown>>;
  };
  ctx = {
    entityIds: ids.map((r) => String(r.id)),
    names: ids.map((r) => String(r.name)).filter((n) => n !== 'null'),
    builtins: builtInQueries(),
    fixtureSnapshot: String(snap.body.id),
    fixtureQuery: String(query.body.id),
    existingSnapshots: new Set(snapshots.map((r) => String(r.id))),
    existingQueries: new Set(saved.map((r) => String(r.id))),
    shareToken: link.token,
    fixtureShare: link.id,
    existingShares: new Set(shares.map((r) => String(r.id))),
    existingUsers: new Set(users.map((r) => String(r.name).toLowerCase())),
    fixtureNodes: graph.nodes.map((n) => n.id),
    stixObjects: bundle.objects,
  };
  expect(ctx.existingShares.has(link.id)).toBe(true);
  // One ordinary request per route first, one at a time: plans compiled and code warm before the
  // timed run (the server has run server/warm-up.ts too, as npm start does).
  const warm: Array<[string, string, unknown?]> = [
    ['GET', '/api/meta'],
    ['GET', '/api/search?q=sandworm'],
    ['GET', '/api/nodes/state--russia'],
    ['POST', '/api/expand', { ids: ['state--russia'] }],
    ['POST', '/api/paths', { from: 'state--russia', to: 'state--iran' }],
    ['POST', '/api/cypher', { query: 'MATCH (n:State) RETURN n LIMIT 3' }],
    ['GET', '/api/queries'],
    ['GET', '/api/snapshots'],
    ['GET', `/api/snapshots/${ctx.fixtureSnapshot}/changes`],
    ...builtInQueries().map((q): [string, string, unknown] => ['POST', `/api/queries/${q.id}/run`, { params: {} }]),
    ...EXPORT_FORMATS.map((f): [string, string] => ['GET', `/api/snapshots/${ctx.fixtureSnapshot}/export/${f}`]),
    ['GET', `/api/snapshots/${ctx.fixtureSnapshot}/share`],
    ['GET', '/api/audit?limit=5'],
    ['GET', '/api/audit.csv?limit=5'],
    ['GET', '/api/users'],
    ['GET', '/api/auth/me'],
    ['GET', '/api/auth/config'],
    ['POST', `/api/queries/${builtInQueries()[0]!.id}/export/stix`, { params: {} }],
  ];
  for (const [method, p, body] of warm) expect((await json(method, p, body)).status, `${method} ${p}`).toBeLessThan(500);
  const guest = { 'x-share-token': ctx.shareToken };
  expect((await json('GET', '/api/guest/snapshot', undefined, guest)).status).toBe(200);
  expect((await json('GET', `/api/guest/snapshots/${ctx.fixtureSnapshot}/nodes/${ctx.fixtureNodes[0]}`, undefined, guest)).status).toBe(
    200,
  );
  for (const f of EXPORT_FORMATS)
    expect((await json('GET', `/api/guest/snapshots/${ctx.fixtureSnapshot}/export/${f}`, undefined, guest)).status, f).toBeLessThan(500);
  before = await fingerprint(db, { withoutAuditEvents: true });
  eventsBefore = new Set((await rows(db, 'MATCH (e:AuditEvent) RETURN e.eventId AS id')).map((r) => String(r.id)));
}, 120_000);

afterAll(async () => {
  if (ctx && server) {
    await json('DELETE', `/api/snapshots/${ctx.fixtureSnapshot}`).catch(() => undefined);
    await json('DELETE', `/api/queries/${ctx.fixtureQuery}`).catch(() => undefined);
    // Anything a failed run wrote (the test has failed on it already) goes too, for the files after this one.
    for (const { id } of await rows(db, 'MATCH (s:Snapshot) RETURN s.id AS id')) {
      if (!ctx.existingSnapshots.has(String(id))) await json('DELETE', `/api/snapshots/${String(id)}`).catch(() => undefined);
    }
    for (const { id } of await rows(db, 'MATCH (q:SavedQuery) RETURN q.id AS id')) {
      if (!ctx.existingQueries.has(String(id))) await json('DELETE', `/api/queries/${String(id)}`).catch(() => undefined);
    }
  }
  await stopServer(server);
  await db.close();
  rmSync(SERVER_TMP, { recursive: true, force: true });
}, 60_000);

interface Crash {
  exit: string;
  /** When it was seen to die, and when its successor was listening (performance.now()). */
  at: number;
  restartedAt: number;
  port: number;
  stderr: string;
  /** Requests in flight when it died, or that had just failed on a connection it dropped. */
  inFlight: FuzzRequest[];
  /** The one of those that crashes a fresh server when sent alone, if one does. */
  culprit?: FuzzRequest;
}

describe('fuzz', () => {
  it(`survives ${ONLY ? ONLY.length : COUNT} malformed and hostile requests (seed ${SEED})`, async () => {
    const numbers = ONLY ?? Array.from({ length: COUNT }, (_, i) => i);
    console.log(
      `fuzz: seed ${SEED}, ${numbers.length} requests, ${IN_FLIGHT} in flight (replay one: FUZZ_SEED=${SEED} FUZZ_ONLY=<n>); journal ${JOURNAL}`,
    );
    const journal = openSync(JOURNAL, 'w');
    let agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    const tally: Tally = { byStatus: new Map(), byFamily: new Map(), exempt: new Map(), problems: [], slowest: [] };
    const inFlight = new Map<number, FuzzRequest>();
    const crashes: Crash[] = [];
    /** Requests that got no answer at all: judged at the end, when every crash is known. */
    const unanswered: Array<{ outcome: Outcome; port: number; at: number }> = [];
    // When the server process dies: note what was in flight, and start another one.
    let ready: Promise<ServerProcess> = Promise.resolve(server!);
    const watch = (s: ServerProcess) => {
      void s.exited.then(({ code, signal }) => {
        if (s !== server) return; // stopped on purpose
        const crash: Crash = {
          exit: `${signal ?? `exit code ${code}`}`,
          at: performance.now(),
          restartedAt: Infinity,
          port: s.port,
          stderr: s.stderr(),
          inFlight: [...inFlight.values()],
        };
        crashes.push(crash);
        agent.destroy();
        agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
        ready = startServer().then((next) => {
          crash.restartedAt = performance.now();
          server = next;
          watch(next);
          return next;
        });
      });
    };
    watch(server!);

    let next = 0;
    let bytesSent = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < numbers.length) {
        const n = numbers[next++]!;
        const { port } = await ready;
        const req = build(SEED, n, ctx, port);
        const body = req.sent.body;
        bytesSent += body === undefined ? 0 : Array.isArray(body) ? body.reduce((s, b) => s + b.length, 0) : body.length;
        if (PRINT) writeSync(2, `${describeRequest(req)}\n`);
        inFlight.set(n, req);
        if (DUMP) writeFileSync(path.join(DUMP, `req-${n}.body`), Buffer.concat([body ?? ''].flat().map((b) => Buffer.from(b))));
        const t0 = performance.now();
        let outcome: Outcome;
        let socket = 0;
        writeSync(journal, `> ${n} ${(t0 - started).toFixed(0)}\n`);
        try {
          const answer = await send(port, req.sent, agent, 60_000, (id) => (socket = id));
          outcome = { req, answer, ms: performance.now() - t0 };
        } catch (err) {
          outcome = { req, error: (err as Error).message, ms: performance.now() - t0 };
        }
        inFlight.delete(n);
        writeSync(
          journal,
          `< ${n} ${(performance.now() - started).toFixed(0)} ${outcome.ms.toFixed(0)} ${outcome.answer?.status ?? 'none'} socket ${socket} ${outcome.answer?.headers.connection ?? '-'} ${req.family} | ${req.method} ${req.path.slice(0, 80)} | ${req.what.join('; ').slice(0, 100)}\n`,
        );
        if (outcome.answer) check(outcome, tally);
        else unanswered.push({ outcome, port, at: performance.now() });
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const seconds = (performance.now() - started) / 1000;
    agent.destroy();
    closeSync(journal);
    // A server that died on the last requests is noticed (its exit event) a moment later.
    await new Promise((resolve) => setTimeout(resolve, 500));
    server = await ready;

    // No answer: because the server had died (a finding of its own, below), or a problem.
    for (const u of unanswered) {
      const crash = crashes.find((c) => u.port === c.port && u.at >= c.at - 2_000);
      if (!crash) check(u.outcome, tally);
      else if (!crash.inFlight.includes(u.outcome.req)) crash.inFlight.push(u.outcome.req);
    }

    // Which request killed the server: each one in flight, alone, against a fresh server (exports
    // first: a native renderer is the likeliest culprit). For the first few crashes only.
    for (const crash of crashes.slice(0, 3)) {
      const suspects = [...crash.inFlight].sort((a, b) => Number(b.path.includes('export')) - Number(a.path.includes('export')));
      for (const req of suspects) {
        const probe = await startServer();
        const [died] = await Promise.all([
          Promise.race([probe.exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000))]),
          send(probe.port, req.sent).catch(() => undefined),
        ]);
        if (died) crash.stderr = probe.stderr();
        await stopServer(probe);
        if (died) {
          crash.culprit = req;
          break;
        }
      }
    }

    const statuses = [...tally.byStatus.entries()].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    console.log(
      `fuzz: ${numbers.length} requests (${(bytesSent / 1024 / 1024).toFixed(1)} MB) in ${seconds.toFixed(1)} s, ${(numbers.length / seconds).toFixed(0)} a second, ${crashes.length} server crashes\n` +
        `  by status: ${statuses.map(([s, c]) => `${s}: ${c}`).join(', ')}\n` +
        `  counted apart:${[...tally.exempt.entries()].map(([k, e]) => `\n    ${k}: ${e.count} (e.g. #${e.example.n} ${e.example.method} ${e.example.path.slice(0, 60)} ${e.example.what.join('; ').slice(0, 80)})`).join('') || ' none'}\n` +
        `  by route:\n${[...tally.byFamily.entries()]
          .sort((a, b) => a[0].localeCompare(b[0]))
          .map(
            ([f, m]) =>
              `    ${f.padEnd(40)} ${[...m.entries()]
                .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
                .map(([s, c]) => `${s}×${c}`)
                .join(' ')}`,
          )
          .join('\n')}\n` +
        `  slowest: ${tally.slowest.map((o) => `#${o.req.n} ${o.req.method} ${o.req.path.slice(0, 60)} ${o.ms.toFixed(0)} ms`).join('; ')}`,
    );

    // Distinct problems, one replayable example each.
    const groups = new Map<string, { count: number; example: Outcome }>();
    for (const p of tally.problems) {
      const g = groups.get(p.key) ?? { count: 0, example: p.outcome };
      g.count++;
      groups.set(p.key, g);
    }
    for (const crash of crashes) {
      const key = `server process died (${crash.exit})${crash.culprit ? ` on ${crash.culprit.family}` : ''}`;
      const g = groups.get(key) ?? {
        count: 0,
        example: {
          req: crash.culprit ?? crash.inFlight[0]!,
          error: `died: ${crash.stderr.trim().split('\n').slice(0, 3).join(' | ')}`,
          ms: 0,
        },
      };
      g.count++;
      groups.set(key, g);
    }
    if (groups.size > 0) {
      console.error(
        `fuzz: ${tally.problems.length + crashes.length} problems in ${groups.size} kinds (seed ${SEED}):\n` +
          [...groups.entries()].map(([key, { count, example }]) => `${key} (${count}×)\n${describeOutcome(example)}`).join('\n'),
      );
    }

    // The server still answers, and the database is as it was.
    const alive = await send(server.port, { method: 'GET', path: '/api/search?q=sandworm' });
    expect(alive.status).toBe(200);
    expect((JSON.parse(alive.body.toString()) as { results: unknown[] }).results.length).toBeGreaterThan(0);
    const after = await fingerprint(db, { withoutAuditEvents: true });
    expect(after).toEqual(before);
    // The events the run appended: only sign-ins and sign-outs of AUTH=none's local admin, which
    // succeed whatever they are sent and change nothing; any other action would be a write.
    const appended = (await rows(db, 'MATCH (e:AuditEvent) RETURN e.eventId AS id, e.action AS action, e.actor AS actor'))
      .filter((r) => !eventsBefore.has(String(r.id)))
      .map((r) => `${String(r.action)} by ${String(r.actor)}`);
    expect([...new Set(appended)].filter((e) => e !== 'login.success by local' && e !== 'logout by local')).toEqual([]);

    expect([...groups.entries()].map(([key, { count }]) => `${key} (${count}×)`)).toEqual([]);
    if (!ONLY) expect(numbers.length).toBeGreaterThanOrEqual(10_000);
    console.log(`fuzz: done in ${((performance.now() - started) / 1000).toFixed(1)} s including checks`);
  }, 240_000);
});
