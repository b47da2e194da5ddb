// What the canvas area shows while the explorer starts (Neo4j, schema, then the seed): the phase in
// words, the seed's progress as a bar and the server's own message, instead of an empty canvas
// that would look like a graph with nothing in it.
import type { Health, Progress } from '@model/api.js';

export interface StartupView {
  title: string;
  /** Whole percent of the seed written, or null when there is no measure (the bar is indeterminate). */
  percent: number | null;
}

/** Rounded down, so 100% is only shown once every record is in. */
export function seedPercent(progress: Progress | undefined): number | null {
  if (!progress || progress.total <= 0) return null;
  return Math.min(100, Math.max(0, Math.floor((100 * progress.done) / progress.total)));
}

export function startupView(health: Pick<Health, 'phase' | 'progress'>): StartupView {
  switch (health.phase) {
    case 'neo4j':
      return { title: 'Starting Neo4j…', percent: null };
    case 'schema':
      return { title: 'Preparing the database…', percent: null };
    case 'seeding': {
      const percent = seedPercent(health.progress);
      return { title: percent === null ? 'Loading the graph…' : `Loading the graph… ${percent}%`, percent };
    }
    default:
      return { title: 'Starting the explorer…', percent: null };
  }
}

export function StartupPanel({ health, waiting }: { health: Health; waiting?: string | null }) {
  const view = startupView(health);
  const progress = health.progress;
  return (
    // A labelled region, not a live one: announcing every percent would drown a screen reader;
    // the progress bar carries the value for whoever asks.
    <section className="startup-panel" aria-label="The explorer is starting">
      <div className="startup-card">
        <h2>{view.title}</h2>
        <div
          className={view.percent === null ? 'progress indeterminate' : 'progress'}
          role="progressbar"
          aria-label="Start-up progress"
          aria-valuemin={0}
          aria-valuemax={100}
          // No value at all marks the bar indeterminate (WAI-ARIA), while Neo4j starts.
          aria-valuenow={view.percent ?? undefined}
          aria-valuetext={
            view.percent === null ? undefined : `${view.percent}%${progress ? `, ${progress.done} of ${progress.total} records` : ''}`
          }
        >
          <div className="progress-fill" style={view.percent === null ? undefined : { width: `${view.percent}%` }} />
        </div>
        {health.message && <p className="startup-message">{health.message}</p>}
        {waiting && <p className="muted">{waiting}</p>}
      </div>
    </section>
  );
}
