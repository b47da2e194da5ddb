// The canvas controls in the top bar: undo, redo, fit, zoom, layout, show hidden, clear highlight,
// clear, export.
import { LAYOUTS, type LayoutId } from '../features/canvas/layouts.js';
import type { CanvasHandle } from '../features/canvas/GraphCanvas.js';
import type { CanvasState, GraphStore } from '../shared/graph-store.js';

export function Toolbar({
  store,
  state,
  canvas,
  layout,
  onLayout,
  onExport,
}: {
  store: GraphStore;
  state: CanvasState;
  canvas: () => CanvasHandle | null;
  layout: LayoutId;
  onLayout(id: LayoutId): void;
  onExport(): void;
}) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Canvas controls">
      <button type="button" onClick={() => store.undo()} disabled={!store.canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">
        ↶
      </button>
      <button type="button" onClick={() => store.redo()} disabled={!store.canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
        ↷
      </button>
      <button type="button" onClick={() => canvas()?.fit()} aria-label="Fit to screen" title="Fit (F)">
        ⤢
      </button>
      <button type="button" onClick={() => canvas()?.zoom(1.25)} aria-label="Zoom in">
        +
      </button>
      <button type="button" onClick={() => canvas()?.zoom(0.8)} aria-label="Zoom out">
        −
      </button>
      <label>
        <span className="visually-hidden">Layout</span>
        <select aria-label="Layout" value={layout} onChange={(e) => onLayout(e.target.value as LayoutId)}>
          {LAYOUTS.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => canvas()?.relayout()} aria-label="Re-run layout">
        Re-layout
      </button>
      <button type="button" onClick={() => store.showAll()} disabled={state.hidden.length === 0} aria-label="Show hidden nodes">
        Show hidden ({state.hidden.length})
      </button>
      <button
        type="button"
        onClick={() => store.setHighlight({ nodes: [], edges: [] })}
        disabled={state.highlight.nodes.length === 0}
        aria-label="Clear highlight"
      >
        Clear highlight
      </button>
      <button type="button" onClick={() => store.clear()} disabled={Object.keys(state.nodes).length === 0} aria-label="Clear canvas">
        Clear
      </button>
      <button type="button" onClick={onExport} aria-haspopup="dialog" aria-label="Export or import the view">
        Export…
      </button>
    </div>
  );
}
