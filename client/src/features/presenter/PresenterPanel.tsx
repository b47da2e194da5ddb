// Choosing the slides: snapshots ticked in the order wanted (move up and down), or all of them in
// list order; then Present.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { snapshotQueries } from '../../shared/query-options.js';
import { ErrorText } from '../../shared/ui/ErrorText.js';
import { Spinner } from '../../shared/ui/Spinner.js';

/** The chosen ids, keeping only snapshots that still exist. */
export function presentable(chosen: readonly string[], existing: readonly string[]): string[] {
  const known = new Set(existing);
  return chosen.filter((id) => known.has(id));
}

/** Moves the item at `from` one place up (-1) or down (+1). */
export function move<T>(items: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (to < 0 || to >= items.length) return [...items];
  const next = [...items];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

export function PresenterPanel({ onPresent }: { onPresent(ids: string[]): void }) {
  const list = useQuery(snapshotQueries.list());
  const [chosen, setChosen] = useState<string[]>([]);
  const snapshots = list.data?.snapshots ?? [];
  const slides = presentable(
    chosen,
    snapshots.map((s) => s.id),
  );
  const title = (id: string) => {
    const s = snapshots.find((x) => x.id === id);
    return s?.title || id;
  };

  return (
    <div className="presenter-panel">
      <p className="muted">
        Tick snapshots in the order to show them, then Present. In the presentation: → or Space next, ← back, Esc leaves.
      </p>
      {list.isPending && <Spinner label="Loading snapshots…" />}
      {list.isError && <ErrorText error={list.error} />}
      {list.data && snapshots.length === 0 && <p className="muted">No snapshots yet: save some in the Snapshots tab.</p>}
      <fieldset className="slide-choice">
        <legend>Snapshots</legend>
        {snapshots.map((s) => (
          <label key={s.id} className="choice">
            <input
              type="checkbox"
              checked={chosen.includes(s.id)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, s.id] : chosen.filter((id) => id !== s.id))}
            />
            {s.title || s.id}
          </label>
        ))}
      </fieldset>
      {slides.length > 0 && (
        <>
          <h3 className="section-heading">Slides</h3>
          <ol className="slide-order" aria-label="Slides in order">
            {slides.map((id, i) => (
              <li key={id}>
                <span className="slide-title">{title(id)}</span>
                <button type="button" onClick={() => setChosen(move(slides, i, -1))} disabled={i === 0} aria-label={`Move ${title(id)} up`}>
                  ↑
                </button>
                <button
                  type="button"
                  onClick={() => setChosen(move(slides, i, 1))}
                  disabled={i === slides.length - 1}
                  aria-label={`Move ${title(id)} down`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  onClick={() => setChosen(slides.filter((x) => x !== id))}
                  aria-label={`Remove ${title(id)} from the slides`}
                >
                  ×
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
      <div className="button-row">
        <button type="button" onClick={() => onPresent(slides)} disabled={slides.length === 0}>
          Present {slides.length > 0 ? `(${slides.length} slide${slides.length === 1 ? '' : 's'})` : ''}
        </button>
        <button type="button" onClick={() => onPresent(snapshots.map((s) => s.id))} disabled={snapshots.length === 0}>
          Present all
        </button>
      </div>
    </div>
  );
}
