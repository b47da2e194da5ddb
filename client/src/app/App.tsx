// The explorer's screen, composed from its features. Features never import each other: the app
// wires them through the graph store and the actions below.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { CypherResult, PathsResponse } from '../../../model/api.js';
import type { RelType } from '../../../model/graph-model.js';
import type { Snapshot, ViewDocument } from '../../../model/snapshot.js';
import { ContextMenu, type NodeMenuActions } from '../features/canvas/ContextMenu.js';
import { GraphCanvas, type CanvasHandle } from '../features/canvas/GraphCanvas.js';
import { LAYOUTS, isLayoutId, type LayoutId } from '../features/canvas/layouts.js';
import { ConsolePanel } from '../features/console/ConsolePanel.js';
import { ExportDialog } from '../features/export/ExportDialog.js';
import { FiltersPanel } from '../features/filters/FiltersPanel.js';
import { InspectPanel, NOTE_FIELD_ID } from '../features/inspect/InspectPanel.js';
import { PathsPanel, type PathEnd } from '../features/paths/PathsPanel.js';
import { Presenter } from '../features/presenter/Presenter.js';
import { PresenterPanel } from '../features/presenter/PresenterPanel.js';
import { QueriesPanel } from '../features/queries/QueriesPanel.js';
import { SearchBox } from '../features/search/SearchBox.js';
import { SnapshotsPanel, type OpenedSnapshot } from '../features/snapshots/SnapshotsPanel.js';
import { ApiError, api } from '../shared/api.js';
import { snapshotQueries, systemQueries } from '../shared/query-options.js';
import { GraphStore, type CanvasContent } from '../shared/graph-store.js';
import { snapshotIdFromPath, snapshotPath } from '../shared/route.js';
import { explorerEvents, explorerStatus } from '../shared/test-hooks.js';
import { Banner } from '../shared/ui/Banner.js';
import { ErrorText } from '../shared/ui/ErrorText.js';
import { readUrlView, writeUrlView } from '../shared/url-state.js';
import { captureView, documentToView } from '../shared/view-document.js';
import { StartupPanel } from './StartupPanel.js';

type Tab = 'filters' | 'paths' | 'queries' | 'console' | 'snapshots' | 'present';
const TABS: Array<{ id: Tab; name: string }> = [
  { id: 'filters', name: 'Filters & legend' },
  { id: 'paths', name: 'Paths' },
  { id: 'queries', name: 'Saved queries' },
  { id: 'console', name: 'Cypher console' },
  { id: 'snapshots', name: 'Snapshots' },
  { id: 'present', name: 'Present' },
];

/** Whether the canvas still shows exactly what was loaded or saved (same content objects). */
function sameContent(a: CanvasContent, b: CanvasContent | null): boolean {
  return b !== null && a.nodes === b.nodes && a.edges === b.edges && a.hidden === b.hidden && a.pinned === b.pinned && a.notes === b.notes;
}

export function App() {
  const store = useMemo(() => new GraphStore(), []);
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const canvas = useRef<CanvasHandle>(null);
  const queryClient = useQueryClient();
  const initial = useMemo(() => readUrlView(window.location.search), []);
  // A /s/<id> link opens that snapshot instead of the view in the query string.
  const routeSnapshotId = useMemo(() => snapshotIdFromPath(window.location.pathname), []);
  const [layout, setLayout] = useState<LayoutId>(isLayoutId(initial.layout) ? initial.layout : 'fcose');
  const [tab, setTab] = useState<Tab>('filters');
  const [menu, setMenu] = useState<{ id: string; x: number; y: number } | null>(null);
  const [pathEnds, setPathEnds] = useState<{ from: PathEnd | null; to: PathEnd | null }>({ from: null, to: null });
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState<OpenedSnapshot | null>(null);
  // The store's content when a snapshot was opened or saved: while the canvas still shows it, the
  // address stays /s/<id>.
  const [pristine, setPristine] = useState<CanvasContent | null>(null);
  const [exporting, setExporting] = useState(false);
  const [presentation, setPresentation] = useState<readonly string[] | null>(null);

  // Every second while the explorer starts, so the progress moves and the view in the link
  // appears as soon as the data is complete.
  const health = useQuery({
    ...systemQueries.health(),
    refetchInterval: (query) => (query.state.data?.status === 'starting' && query.state.status !== 'error' ? 1_000 : 15_000),
    retry: false,
  });
  // A failed refetch keeps the last answer in `data`: the error wins.
  const status = health.isError ? 'unreachable' : (health.data?.status ?? null);
  const ready = status === 'ok';
  const starting = status === 'starting' ? (health.data ?? null) : null;
  const down = status === 'unreachable' ? 'The explorer server is unreachable.' : status === 'unavailable' ? (health.data?.message ?? 'Neo4j is unreachable.') : null;

  // Back to ready after starting or an outage: fetch again what failed meanwhile (a panel opened
  // during start-up got a 503) and refresh the rest.
  const lastStatus = useRef<string | null>(null);
  useEffect(() => {
    if (status === null) return;
    const before = lastStatus.current;
    lastStatus.current = status;
    if (status === 'ok' && before !== null && before !== 'ok') void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== systemQueries.all[0] });
  }, [status, queryClient]);

  // Exposed for the browser tests and the UI benchmark.
  useEffect(() => {
    (window as unknown as { __explorer: unknown }).__explorer = { store, events: explorerEvents, status: explorerStatus, canvas: () => canvas.current?.cy() };
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

  /** The canvas as a view document (snapshots, exports); throws, naming the problem, if it cannot be. */
  const capture = useCallback(
    (meta: { title: string; caption: string }): ViewDocument => {
      const cy = canvas.current?.cy();
      if (!cy) throw new Error('The canvas is not ready yet.');
      return captureView(cy, store.getState(), { ...meta, layout });
    },
    [store, layout],
  );

  /** Puts a saved or imported view on the canvas exactly as it was. */
  const openView = useCallback(
    (document: ViewDocument, snapshot: OpenedSnapshot | null) => {
      store.loadView(documentToView(document));
      if (isLayoutId(document.layout)) setLayout(document.layout);
      setOpened(snapshot);
      setPristine(snapshot ? store.getState() : null);
    },
    [store],
  );
  const openSnapshot = useCallback((s: Snapshot) => openView(s.document, { id: s.id, title: s.title, caption: s.caption }), [openView]);

  const routeSnapshot = useQuery({
    ...snapshotQueries.one(routeSnapshotId ?? ''),
    // Only once the data is complete: during start-up the snapshot would be a 503, not the view.
    enabled: routeSnapshotId !== null && ready,
    retry: (count, err) => err instanceof ApiError && err.unavailable && count < 2,
  });
  const routeOpened = useRef(false);
  useEffect(() => {
    if (!routeSnapshot.data || routeOpened.current) return;
    routeOpened.current = true;
    openSnapshot(routeSnapshot.data);
  }, [routeSnapshot.data, openSnapshot]);

  // Restore the view in the URL once the data is complete, then keep the URL in step with the canvas.
  const restored = useRef(false);
  useEffect(() => {
    if (!ready || routeSnapshotId !== null || initial.nodes.length === 0 || restored.current) return;
    restored.current = true;
    void run(async () => {
      try {
        const graph = await api.subgraph(initial.nodes.slice(0, 2000));
        store.addGraph(graph);
        store.hideNodes(initial.hidden);
        for (const id of initial.pinned) store.togglePin(id);
      } catch (err) {
        // Neo4j went away between the health check and this request: try again when it is back.
        if (err instanceof ApiError && err.unavailable) restored.current = false;
        throw err;
      }
    });
  }, [ready, initial, routeSnapshotId, run, store]);
  const awaitingLinkedView = (routeSnapshotId !== null && !routeOpened.current) || (routeSnapshotId === null && initial.nodes.length > 0 && !restored.current);
  useEffect(() => {
    // Until the linked snapshot or view is on the canvas (or the person starts a view of their
    // own), keep its link: a reload or a copy during start-up must still lead to it.
    if (routeSnapshotId !== null && !routeOpened.current && Object.keys(state.nodes).length === 0) return;
    if (routeSnapshotId === null && initial.nodes.length > 0 && !restored.current && Object.keys(state.nodes).length === 0) return;
    const content = { nodes: state.nodes, edges: state.edges, hidden: state.hidden, pinned: state.pinned, notes: state.notes };
    const target =
      opened && sameContent(content, pristine)
        ? snapshotPath(opened.id)
        : `/${writeUrlView({ nodes: Object.keys(state.nodes), hidden: [...state.hidden], pinned: [...state.pinned], layout: layout === 'fcose' ? null : layout }, snapshotIdFromPath(window.location.pathname) ? '' : window.location.search)}`;
    if (target !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, '', target);
  }, [state.nodes, state.edges, state.hidden, state.pinned, state.notes, layout, opened, pristine, routeSnapshotId, initial]);

  function chooseLayout(id: LayoutId) {
    setLayout(id);
    canvas.current?.relayout(id);
  }

  // Keyboard: undo / redo, fit, focus search, delete the selected node.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      // Presenter mode and the export dialog take the keys while open.
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
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
    expand: (id) => void expand(id),
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
    editNote: (id) => {
      store.select({ kind: 'node', id });
      // The inspect panel renders the note field for the newly selected node on the next frame.
      requestAnimationFrame(() => document.getElementById(NOTE_FIELD_ID)?.focus());
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
        <SearchBox onPick={(id) => void addNode(id)} unavailable={starting ? 'Available once the graph is loaded' : null} />
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
            <select aria-label="Layout" value={layout} onChange={(e) => chooseLayout(e.target.value as LayoutId)}>
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
          <button type="button" onClick={() => setExporting(true)} aria-haspopup="dialog" aria-label="Export or import the view">
            Export…
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
            {tab === 'snapshots' && (
              <SnapshotsPanel
                store={store}
                opened={opened}
                canvasEmpty={nodeCount === 0}
                capture={capture}
                onOpen={openSnapshot}
                onSaved={(s) => {
                  setOpened({ id: s.id, title: s.title, caption: s.caption });
                  setPristine(store.getState());
                }}
                onChanged={(id, summary) => {
                  if (opened?.id !== id) return;
                  setOpened(summary && { id, title: summary.title, caption: summary.caption });
                }}
              />
            )}
            {tab === 'present' && <PresenterPanel onPresent={(ids) => setPresentation(ids)} />}
          </div>
        </aside>
        <main className="canvas-area">
          {routeSnapshot.isPending && routeSnapshotId !== null && !starting && (
            <div className="busy" role="status">
              Opening the snapshot…
            </div>
          )}
          {routeSnapshot.isError && nodeCount === 0 && (
            <div className="route-error" role="alert">
              <h2>This snapshot could not be opened</h2>
              <ErrorText error={routeSnapshot.error} />
              <p>
                The link may be mistyped, or the snapshot deleted. <a href="/">Start a new view</a>
              </p>
            </div>
          )}
          {opened && (
            <div className="view-title" aria-label="Opened snapshot">
              <strong>{opened.title || 'Untitled snapshot'}</strong>
              {opened.caption && <span className="view-caption">{opened.caption}</span>}
            </div>
          )}
          {starting && (
            <StartupPanel
              health={starting}
              waiting={routeSnapshotId !== null ? 'The snapshot in your link opens as soon as the graph is loaded.' : initial.nodes.length > 0 ? 'The view in your link appears as soon as the graph is loaded.' : null}
            />
          )}
          {nodeCount === 0 && !busy && !starting && !awaitingLinkedView && <p className="empty-hint">Search for an actor, a gang or a tool above (press /), then double-click a node to expand it, right-click for more.</p>}
          {busy && <div className="busy" role="status">Loading…</div>}
          <GraphCanvas ref={canvas} store={store} layout={layout} onExpand={(id) => void expand(id)} onContextMenu={setMenu} />
          {menu && <ContextMenu {...menu} pinned={state.pinned.includes(menu.id)} noted={Boolean(state.notes[menu.id])} actions={menuActions} onClose={() => setMenu(null)} />}
        </main>
        <aside className="sidebar right" aria-label="Details">
          <InspectPanel store={store} />
        </aside>
      </div>
      {exporting && (
        <ExportDialog
          cy={() => canvas.current?.cy()}
          capture={capture}
          defaultTitle={opened?.title ?? ''}
          defaultCaption={opened?.caption ?? ''}
          canvasEmpty={nodeCount === 0}
          onImport={(document) => openView(document, null)}
          onClose={() => setExporting(false)}
        />
      )}
      {presentation && <Presenter ids={presentation} onExit={() => setPresentation(null)} />}
    </div>
  );
}
