// Brings the data to complete and keeps the status honest about it: the schema applied, the seed
// loaded unless the database already holds this version of it, and only then `ready`. When Neo4j
// goes away the status says so; when it answers again the data is checked before `ready` again.
// One run at a time: a recovery during a seed joins the seed rather than starting another.
import type { Dataset } from '../../seed/dataset.js';
import { InvalidSeedError, isLoaded, loadDataset } from '../../seed/load.js';
import { WARMING_READ_DEADLINE_MS, type Database } from '../db/database.js';
import { DatabaseUnavailableError, QueryTimeoutError } from '../db/errors.js';
import { applySchema } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { describeStatus, type SystemStatus } from './status.js';

/** Before the first `ready`, a warm-up round (the common queries side by side) this fast means Neo4j is warm. */
const WARM_ROUND_FAST_MS = 400;
/** How long warming up may hold back `ready`: past that, being served beats being fast. */
const WARM_UP_MAX_MS = 20_000;
/** Between warm-up rounds that timed out. */
const WARM_ROUND_PAUSE_MS = 200;
/**
 * Serving while warming after an outage, the short deadline stays until this many rounds in a row
 * are fast: one fast round right after a restart does not mean the next search is (a JVM just
 * started still compiles and collects; other index pages are cold). No longer than that: warming
 * refuses reads, and people must be served within seconds of Neo4j answering fast.
 */
const WARMING_FAST_ROUNDS = 3;
const WARMING_MIN_MS = 0;
/** Between warm-up rounds while serving: leaves Neo4j to people's reads. */
const WARMING_ROUND_GAP_MS = 250;
/** How long the short deadline may last after an outage. */
const WARMING_MAX_MS = 30_000;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

export interface ReadinessOptions {
  db: Database;
  status: SystemStatus;
  logger: Logger;
  /**
   * Reads (and validates) the seed files, once per process. Absent for a database that is not
   * seeded from them (the benchmarks' generated graph).
   */
  readDataset?: () => Promise<Dataset>;
  seedBatchSize?: number;
  /** Runs the common queries once; repeated after a (re)start until they are fast (see serveWhileWarming). */
  warmUp?: (db: Database) => Promise<void>;
  /** Aborted on shutdown: a run in progress stops at its next step. */
  signal: AbortSignal;
  /** Terminal lines for a person watching `npm start` (progress of a seed). */
  say?: (line: string) => void;
}

/** When warm-up rounds may stop (see warmRounds). */
interface WarmUntil {
  fastMs: number;
  fastRounds: number;
  minMs: number;
  maxMs: number;
  /** Pause after each round. */
  gapMs: number;
}

export class Readiness {
  private running: Promise<void> | null = null;
  private schemaApplied = false;
  private dataset: Promise<Dataset | null> | undefined;
  private warmGeneration = 0;
  private readonly offAvailability: () => void;

  constructor(private readonly options: ReadinessOptions) {
    const { db, status } = options;
    this.offAvailability = db.availability.onChange((up, reason) => {
      if (!up) {
        // The supervisor's word (restarting, failed) is more precise than "unreachable".
        if (status.phase === 'restarting' || status.phase === 'failed') return;
        if (status.phase === 'neo4j') status.set('neo4j', { message: `The explorer is starting: waiting for Neo4j (${reason}).` });
        else status.set('reconnecting', { message: `${reason}; try again shortly.` });
        options.logger.warn({ reason }, 'Neo4j is unreachable');
      } else {
        options.logger.info('Neo4j answers again');
        // Errors end up in the log (run() retries all but shutdown and a bad seed).
        if (!status.ready) void this.ensure().catch((err: unknown) => options.logger.error({ err }, 'the data could not be made ready'));
      }
    });
  }

  /**
   * Resolves once the data is complete and the status `ready`; while Neo4j is out of reach it
   * waits for it. Rejects on shutdown, on an invalid seed and on unexpected errors.
   */
  ensure(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  close(): void {
    this.offAvailability();
  }

  private async run(): Promise<void> {
    const { db, signal, status, logger } = this.options;
    let failures = 0;
    for (;;) {
      signal.throwIfAborted();
      await db.availability.whenUp(signal);
      try {
        await this.complete();
        return;
      } catch (err) {
        if (signal.aborted || err instanceof InvalidSeedError) throw err;
        // Neo4j went away midway: availability (and the supervisor) report it; wait for it.
        if (err instanceof DatabaseUnavailableError) continue;
        // Anything else (a first query past its time limit on a cold, loaded Neo4j, ...): never
        // fatal and never silent. Say so, and try again.
        failures += 1;
        const delayMs = Math.min(1_000 * 2 ** (failures - 1), 15_000);
        const message = err instanceof Error ? err.message : String(err);
        logger.warn({ err: message, attempt: failures }, `making the data ready failed; retrying in ${delayMs} ms`);
        if (!status.ready) status.set(status.phase, { message: `${describeStatus({ phase: status.phase })} (${message}; retrying)` });
        await sleep(delayMs, signal);
      }
    }
  }

  private async complete(): Promise<void> {
    const { db, status, logger, signal } = this.options;
    // Read once: a recovery under load must not parse and validate the files again (the
    // process serves the files it started with; a restart picks up edits).
    this.dataset ??= this.options.readDataset ? this.options.readDataset() : Promise.resolve(null);
    const dataset = await this.dataset.catch((err: unknown) => {
      this.dataset = undefined;
      throw err;
    });
    db.warming = false;
    // Back after the supervisor restarted our own Neo4j: the store it had when the data was
    // complete, and committed data survives a crash, so serve at once. Back after any other
    // outage, the database may have been replaced: check its identity first.
    const restarted = this.schemaApplied && status.phase === 'restarting';
    const loaded = dataset === null || restarted || (await isLoaded(db, dataset));
    if (this.schemaApplied && loaded) {
      this.serveWhileWarming();
      return;
    }
    if (!this.schemaApplied || !loaded) {
      status.set('schema');
      const statements = await applySchema(db);
      this.schemaApplied = true;
      logger.info({ statements }, 'schema applied');
    }
    signal.throwIfAborted();
    if (dataset !== null && !loaded) await this.seed(dataset);
    // Nobody is waiting yet: say ready only once the common queries are fast.
    await this.warmRounds(++this.warmGeneration, { fastMs: WARM_ROUND_FAST_MS, fastRounds: 1, minMs: 0, maxMs: WARM_UP_MAX_MS, gapMs: 0 });
    status.set('ready');
  }

  /**
   * Back after an outage, people are waiting: `ready` at once. But a Neo4j just started answers
   * its first queries in seconds (cold caches and JIT), so until a round of the common queries is
   * fast, reads that take too long answer 503 at once (Database.warming) instead of making people
   * wait; the warm-up rounds and those requests warm it meanwhile.
   */
  private serveWhileWarming(): void {
    const { db, status } = this.options;
    const generation = ++this.warmGeneration;
    status.set('ready');
    if (!this.options.warmUp) return;
    db.warming = true;
    // While serving, a round answered within the time people's reads are given is enough: on a
    // loaded machine a 400 ms round may never come, and reads Neo4j answers in time would go on
    // being cut.
    void this.warmRounds(generation, {
      fastMs: WARMING_READ_DEADLINE_MS,
      fastRounds: WARMING_FAST_ROUNDS,
      minMs: WARMING_MIN_MS,
      maxMs: WARMING_MAX_MS,
      gapMs: WARMING_ROUND_GAP_MS,
    })
      .catch(() => {}) // Neo4j went away again: availability reports it
      .finally(() => {
        if (generation === this.warmGeneration) db.warming = false;
      });
  }

  /**
   * Warm-up rounds until `fastRounds` in a row complete within `fastMs` and `minMs` has passed, for
   * at most `maxMs`. Rounds are never cut short (Database.unhurried): a round abandoned while its
   * queries run on would pile up more work on a cold Neo4j with each retry. Throws only when Neo4j
   * goes away meanwhile (the caller must not say ready then); other failures are logged.
   */
  private async warmRounds(generation: number, until: WarmUntil): Promise<void> {
    const { logger, warmUp, signal } = this.options;
    if (!warmUp) return;
    const started = Date.now();
    let rounds = 0;
    let fastInARow = 0;
    let lastMs = Number.POSITIVE_INFINITY;
    try {
      while (generation === this.warmGeneration && Date.now() - started < until.maxMs && !signal.aborted) {
        const roundStarted = Date.now();
        rounds += 1;
        try {
          await warmUp(this.options.db.unhurried());
          lastMs = Date.now() - roundStarted;
          fastInARow = lastMs <= until.fastMs ? fastInARow + 1 : 0;
          if (fastInARow >= until.fastRounds && Date.now() - started >= until.minMs) break;
          if (until.gapMs > 0) await sleep(until.gapMs, signal);
        } catch (err) {
          // A read timeout (a very cold Neo4j): try again after a pause.
          if (!(err instanceof QueryTimeoutError)) throw err;
          fastInARow = 0;
          await sleep(WARM_ROUND_PAUSE_MS);
        }
      }
      logger.info({ ms: Date.now() - started, rounds, lastRoundMs: lastMs }, 'warm-up done');
    } catch (err) {
      if (err instanceof DatabaseUnavailableError) throw err;
      if (signal.aborted) return;
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'warm-up stopped');
    }
  }

  private async seed(dataset: Dataset): Promise<void> {
    const { db, status, logger, say = () => {} } = this.options;
    let shownTenth = -1;
    say('Loading the seed into Neo4j (the graph is not served until it is complete)...');
    const result = await loadDataset(db, dataset, {
      batchSize: this.options.seedBatchSize,
      onProgress: (done, total) => {
        status.set('seeding', { progress: { done, total } });
        const tenth = total === 0 ? 10 : Math.floor((10 * done) / total);
        if (tenth !== shownTenth) {
          shownTenth = tenth;
          say(`  seeding: ${tenth * 10}% (${done} of ${total} records)`);
        }
      },
    });
    logger.info(result, 'seed loaded');
  }
}
