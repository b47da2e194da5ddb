// Filters and legend: labels (with their colour and shape) and relationship types to show,
// minimum confidence, the time window (picked on the time bar under the canvas; here, what it is
// and how edges are placed in it), and whether filtered elements fade or disappear. The counts
// follow the canvas.
import { useSyncExternalStore } from 'react';
import type { GraphStore } from '../../shared/graph-store.js';
import { LABEL_STYLES, labelStyle } from '@model/label-styles.js';
import { dateBasis, dateRange, visibility } from '../../shared/visibility.js';

export function FiltersPanel({ store }: { store: GraphStore }) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const { filters } = state;
  const byLabel = state.styleBy.color.kind === 'label';
  const v = visibility(state);
  const nodes = Object.values(state.nodes);
  const edges = Object.values(state.edges);
  const labelCounts = countBy(nodes.map((n) => n.label));
  const typeCounts = countBy(edges.map((e) => e.type));
  const ranges = edges.map(dateRange).filter((r): r is [string, string] => r !== null);
  const byReportedDate = edges.filter((e) => dateBasis(e) === 'reported').length;
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
              // Coloured by a property (Style by data, below), a label is told by its shape only.
              style={{ background: byLabel ? labelStyle(label).color : 'var(--border-strong)' }}
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
        {ranges.length > 0 ? (
          <>
            <p className="muted">
              {filters.dateFrom || filters.dateTo
                ? `From ${filters.dateFrom?.slice(0, 7) ?? 'the earliest date'} to ${filters.dateTo?.slice(0, 7) ?? 'the latest date'}: set it with the time bar under the canvas.`
                : 'All dates: pick a window with the time bar under the canvas.'}
            </p>
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
          <p className="muted">No relationship on the canvas has a date yet (neither an event date nor a reported date).</p>
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
