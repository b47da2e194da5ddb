// An interrupted first start is completed by the next start: the explorer (server/main.ts, as
// `npm start` runs it) on an empty database is stopped in the middle of its seed, cleanly (SIGINT)
// or not at all cleanly (SIGKILL of the server and its Neo4j at once); the next start must report
// `starting` until the data is complete, seed again from the beginning, and then hold exactly the
// dataset. A start on complete data must not seed at all. Real processes, real Neo4j.
import { existsSync } from 'node:fs';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { SystemPhase } from '@model/api.js';
import { deriveReportedIn, readDataset, type Dataset } from '../seed/dataset.js';
import { LOADER_VERSION } from '../seed/load.js';
import { freePort } from '../server/db/local-neo4j/instance.js';
import {
  ExplorerProcess,
  createNeo4jHome,
  httpJson,
  isNeo4jOf,
  killNeo4jOf,
  neo4jConnection,
  neo4jDriver,
  neo4jLogTail,
  neo4jPid,
  now,
  pollHealth,
  removeNeo4jHome,
  seconds,
  tail,
  waitUntil,
  type HealthSample,
} from './support/explorer-process.js';
import { processRunning } from '../server/process-identity.js';

const libRoot = inject('neo4jLibRoot');
/** About 10 s of seeding here: long enough to interrupt it with certainty. */
const SLOW_SEED = { SEED_BATCH_SIZE: '5' };
const START_TIMEOUT_MS = 240_000;
const STARTING_PHASES: readonly SystemPhase[] = ['neo4j', 'schema', 'seeding'];

let dataset: Dataset;
let derivedCount: number;
let totalRecords: number;
const homes: string[] = [];
const processes: ExplorerProcess[] = [];
/** The NEO4J_HOME left complete by the SIGKILL scenario, for the start that must not seed. */
let recoveredHome: string | null = null;

beforeAll(async () => {
  dataset = await readDataset();
  expect(dataset.errors).toEqual([]);
  derivedCount = deriveReportedIn(dataset).length;
  totalRecords = dataset.nodes.length + dataset.relationships.length + derivedCount;
});

afterAll(async () => {
  // Whatever happened: no explorer and no Neo4j left running, no temporary folder left behind.
  await Promise.all(processes.map((p) => p.dispose()));
  for (const home of homes) {
    killNeo4jOf(home);
    await removeNeo4jHome(home);
  }
  if (!existsSync(libRoot)) throw new Error(`removing the temporary NEO4J_HOMEs removed the shared jars at ${libRoot}`);
}, 300_000);

async function start(home: string, env: Record<string, string> = {}): Promise<ExplorerProcess> {
  const proc = ExplorerProcess.start(home, await freePort(), env);
  processes.push(proc);
  onTestFailed(() => console.log(`--- explorer pid ${proc.child.pid} printed:\n${tail(proc.output, 60)}\n${neo4jLogTail(home)}`));
  return proc;
}

/** Seeding, with `done` records written (more than 0) and some left. */
function seedingInProgress(sample: HealthSample, atLeast = 1): boolean {
  const h = sample.health;
  return h?.phase === 'seeding' && h.progress !== undefined && h.progress.done >= atLeast && h.progress.done < h.progress.total;
}

/** When each phase was first reported, and the first 200, from the process's start. */
function timeline(proc: ExplorerProcess, samples: HealthSample[]) {
  const firstAt = (test: (s: HealthSample) => boolean) => {
    const s = samples.find(test);
    return s ? s.endedAt - proc.startedAt : undefined;
  };
  const lastAt = (test: (s: HealthSample) => boolean) => {
    const s = samples.findLast(test);
    return s ? s.endedAt - proc.startedAt : undefined;
  };
  return {
    listening: firstAt((s) => s.status !== 0),
    neo4jUp: firstAt((s) => s.health !== null && s.health.phase !== 'neo4j'),
    seedingFrom: firstAt((s) => s.health?.phase === 'seeding'),
    seedingTo: lastAt((s) => s.health?.phase === 'seeding'),
    ready: firstAt((s) => s.status === 200),
  };
}

function formatTimeline(t: ReturnType<typeof timeline>): string {
  const at = (ms: number | undefined) => (ms === undefined ? '-' : seconds(ms));
  const seeding =
    t.seedingFrom === undefined || t.seedingTo === undefined ? '' : `, seeding seen for ${seconds(t.seedingTo - t.seedingFrom)}`;
  return `listening ${at(t.listening)}, Neo4j up ${at(t.neo4jUp)}, seeding from ${at(t.seedingFrom)} to ${at(t.seedingTo)}${seeding}, ready (200) ${at(t.ready)}`;
}

function describeSamples(samples: HealthSample[]): string {
  return samples
    .map(
      (s) =>
        `${s.status} ${s.health ? `${s.health.status}/${s.health.phase}${s.health.progress ? ` ${s.health.progress.done}/${s.health.progress.total}` : ''}` : s.error}`,
    )
    .join('; ');
}

/**
 * A start as a person watching it sees it: no answer until it listens, then 503 `starting` (in the
 * phases' order, seed progress never going back) on every poll until the first 200, which says
 * ready.
 */
function expectStartingThenReady(samples: HealthSample[]): void {
  const last = samples.at(-1);
  expect(last?.status, `the start did not reach 200: ${describeSamples(samples.slice(-5))}`).toBe(200);
  expect(last?.health).toMatchObject({ status: 'ok', phase: 'ready', neo4j: { reachable: true } });
  const firstAnswer = samples.findIndex((s) => s.status !== 0);
  for (const s of samples.slice(0, firstAnswer)) expect(s.error, 'before it listens, only refused connections').toBe('ECONNREFUSED');
  const starting = samples.slice(firstAnswer, -1);
  let phaseIndex = 0;
  let done = 0;
  for (const s of starting) {
    expect(s.status, `every answer before the first 200 is 503: ${describeSamples([s])}`).toBe(503);
    expect(s.health?.status).toBe('starting');
    const index = STARTING_PHASES.indexOf(s.health?.phase as SystemPhase);
    expect(index, `phase ${s.health?.phase} while starting`).toBeGreaterThanOrEqual(phaseIndex);
    phaseIndex = index;
    if (s.health?.phase === 'seeding') {
      expect(s.health.progress?.total).toBe(totalRecords);
      expect(s.health.progress?.done).toBeGreaterThanOrEqual(done);
      done = s.health.progress?.done ?? done;
    }
  }
}

/** The database holds exactly the dataset: its entities, its relationships, the derived REPORTED_IN, the identity. */
async function expectExactlyTheDataset(home: string): Promise<void> {
  const driver = neo4jDriver(await neo4jConnection(home));
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const ids = (await session.run('MATCH (n:Entity) RETURN n.id AS id')).records.map((r) => r.get('id') as string);
    expect(ids.length).toBe(dataset.nodes.length);
    expect([...ids].sort()).toEqual(dataset.nodes.map((n) => n.props.id).sort());

    const others = (await session.run('MATCH (n) WHERE NOT n:Entity RETURN labels(n) AS labels, n.id AS id')).records.map((r) =>
      r.toObject(),
    );
    expect(others).toEqual([{ labels: ['Dataset'], id: 'seed' }]);

    const rels = await session.run(
      `MATCH (a)-[r]->(b)
       RETURN type(r) = 'REPORTED_IN' AS derived, a:Entity AND b:Entity AS amongEntities, count(*) AS n
       ORDER BY derived`,
    );
    expect(rels.records.map((r) => ({ derived: r.get('derived'), amongEntities: r.get('amongEntities'), n: Number(r.get('n')) }))).toEqual([
      { derived: false, amongEntities: true, n: dataset.relationships.length },
      { derived: true, amongEntities: true, n: derivedCount },
    ]);
    const stored = (
      await session.run("MATCH (a)-[r]->(b) WHERE type(r) <> 'REPORTED_IN' RETURN a.id + '|' + type(r) + '|' + b.id AS key")
    ).records.map((r) => r.get('key') as string);
    expect(stored.sort()).toEqual(dataset.relationships.map((r) => `${r.from}|${r.type}|${r.to}`).sort());

    const identity = (await session.run("MATCH (d:Dataset {id: 'seed'}) RETURN d.hash AS hash, d.loaderVersion AS loaderVersion")).records;
    expect(identity.map((r) => ({ hash: r.get('hash'), loaderVersion: Number(r.get('loaderVersion')) }))).toEqual([
      { hash: dataset.hash, loaderVersion: LOADER_VERSION },
    ]);
  } finally {
    await session.close();
    await driver.close();
  }
}

async function expectSearchServes(proc: ExplorerProcess): Promise<void> {
  const search = await httpJson(proc.port, 'GET', '/api/search?q=sandworm');
  expect(search.status).toBe(200);
  const results = (search.body as { results: { id: string }[] }).results;
  expect(results.length).toBeGreaterThan(0);
  expect(results.map((r) => r.id)).toContain('threat-actor--seashell-blizzard');
}

/** SIGINT, as Ctrl-C: the server exits 0 having stopped its Neo4j. Returns how long it took. */
async function stopCleanly(proc: ExplorerProcess): Promise<number> {
  const javaPid = neo4jPid(proc.home);
  expect(javaPid, 'neo4j.pid while the explorer runs').not.toBeNull();
  expect(isNeo4jOf(javaPid as number, proc.home)).toBe(true);
  const from = now();
  proc.signal('SIGINT');
  const exit = await proc.waitForExit(120_000);
  expect(exit, 'the explorer exits within 120 s of SIGINT').not.toBeNull();
  expect({ code: exit?.code, signal: exit?.signal }).toEqual({ code: 0, signal: null });
  expect(processRunning(javaPid as number), `Neo4j (pid ${javaPid}) still runs after the explorer exited`).toBe(false);
  return (exit?.at ?? from) - from;
}

/** The scenario: a first start on an empty database interrupted while seeding, then the start that completes it. */
async function interruptedThenCompleted(how: 'SIGINT' | 'SIGKILL', atLeast: number): Promise<string> {
  const home = await createNeo4jHome(libRoot, `threat-graph-startup-${how.toLowerCase()}-`);
  homes.push(home);

  const first = await start(home, SLOW_SEED);
  const firstSamples = await pollHealth(first, (s) => seedingInProgress(s, atLeast) || s.status === 200, { timeoutMs: START_TIMEOUT_MS });
  const interruptedSample = firstSamples.at(-1);
  expect(
    interruptedSample && seedingInProgress(interruptedSample, atLeast),
    `the first start was never seen seeding: ${describeSamples(firstSamples.slice(-5))}`,
  ).toBe(true);
  const progress = interruptedSample?.health?.progress;
  const javaPid = neo4jPid(home);
  expect(javaPid !== null && isNeo4jOf(javaPid, home), 'the managed Neo4j runs, its pid in neo4j.pid').toBe(true);

  let stopMs: number;
  if (how === 'SIGINT') {
    stopMs = await stopCleanly(first);
  } else {
    const from = now();
    first.signalGroup('SIGKILL');
    const exit = await first.waitForExit(30_000);
    expect(exit?.signal).toBe('SIGKILL');
    expect(await waitUntil(() => !processRunning(javaPid as number), 30_000), `Neo4j (pid ${javaPid}) survived SIGKILL of its group`).toBe(
      true,
    );
    stopMs = now() - from;
  }
  console.log(
    `[${how}] first start: ${formatTimeline(timeline(first, firstSamples))}; interrupted at ${progress?.done} of ${progress?.total} records; ` +
      `${how === 'SIGINT' ? 'clean stop (exit 0, Neo4j stopped)' : 'process group killed'} in ${seconds(stopMs)}`,
  );

  const second = await start(home, SLOW_SEED);
  const samples = await pollHealth(second, (s) => s.status === 200, { timeoutMs: START_TIMEOUT_MS });
  expectStartingThenReady(samples);
  expect(
    samples.some((s) => s.health?.phase === 'seeding'),
    `no seeding phase seen: ${describeSamples(samples)}`,
  ).toBe(true);
  expect(second.output).toContain('Loading the seed');
  expect(second.output, 'the seed starts again from 0').toContain(`seeding: 0% (0 of ${totalRecords} records)`);
  await expectExactlyTheDataset(home);
  await expectSearchServes(second);
  const t = timeline(second, samples);
  const stop = await stopCleanly(second);
  console.log(`[${how}] next start: ${formatTimeline(t)}; time to ready ${seconds(t.ready ?? NaN)}; clean stop in ${seconds(stop)}`);
  return home;
}

describe('an interrupted first start is completed by the next start', () => {
  it('SIGINT during the first seed: a clean stop, then a start that seeds again and serves exactly the dataset', async () => {
    // As soon as the first records are written.
    await interruptedThenCompleted('SIGINT', 1);
  }, 300_000);

  it('SIGKILL of the server and its Neo4j during the first seed: the store recovers and the next start completes the seed', async () => {
    // Midway: every node written (they come first) and some relationships, in an unclean store.
    recoveredHome = await interruptedThenCompleted('SIGKILL', Math.ceil(0.4 * totalRecords));
  }, 300_000);

  it('a start on the complete database does not seed again', async () => {
    expect(recoveredHome, 'needs the database completed by the previous test').not.toBeNull();
    const home = recoveredHome as string;
    const proc = await start(home);
    const samples = await pollHealth(proc, (s) => s.status === 200, { timeoutMs: START_TIMEOUT_MS });
    expectStartingThenReady(samples);
    expect(
      samples.filter((s) => s.health?.phase === 'seeding'),
      'no seeding phase',
    ).toEqual([]);
    expect(proc.output).not.toContain('Loading the seed');
    await expectExactlyTheDataset(home);
    await expectSearchServes(proc);
    const t = timeline(proc, samples);
    const stop = await stopCleanly(proc);
    console.log(
      `[complete] start: ${formatTimeline(t)}; time to ready ${seconds(t.ready ?? NaN)}, of which after Neo4j was up ${seconds((t.ready ?? NaN) - (t.neo4jUp ?? NaN))}; clean stop in ${seconds(stop)}`,
    );
  }, 300_000);
});
