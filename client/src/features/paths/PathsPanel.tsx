// Find paths: two entities (search, or "find path to…" from the canvas), maximum hops, types and
// mode; paths are added to the canvas, highlighted, and listed hop by hop with their evidence.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { PathsResponse } from '@model/api.js';
import type { RelType } from '@model/graph-model.js';
import { api } from '../../shared/api.js';
import { graphQueries } from '../../shared/query-options.js';
import { ErrorText } from '../../shared/ui/ErrorText.js';
import { Spinner } from '../../shared/ui/Spinner.js';

export interface PathEnd {
  id: string;
  name: string;
}

export interface PathsPanelProps {
  from: PathEnd | null;
  to: PathEnd | null;
  /** Renders a search box that picks an entity for one end. */
  renderPicker(end: 'from' | 'to'): React.ReactNode;
  onResult(result: PathsResponse, chosen: number | null): void;
}

export function PathsPanel({ from, to, renderPicker, onResult }: PathsPanelProps) {
  const [maxHops, setMaxHops] = useState(4);
  const [mode, setMode] = useState<'shortest' | 'allShortest' | 'k'>('k');
  const [relTypes, setRelTypes] = useState<RelType[]>([]);
  const meta = useQuery(graphQueries.meta());
  const [chosen, setChosen] = useState<number | null>(null);
  const find = useMutation({
    mutationFn: () => api.paths({ from: from!.id, to: to!.id, maxHops, mode, k: 5, ...(relTypes.length ? { relTypes } : {}) }),
    onSuccess: (result) => {
      setChosen(null);
      onResult(result, null);
    },
  });
  const result = find.data;
  const nameOf = (id: string) => result?.nodes.find((n) => n.id === id)?.name ?? id;

  return (
    <div className="paths-panel">
      <div className="form-row">
        <span className="path-end-label">From</span>{' '}
        {from ? <strong data-testid="path-from">{from.name}</strong> : <span className="muted">not chosen</span>}
      </div>
      {renderPicker('from')}
      <div className="form-row">
        <span className="path-end-label">To</span>{' '}
        {to ? <strong data-testid="path-to">{to.name}</strong> : <span className="muted">not chosen</span>}
      </div>
      {renderPicker('to')}
      <label className="form-row">
        Maximum hops
        <input
          type="number"
          min={1}
          max={8}
          value={maxHops}
          onChange={(e) => setMaxHops(Math.min(8, Math.max(1, Number(e.target.value) || 1)))}
        />
      </label>
      <label className="form-row">
        Mode
        <select value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
          <option value="k">Up to 5 paths, shortest first</option>
          <option value="shortest">One shortest path</option>
          <option value="allShortest">All shortest paths</option>
        </select>
      </label>
      <label className="form-row">
        Relationship types (none chosen: all)
        <select
          multiple
          value={relTypes}
          size={5}
          onChange={(e) => setRelTypes([...e.target.selectedOptions].map((o) => o.value as RelType))}
        >
          {(meta.data?.relationshipTypes ?? []).map((t) => (
            <option key={t.type} value={t.type}>
              {t.type}
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={!from || !to || find.isPending} onClick={() => find.mutate()}>
        Find paths
      </button>
      {find.isPending && <Spinner label="Finding paths…" />}
      <ErrorText error={find.error} />
      {result && result.paths.length === 0 && <p role="status">No path within {maxHops} hops.</p>}
      {result && result.paths.length > 0 && (
        <ol className="path-list" aria-label="Paths found">
          {result.paths.map((p, i) => (
            <li key={i} className={chosen === i ? 'chosen' : undefined}>
              <button
                type="button"
                onClick={() => {
                  setChosen(i);
                  onResult(result, i);
                }}
              >
                Path {i + 1}: {p.length} hop{p.length === 1 ? '' : 's'}
              </button>
              <ol className="hops">
                {p.edges.map((edgeId, h) => {
                  const edge = result.edges.find((e) => e.id === edgeId);
                  if (!edge) return null;
                  return (
                    <li key={edgeId} className="hop">
                      {nameOf(p.nodes[h]!)} — <span className="rel-type">{edge.type}</span> {edge.from === p.nodes[h] ? '→' : '←'}{' '}
                      {nameOf(p.nodes[h + 1]!)}
                      <div className="hop-evidence muted">
                        confidence {edge.evidence.confidence ?? '?'} ·{' '}
                        {edge.evidence.quote ? `“${edge.evidence.quote}”` : edge.evidence.summary} · sources:{' '}
                        {edge.evidence.sources.join(', ')}
                      </div>
                    </li>
                  );
                })}
              </ol>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
