// Filters and legend: labels (with their colour and shape) and relationship types to show,
// minimum confidence, a time window over the dates of the edges on the canvas (event dates, or the
// reported date where there is none), and whether filtered elements fade or disappear. The counts
// follow the canvas.
import { useSyncExternalStore } from 'react';
import type { GraphStore } from '../../shared/graph-store.js';
import { LABEL_STYLES, labelStyle } from '@model/label-styles.js';
import { endOfPartialDate, startOfPartialDate } from '@model/partial-date.js';
import { dateBasis, dateRange, visibility } from '../../shared/visibility.js';

/** Months between two ISO dates, as YYYY-MM strings: the steps of the time slider. */
export function monthSteps(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const [ty, tm] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
    if (out.length > 1200) break;
  }
  return out;
}

export function FiltersPanel({ store }: { store: GraphStore }) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const { filters } = state;
  const v = visibility(state);
  const nodes = Object.values(state.nodes);
  const edges = Object.values(state.edges);
  const labelCounts = countBy(nodes.map((n) => n.label));
  const typeCounts = countBy(edges.map((e) => e.type));
  const ranges = edges.map(dateRange).filter((r): r is [string, string] => r !== null);
  const byReportedDate = edges.filter((e) => dateBasis(e) === 'reported').length;
  const months =
    ranges.length > 0
      ? monthSteps(
          ranges.map((r) => r[0]).sort()[0]!,
          ranges
            .map((r) => r[1])
            .sort()
            .at(-1)!
            .replace(/-31$/, '-28'),
        )
      : [];
  const fromIndex = filters.dateFrom ? Math.max(0, months.indexOf(filters.dateFrom.slice(0, 7))) : 0;
  const toIndex = filters.dateTo ? Math.max(0, months.indexOf(filters.dateTo.slice(0, 7))) : months.length - 1;

  const toggle = (list: readonly string[], item: string) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

  return (
    <div className="filters-panel">
      <p className="counts" aria-live="polite">
        Showing {v.visibleNodeCount} of {nodes.length} nodes, {v.visibleEdgeCount} of {edges.length} relationships
      </p>
      <fieldset>
        <legend>Labels</legend>
        {Object.keys(LABEL_STYLES).map((label) => (
          <label key={label} className="legend-item">
            <input
              type="checkbox"
              checked={!filters.hiddenLabels.includes(label)}
              onChange={() => store.setFilters({ hiddenLabels: toggle(filters.hiddenLabels, label) })}
            />
            <span
              className={`legend-swatch shape-${labelStyle(label).shape}`}
              style={{ background: labelStyle(label).color }}
              aria-hidden="true"
            />
            {label} <span className="muted">({labelCounts.get(label) ?? 0})</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Relationship types</legend>
        {[...typeCounts.keys()].sort().map((type) => (
          <label key={type} className="legend-item">
            <input
              type="checkbox"
              checked={!filters.hiddenTypes.includes(type)}
              onChange={() => store.setFilters({ hiddenTypes: toggle(filters.hiddenTypes, type) })}
            />
            {type} <span className="muted">({typeCounts.get(type)})</span>
          </label>
        ))}
        {typeCounts.size === 0 && <p className="muted">No relationships on the canvas yet.</p>}
      </fieldset>
      <fieldset>
        <legend>Minimum confidence</legend>
        <label className="form-row">
          <input
            type="range"
            min={0}
            max={100}
            step={5}
            value={filters.minConfidence}
            aria-label="Minimum confidence"
            onChange={(e) => store.setFilters({ minConfidence: Number(e.target.value) })}
          />
          <output>{filters.minConfidence}</output>
        </label>
      </fieldset>
      <fieldset>
        <legend>Time window</legend>
        {months.length > 1 ? (
          <>
            <label className="form-row">
              From
              <input
                type="range"
                min={0}
                max={months.length - 1}
                value={fromIndex}
                aria-label="Time window start"
                onChange={(e) => {
                  const i = Number(e.target.value);
                  store.setFilters({ dateFrom: i === 0 ? null : startOfPartialDate(months[i]!) });
                }}
              />
              <output>{months[fromIndex]}</output>
            </label>
            <label className="form-row">
              To
              <input
                type="range"
                min={0}
                max={months.length - 1}
                value={toIndex}
                aria-label="Time window end"
                onChange={(e) => {
                  const i = Number(e.target.value);
                  store.setFilters({ dateTo: i === months.length - 1 ? null : endOfPartialDate(months[i]!) });
                }}
              />
              <output>{months[toIndex]}</output>
            </label>
            <p className="muted">
              The window uses each relationship’s event dates (first seen to last seen); one without an event date is placed at the date its
              earliest source was published (reported date). Relationships with neither are filtered out while a window is set.
            </p>
            {byReportedDate > 0 && (
              <p className="muted reported-date-note">
                {byReportedDate} of {edges.length} relationship{edges.length === 1 ? '' : 's'} on the canvas{' '}
                {byReportedDate === 1 ? 'has' : 'have'} no event date and {byReportedDate === 1 ? 'is' : 'are'} placed by reported date.
              </p>
            )}
          </>
        ) : (
          <p className="muted">
            {ranges.length === 0
              ? 'No relationship on the canvas has a date yet (neither an event date nor a reported date).'
              : 'The dated relationships on the canvas (event dates, or reported dates where there are none) span a single month.'}
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>Filtered elements</legend>
        <label>
          <input type="radio" name="filter-mode" checked={filters.mode === 'fade'} onChange={() => store.setFilters({ mode: 'fade' })} />{' '}
          fade
        </label>{' '}
        <label>
          <input type="radio" name="filter-mode" checked={filters.mode === 'hide'} onChange={() => store.setFilters({ mode: 'hide' })} />{' '}
          hide
        </label>
      </fieldset>
      <button
        type="button"
        onClick={() => store.setFilters({ hiddenLabels: [], hiddenTypes: [], minConfidence: 0, dateFrom: null, dateTo: null })}
      >
        Reset filters
      </button>
    </div>
  );
}

function countBy(items: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}
