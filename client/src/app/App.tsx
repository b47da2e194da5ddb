// The explorer's screen, composed from its features. Features never import each other: the app
// wires them through the graph store and the actions below.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { CypherResult, PathsResponse } from '../../../model/api.js';
import type { RelType } from '../../../model/graph-model.js';
import { ContextMenu, type NodeMenuActions } from '../features/canvas/ContextMenu.js';
import { GraphCanvas, type CanvasHandle } from '../features/canvas/GraphCanvas.js';
import { LAYOUTS, isLayoutId, type LayoutId } from '../features/canvas/layouts.js';
import { ConsolePanel } from '../features/console/ConsolePanel.js';
import { FiltersPanel } from '../features/filters/FiltersPanel.js';
import { InspectPanel } from '../features/inspect/InspectPanel.js';
import { PathsPanel, type PathEnd } from '../features/paths/PathsPanel.js';
import { QueriesPanel } from '../features/queries/QueriesPanel.js';
import { SearchBox } from '../features/search/SearchBox.js';
import { ApiError, api } from '../shared/api.js';
import { GraphStore } from '../shared/graph-store.js';
import { explorerEvents } from '../shared/test-hooks.js';
import { Banner } from '../shared/ui/Banner.js';
import { ErrorText } from '../shared/ui/ErrorText.js';
import { readUrlView, writeUrlView } from '../shared/url-state.js';

type Tab = 'filters' | 'paths' | 'queries' | 'console';
const TABS: Array<{ id: Tab; name: string }> = [
  { id: 'filters', name: 'Filters & legend' },
  { id: 'paths', name: 'Paths' },
  { id: 'queries', name: 'Saved queries' },
  { id: 'console', name: 'Cypher console' },
];

export function App() {
  const store = useMemo(() => new GraphStore(), []);
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const canvas = useRef<CanvasHandle>(null);
  const queryClient = useQueryClient();
  const initial = useMemo(() => readUrlView(window.location.search), []);
  const [layout, setLayout] = useState<LayoutId>(isLayoutId(initial.layout) ? initial.layout : 'fcose');
  const [tab, setTab] = useState<Tab>('filters');
  const [menu, setMenu] = useState<{ id: string; x: number; y: number } | null>(null);
  const [pathEnds, setPathEnds] = useState<{ from: PathEnd | null; to: PathEnd | null }>({ from: null, to: null });
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const health = useQuery({ queryKey: ['health'], queryFn: () => fetch('/api/health').then((r) => r.json() as Promise<{ status: string; message?: string }>), refetchInterval: 15_000, retry: false });
  const down = health.isError ? 'The explorer server is unreachable.' : health.data?.status === 'unavailable' ? (health.data.message ?? 'Neo4j is unreachable.') : null;

  // Exposed for the browser tests and the UI benchmark.
  useEffect(() => {
    (window as unknown as { __explorer: unknown }).__explorer = { store, events: explorerEvents, canvas: () => canvas.current?.cy() };
  }, [store]);

  const run = useCallback(async (work: () => Promise<unknown>) => {
    setBusy(true);
    setActionError(null);
    try {
      await work();
    } catch (err) {
      setActionError(err);
      if (err instanceof ApiError && err.unavailable) void health.refetch();
    } finally {
      setBusy(false);
    }
  }, [health]);

  const addNode = useCallback((id: string) => run(async () => store.addGraph(await api.subgraph([id]), { focus: id })), [run, store]);
  const expand = useCallback(
    (id: string, relType?: string) => run(async () => store.addGraph(await api.expand({ ids: [id], limit: 100, ...(relType ? { relTypes: [relType as RelType] } : {}) }), { anchor: id })),
    [run, store],
  );

  // Restore the view in the URL once, then keep the URL in step with the canvas.
  const restored = useRef(false);
  useEffect(() => {
    if (initial.nodes.length === 0 || restored.current) return;
    restored.current = true;
    void run(async () => {
      const graph = await api.subgraph(initial.nodes.slice(0, 2000));
      store.addGraph(graph);
      store.hideNodes(initial.hidden);
      for (const id of initial.pinned) store.togglePin(id);
    });
  }, [initial, run, store]);
  useEffect(() => {
    const search = writeUrlView({ nodes: Object.keys(state.nodes), hidden: [...state.hidden], pinned: [...state.pinned], layout: layout === 'fcose' ? null : layout }, window.location.search);
    if (search !== window.location.search) window.history.replaceState(null, '', `${window.location.pathname}${search}`);
  }, [state.nodes, state.hidden, state.pinned, layout]);

  // A new layout choice re-lays out what is on the canvas.
  const firstLayout = useRef(true);
  useEffect(() => {
    if (firstLayout.current) {
      firstLayout.current = false;
      return;
    }
    canvas.current?.relayout();
  }, [layout]);

  // Keyboard: undo / redo, fit, focus search, delete the selected node.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const typing = e.target instanceof HTMLElement && (e.target.closest('input, textarea, select, [contenteditable="true"], .cm-editor') !== null);
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z' && !typing) {
        e.preventDefault();
        if (e.shiftKey) store.redo();
        else store.undo();
      } else if (mod && e.key.toLowerCase() === 'y' && !typing) {
        e.preventDefault();
        store.redo();
      } else if (e.key === '/' && !typing) {
        e.preventDefault();
        document.querySelector<HTMLInputElement>('.topbar .search-box input')?.focus();
      } else if (!typing && (e.key === 'Delete' || e.key === 'Backspace') && store.getState().selected?.kind === 'node') {
        store.removeNodes([store.getState().selected!.id]);
      } else if (!typing && e.key === 'f') {
        canvas.current?.fit();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  const menuActions: NodeMenuActions = {
    expand,
    hide: (id) => store.hideNodes([id]),
    togglePin: (id) => store.togglePin(id),
    remove: (id) => store.removeNodes([id]),
    selectNeighbours: (id) => {
      const cy = canvas.current?.cy();
      cy?.getElementById(id).closedNeighborhood().select();
    },
    findPathFrom: (id) => {
      setPathEnds((ends) => ({ ...ends, from: { id, name: store.getState().nodes[id]?.name ?? id } }));
      setTab('paths');
    },
  };

  function showResult(result: CypherResult | PathsResponse) {
    store.addGraph({ nodes: result.nodes, edges: result.edges });
    store.setHighlight({ nodes: result.nodes.map((n) => n.id), edges: result.edges.map((e) => e.id) });
    canvas.current?.fit();
  }

  function showPaths(result: PathsResponse, chosen: number | null) {
    store.addGraph({ nodes: result.nodes, edges: result.edges });
    const paths = chosen === null ? result.paths : [result.paths[chosen]!];
    store.setHighlight({ nodes: paths.flatMap((p) => p.nodes), edges: paths.flatMap((p) => p.edges) });
  }

  const nodeCount = Object.keys(state.nodes).length;
  return (
    <div className="app">
      <header className="topbar">
        <h1>Threat-network explorer</h1>
        <SearchBox onPick={(id) => void addNode(id)} />
        <div className="toolbar" role="toolbar" aria-label="Canvas controls">
          <button type="button" onClick={() => store.undo()} disabled={!store.canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">
            ↶
          </button>
          <button type="button" onClick={() => store.redo()} disabled={!store.canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
            ↷
          </button>
          <button type="button" onClick={() => canvas.current?.fit()} aria-label="Fit to screen" title="Fit (F)">
            ⤢
          </button>
          <button type="button" onClick={() => canvas.current?.zoom(1.25)} aria-label="Zoom in">
            +
          </button>
          <button type="button" onClick={() => canvas.current?.zoom(0.8)} aria-label="Zoom out">
            −
          </button>
          <label>
            <span className="visually-hidden">Layout</span>
            <select aria-label="Layout" value={layout} onChange={(e) => setLayout(e.target.value as LayoutId)}>
              {LAYOUTS.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => canvas.current?.relayout()} aria-label="Re-run layout">
            Re-layout
          </button>
          <button type="button" onClick={() => store.showAll()} disabled={state.hidden.length === 0} aria-label="Show hidden nodes">
            Show hidden ({state.hidden.length})
          </button>
          <button type="button" onClick={() => store.setHighlight({ nodes: [], edges: [] })} disabled={state.highlight.nodes.length === 0} aria-label="Clear highlight">
            Clear highlight
          </button>
          <button type="button" onClick={() => store.clear()} disabled={nodeCount === 0} aria-label="Clear canvas">
            Clear
          </button>
        </div>
      </header>
      {down && (
        <Banner onRetry={() => void queryClient.invalidateQueries()}>
          {down} The canvas keeps what it shows; actions will work again when the database is back.
        </Banner>
      )}
      {actionError !== null && !down && (
        <div className="action-error">
          <ErrorText error={actionError} />
          <button type="button" onClick={() => setActionError(null)} aria-label="Dismiss error">
            ×
          </button>
        </div>
      )}
      <div className="workspace">
        <aside className="sidebar left" aria-label="Tools">
          <div role="tablist" aria-label="Tools" className="tabs">
            {TABS.map((t) => (
              <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} aria-controls={`tab-${t.id}`} id={`tab-button-${t.id}`} onClick={() => setTab(t.id)}>
                {t.name}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`tab-${tab}`} aria-labelledby={`tab-button-${tab}`} className="tab-body">
            {tab === 'filters' && <FiltersPanel store={store} />}
            {tab === 'paths' && (
              <PathsPanel
                from={pathEnds.from}
                to={pathEnds.to}
                renderPicker={(end) => (
                  <SearchBox
                    label={end === 'from' ? 'Path start' : 'Path end'}
                    placeholder={end === 'from' ? 'Choose the start…' : 'Choose the end…'}
                    onPick={(id) =>
                      void api.node(id).then(
                        (d) => setPathEnds((ends) => ({ ...ends, [end]: { id, name: d.node.name } })),
                        (err: unknown) => setActionError(err),
                      )
                    }
                  />
                )}
                onResult={showPaths}
              />
            )}
            {tab === 'queries' && <QueriesPanel onResult={(r) => showResult(r)} />}
            {tab === 'console' && <ConsolePanel onResult={(r) => showResult(r)} />}
          </div>
        </aside>
        <main className="canvas-area">
          {nodeCount === 0 && !busy && <p className="empty-hint">Search for an actor, a gang or a tool above (press /), then double-click a node to expand it, right-click for more.</p>}
          {busy && <div className="busy" role="status">Loading…</div>}
          <GraphCanvas ref={canvas} store={store} layout={layout} onExpand={(id) => void expand(id)} onContextMenu={setMenu} />
          {menu && <ContextMenu {...menu} pinned={state.pinned.includes(menu.id)} actions={menuActions} onClose={() => setMenu(null)} />}
        </main>
        <aside className="sidebar right" aria-label="Details">
          <InspectPanel store={store} />
        </aside>
      </div>
    </div>
  );
}
