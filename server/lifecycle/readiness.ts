// Brings the data to complete and keeps the status honest about it: the schema applied, the seed
// loaded unless the database already holds this version of it, and only then `ready`. When Neo4j
// goes away the status says so; when it answers again the data is checked before `ready` again.
// One run at a time: a recovery during a seed joins the seed rather than starting another.
import type { Dataset } from '../../seed/dataset.js';
import { isLoaded, loadDataset } from '../../seed/load.js';
import type { Database } from '../db/database.js';
import { DatabaseUnavailableError } from '../db/errors.js';
import { applySchema } from '../db/schema.js';
import type { Logger } from '../logger.js';
import type { SystemStatus } from './status.js';

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
  /** Runs the common queries once before `ready`, so the first requests after a (re)start are fast. */
  warmUp?: () => Promise<void>;
  /** Aborted on shutdown: a run in progress stops at its next step. */
  signal: AbortSignal;
  /** Terminal lines for a person watching `npm start` (progress of a seed). */
  say?: (line: string) => void;
}

export class Readiness {
  private running: Promise<void> | null = null;
  private schemaApplied = false;
  private dataset: Promise<Dataset | null> | undefined;
  private readonly offAvailability: () => void;

  constructor(private readonly options: ReadinessOptions) {
    const { db, status } = options;
    this.offAvailability = db.availability.onChange((up, reason) => {
      if (!up) {
        // The supervisor's word (restarting, failed) is more precise than "unreachable".
        if (status.phase === 'restarting' || status.phase === 'failed') return;
        if (status.phase === 'neo4j') status.set('neo4j', { message: `The explorer is starting: waiting for Neo4j (${reason}).` });
        else status.set('reconnecting', { message: `${reason}; try again shortly.` });
      } else if (!status.ready) {
        void this.ensure().catch(() => {});
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
    const { db, signal } = this.options;
    for (;;) {
      signal.throwIfAborted();
      await db.availability.whenUp(signal);
      try {
        await this.complete();
        return;
      } catch (err) {
        if (!(err instanceof DatabaseUnavailableError) || signal.aborted) throw err;
        // Neo4j went away midway; availability (and the supervisor) now report it. Wait, redo.
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
    const loaded = dataset === null || (await isLoaded(db, dataset));
    if (!this.schemaApplied || !loaded) {
      status.set('schema');
      const statements = await applySchema(db);
      this.schemaApplied = true;
      logger.info({ statements }, 'schema applied');
    }
    signal.throwIfAborted();
    if (dataset !== null && !loaded) await this.seed(dataset);
    await this.options.warmUp?.();
    status.set('ready');
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
