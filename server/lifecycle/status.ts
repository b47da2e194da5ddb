// Where the explorer is on its way to complete data, and what has gone wrong since: one object
// that the start-up sequence and the Neo4j supervisor write, and health and the API gate read.
import type { Progress, SystemPhase } from '@model/api.js';

export interface StatusView {
  phase: SystemPhase;
  progress?: Progress;
  message?: string;
}

type Listener = (view: StatusView) => void;

const STARTING: ReadonlySet<SystemPhase> = new Set(['neo4j', 'schema', 'seeding']);

export class SystemStatus {
  private view: StatusView;
  private readonly listeners = new Set<Listener>();

  /** Tests of the API alone start `ready`; `npm start` starts at `neo4j`. */
  constructor(phase: SystemPhase = 'ready', message?: string) {
    this.view = message === undefined ? { phase } : { phase, message };
  }

  get phase(): SystemPhase {
    return this.view.phase;
  }

  /** True while the first start-up has not finished: the data may be incomplete. */
  get starting(): boolean {
    return STARTING.has(this.view.phase);
  }

  get ready(): boolean {
    return this.view.phase === 'ready';
  }

  current(): StatusView {
    return this.view;
  }

  set(phase: SystemPhase, details: { message?: string; progress?: Progress } = {}): void {
    const view: StatusView = { phase };
    if (details.message !== undefined) view.message = details.message;
    if (details.progress !== undefined) view.progress = details.progress;
    this.view = view;
    for (const listener of this.listeners) listener(view);
  }

  progress(done: number, total: number): void {
    this.set(this.view.phase, { ...(this.view.message === undefined ? {} : { message: this.view.message }), progress: { done, total } });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The sentence a person reads for a phase: the health message and the 503s while not ready. */
export function describeStatus(view: StatusView): string {
  if (view.message) return view.message;
  switch (view.phase) {
    case 'neo4j':
      return 'The explorer is starting: waiting for Neo4j.';
    case 'schema':
      return 'The explorer is starting: applying the schema.';
    case 'seeding': {
      const p = view.progress;
      const percent = p && p.total > 0 ? ` (${Math.floor((100 * p.done) / p.total)}%, ${p.done} of ${p.total} records)` : '';
      return `The explorer is starting: loading the graph${percent}.`;
    }
    case 'ready':
      return 'Ready.';
    case 'restarting':
      return 'Neo4j stopped unexpectedly and is being restarted; try again shortly.';
    case 'reconnecting':
      return 'Neo4j is unreachable; try again shortly.';
    case 'failed':
      return 'Neo4j could not be kept running; the server log says why.';
  }
}
