// Keeps the managed Neo4j running: when it exits without being asked to (the OOM killer, a crash,
// kill -9), it is started again after 1, 2, 4 ... up to 30 s. Each restart is logged with the exit
// code and the last lines of the server's log. After too many failures in a short window it stops
// trying and says so, naming the log file, rather than restarting a server that cannot run.
import type { Logger } from '../../logger.js';
import type { LocalNeo4j, Neo4jExit } from './instance.js';

export interface SupervisorPolicy {
  /** Waits before each restart attempt, in order; the last repeats. */
  backoffMs: readonly number[];
  /** Failures (exits, restarts that did not come up) tolerated within `windowMs`. */
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_POLICY: SupervisorPolicy = {
  backoffMs: [1_000, 2_000, 4_000, 8_000, 16_000, 30_000],
  maxFailures: 5,
  windowMs: 10 * 60_000,
};

export interface SupervisorHooks {
  /** The server died; a restart is planned after `delayMs`. */
  onRestarting(message: string, attempt: number, delayMs: number): void;
  /** A restart answered. */
  onRestarted(): void;
  /** Too many failures: no more restarts. */
  onGaveUp(message: string): void;
}

export class Neo4jSupervisor {
  private failures: number[] = [];
  private attempt = 0;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly off: () => void;

  constructor(
    private readonly neo4j: LocalNeo4j,
    private readonly logger: Logger,
    private readonly hooks: SupervisorHooks,
    private readonly policy: SupervisorPolicy = DEFAULT_POLICY,
  ) {
    this.off = neo4j.onExit((exit) => void this.exited(exit));
  }

  /** No more restarts: the explorer is shutting down. */
  stop(): void {
    this.stopped = true;
    this.off();
    if (this.timer) clearTimeout(this.timer);
  }

  private async exited(exit: Neo4jExit): Promise<void> {
    if (exit.expected || this.stopped) return;
    const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
    const log = await this.neo4j.logTail();
    this.logger.error({ code: exit.code, signal: exit.signal, log }, `the managed Neo4j stopped unexpectedly (${how})`);
    this.failed(`The managed Neo4j stopped unexpectedly (${how})`);
  }

  private failed(reason: string): void {
    if (this.stopped) return;
    const now = Date.now();
    this.failures = [...this.failures.filter((t) => now - t < this.policy.windowMs), now];
    if (this.failures.length > this.policy.maxFailures) {
      const minutes = Math.max(1, Math.round(this.policy.windowMs / 60_000));
      const message = `${reason}, and failed ${this.failures.length} times in ${minutes} minute${minutes === 1 ? '' : 's'}: no more restarts. See ${this.neo4j.logFile} and ${this.neo4j.consoleLog}, then restart the explorer.`;
      this.logger.error(message);
      this.hooks.onGaveUp(message);
      this.stop();
      return;
    }
    const delayMs = this.policy.backoffMs[Math.min(this.attempt, this.policy.backoffMs.length - 1)] ?? 1_000;
    this.attempt += 1;
    const message = `${reason}; restarting it in ${delayMs / 1000} s (attempt ${this.attempt}).`;
    this.logger.warn(message);
    this.hooks.onRestarting(message, this.attempt, delayMs);
    this.timer = setTimeout(() => void this.restart(reason), delayMs);
  }

  private async restart(reason: string): Promise<void> {
    if (this.stopped) return;
    try {
      await this.neo4j.restart();
      this.logger.info({ attempt: this.attempt }, 'the managed Neo4j is running again');
      this.attempt = 0;
      this.hooks.onRestarted();
    } catch (err) {
      if (this.stopped) return;
      // An exit while starting is reported by the exit listener too; count it once.
      const message = err instanceof Error ? err.message : String(err);
      this.logger.error({ err: message }, 'restarting the managed Neo4j failed');
      if (!/stopped while starting/.test(message)) this.failed(`${reason}; the restart failed: ${message}`);
    }
  }
}
