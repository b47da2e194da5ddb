// The explorer's screen, composed from its features. Features never import each other: the app
// lays them out and wires them through the graph store and callbacks. Actions live in their
// features as hooks on TanStack mutations; one busy indicator and one error line cover them all.
import { useCallback, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Graph, PathsResponse } from '@model/api.js';
import type { AuthUser } from '@model/auth.js';
import { ContextMenu, type NodeMenuActions } from '../features/canvas/ContextMenu.js';
import { GraphCanvas, type CanvasHandle } from '../features/canvas/GraphCanvas.js';
import { RendererBadge } from '../features/canvas/RendererBadge.js';
import { isLayoutId, type LayoutId } from '../features/canvas/layouts.js';
import { ConsolePanel } from '../features/console/ConsolePanel.js';
import { PageSizeField } from '../features/expand/PageSizeField.js';
import { useExpand } from '../features/expand/use-expand.js';
import { ExportDialog } from '../features/export/ExportDialog.js';
import { FiltersPanel } from '../features/filters/FiltersPanel.js';
import { ImportPanel } from '../features/import/ImportPanel.js';
import { InspectPanel, NOTE_FIELD_ID } from '../features/inspect/InspectPanel.js';
import { PathsPanel } from '../features/paths/PathsPanel.js';
import { usePathEnds } from '../features/paths/use-path-ends.js';
import { Presenter } from '../features/presenter/Presenter.js';
import { PresenterPanel } from '../features/presenter/PresenterPanel.js';
import { QueriesPanel } from '../features/queries/QueriesPanel.js';
import { SearchBox } from '../features/search/SearchBox.js';
import { useAddNode } from '../features/search/use-add-node.js';
import { SnapshotsPanel } from '../features/snapshots/SnapshotsPanel.js';
import { StylePanel } from '../features/style/StylePanel.js';
import { TimeBar } from '../features/timebar/TimeBar.js';
import { useCapture, useOpenedView } from '../features/snapshots/use-opened-view.js';
import { useActionStatus } from '../shared/actions.js';
import { StrokeIcon, TabBar, type TabSpec } from '../shared/ui/TabBar.js';
import { useExplorerHandle } from './use-explorer-handle.js';
import { GraphStore, remaining, type ElementIds } from '../shared/graph-store.js';
import { groupOf } from '../shared/groups.js';
import { CanvasNotices, StatusLine } from './Notices.js';
import { SidePanelToggle } from './SidePanelToggle.js';
import { Toolbar } from './Toolbar.js';
import { useHealth } from './use-health.js';
import { useInitialLink, useLinkedView } from './use-linked-view.js';
import { useShortcuts } from './use-shortcuts.js';
import { useSidePanels } from './use-side-panels.js';
import { useTheme } from './use-theme.js';

type Tab = 'filters' | 'paths' | 'queries' | 'console' | 'snapshots' | 'present' | 'import';
const TABS: ReadonlyArray<TabSpec<Tab>> = [
  { id: 'filters', name: 'Filters & legend', caption: 'Filters', icon: <StrokeIcon d="M3 5h18l-7 8v5l-4 2v-7z" /> },
  {
    id: 'paths',
    name: 'Paths',
    caption: 'Paths',
    icon: <StrokeIcon d="M6 20a2 2 0 1 1 0-4 2 2 0 0 1 0 4zM18 8a2 2 0 1 1 0-4 2 2 0 0 1 0 4zM6 16v-5a5 5 0 0 1 5-5h5" />,
  },
  { id: 'queries', name: 'Saved queries', caption: 'Queries', icon: <StrokeIcon d="M6 3h12v18l-6-4-6 4z" /> },
  { id: 'console', name: 'Cypher console', caption: 'Console', icon: <StrokeIcon d="M4 6l6 6-6 6M12 18h8" /> },
  {
    id: 'snapshots',
    name: 'Snapshots',
    caption: 'Snapshots',
    icon: <StrokeIcon d="M3 8h4l2-3h6l2 3h4v11H3zM12 16a3 3 0 1 1 0-6 3 3 0 0 1 0 6z" />,
  },
  { id: 'present', name: 'Present', caption: 'Present', icon: <StrokeIcon d="M3 4h18v12H3zM8 21h8M12 16v5" /> },
  { id: 'import', name: 'Import STIX', caption: 'Import', icon: <StrokeIcon d="M12 3v12M7 10l5 5 5-5M4 17v3h16v-3" /> },
];

/**
 * `account`: who is signed in and sign-out, at the end of the top bar (none with AUTH=none).
 * `user`: who uses it, so that controls their role or ownership does not allow are hidden.
 */
export function App({ account, user }: { account?: ReactNode; user?: AuthUser } = {}) {
  const store = useMemo(() => new GraphStore(), []);
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const canvas = useRef<CanvasHandle>(null);
  const cy = useCallback(() => canvas.current?.cy(), []);
  const fit = useCallback(() => canvas.current?.fit(), []);
  const link = useInitialLink();
  const [layout, setLayout] = useState<LayoutId>(isLayoutId(link.initial.layout) ? link.initial.layout : 'fcose');
  const [tab, setTab] = useState<Tab>('filters');
  const [menu, setMenu] = useState<{ id: string; x: number; y: number } | null>(null);
  const [exporting, setExporting] = useState(false);
  const [presentation, setPresentation] = useState<readonly string[] | null>(null);

  const health = useHealth();
  const [theme, setTheme] = useTheme();
  const [collapsed, togglePanel] = useSidePanels();
  const action = useActionStatus();
  const expand = useExpand(store);
  const addNode = useAddNode(store);
  const pathEnds = usePathEnds();
  const view = useOpenedView(store, (l) => {
    if (isLayoutId(l)) setLayout(l);
  });
  const capture = useCapture(store, cy, layout);
  const linked = useLinkedView({
    store,
    state,
    health,
    layout,
    link,
    opened: view.opened,
    showsOpened: view.showsOpened,
    openSnapshot: view.openSnapshot,
  });
  useShortcuts(store, fit);

  useExplorerHandle(store, cy);

  const menuActions: NodeMenuActions = {
    expand: expand.expand,
    more: expand.more,
    hide: (id) => store.hideNodes([id]),
    togglePin: (id) => store.togglePin(id),
    remove: (id) => store.removeNodes([id]),
    selectNeighbours: (id) => cy()?.getElementById(id).closedNeighborhood().select(),
    findPathFrom: (id) => {
      pathEnds.set('from', { id, name: store.getState().nodes[id]?.name ?? id });
      setTab('paths');
    },
    group: (id) => {
      store.groupNeighbours(id);
    },
    expandGroup: (id) => store.expandGroup(id),
    editNote: (id) => {
      store.select({ kind: 'node', id });
      // The inspect panel renders the note field for the newly selected node on the next frame.
      requestAnimationFrame(() => document.getElementById(NOTE_FIELD_ID)?.focus());
    },
  };

  /** A query's or a path search's result onto the canvas, highlighted (all of it, or the paths given). */
  function show(result: Graph, highlight: ElementIds = { nodes: result.nodes.map((n) => n.id), edges: result.edges.map((e) => e.id) }) {
    store.addGraph({ nodes: result.nodes, edges: result.edges });
    store.setHighlight(highlight);
  }
  const showAndFit = (result: Graph) => {
    show(result);
    fit();
  };

  const nodeCount = Object.keys(state.nodes).length;
  const menuGroup = menu ? groupOf(state.nodes[menu.id]) : null;
  // A group's "+N more" is its parent's next page, which joins the group.
  const menuExpansion = menu ? state.expansions[menuGroup?.parent ?? menu.id] : undefined;
  // Double-clicking a group expands it; any other node, its neighbours.
  const onExpand = (id: string) => (groupOf(store.getState().nodes[id]) ? store.expandGroup(id) : expand.expand(id));
  return (
    <div className="app">
      <header className="topbar">
        <h1>Threat-network explorer</h1>
        <SearchBox onPick={addNode} unavailable={health.starting ? 'Available once the graph is loaded' : null} />
        <Toolbar
          store={store}
          state={state}
          canvas={() => canvas.current}
          layout={layout}
          onLayout={(id) => {
            setLayout(id);
            canvas.current?.relayout(id);
          }}
          onExport={() => setExporting(true)}
        />
        <button
          type="button"
          className="theme-toggle"
          aria-pressed={theme === 'dark'}
          aria-label="Dark theme"
          title="Dark theme, for presenting"
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
        {account}
      </header>
      <StatusLine down={health.down} action={action} />
      <div className={`workspace${collapsed.left ? ' left-collapsed' : ''}${collapsed.right ? ' right-collapsed' : ''}`}>
        <aside className="sidebar left" aria-label="Tools" hidden={collapsed.left}>
          <TabBar label="Tools" tabs={TABS} selected={tab} onSelect={setTab} />
          <div role="tabpanel" id={`tab-${tab}`} aria-labelledby={`tab-button-${tab}`} className="tab-body">
            {tab === 'filters' && (
              <>
                <FiltersPanel store={store} />
                <StylePanel store={store} />
                <PageSizeField value={expand.pageSize} onChange={expand.setPageSize} />
              </>
            )}
            {tab === 'paths' && (
              <PathsPanel
                from={pathEnds.from}
                to={pathEnds.to}
                renderPicker={(end) => (
                  <SearchBox
                    label={end === 'from' ? 'Path start' : 'Path end'}
                    placeholder={end === 'from' ? 'Choose the start…' : 'Choose the end…'}
                    onPick={(id) => pathEnds.pick(end, id)}
                  />
                )}
                onResult={(result, chosen) => show(result, pathsOf(chosen === null ? result.paths : [result.paths[chosen]!]))}
              />
            )}
            {tab === 'queries' && <QueriesPanel onResult={showAndFit} {...(user ? { user } : {})} />}
            {tab === 'console' && <ConsolePanel onResult={showAndFit} />}
            {tab === 'snapshots' && (
              <SnapshotsPanel
                store={store}
                opened={view.opened}
                canvasEmpty={nodeCount === 0}
                capture={capture}
                onOpen={view.openSnapshot}
                onSaved={view.saved}
                onChanged={view.changed}
                {...(user ? { user } : {})}
              />
            )}
            {tab === 'present' && <PresenterPanel onPresent={(ids) => setPresentation(ids)} />}
            {tab === 'import' && <ImportPanel />}
          </div>
        </aside>
        <main className="canvas-area">
          <CanvasNotices linked={linked} starting={health.starting} opened={view.opened} empty={nodeCount === 0} busy={action.busy} />
          <GraphCanvas ref={canvas} store={store} layout={layout} onExpand={onExpand} onContextMenu={setMenu} />
          <TimeBar store={store} />
          <RendererBadge />
          <SidePanelToggle side="left" label="tools" collapsed={collapsed.left} onToggle={togglePanel} />
          <SidePanelToggle side="right" label="details" collapsed={collapsed.right} onToggle={togglePanel} />
          {menu && (
            <ContextMenu
              {...menu}
              pinned={state.pinned.includes(menu.id)}
              noted={Boolean(state.notes[menu.id])}
              more={menuExpansion ? { count: remaining(menuExpansion), relType: menuExpansion.relType } : null}
              group={menuGroup ? { name: state.nodes[menuGroup.id]?.name ?? menuGroup.id, parent: menuGroup.parent } : null}
              actions={menuActions}
              onClose={() => setMenu(null)}
            />
          )}
        </main>
        <aside className="sidebar right" aria-label="Details" hidden={collapsed.right}>
          <InspectPanel store={store} onMore={expand.more} />
        </aside>
      </div>
      {exporting && (
        <ExportDialog
          cy={cy}
          capture={capture}
          defaultTitle={view.opened?.title ?? ''}
          defaultCaption={view.opened?.caption ?? ''}
          canvasEmpty={nodeCount === 0}
          onImport={view.importView}
          onClose={() => setExporting(false)}
        />
      )}
      {presentation && <Presenter ids={presentation} onExit={() => setPresentation(null)} />}
    </div>
  );
}

/** The nodes and edges of some paths, to highlight. */
function pathsOf(paths: PathsResponse['paths']): ElementIds {
  return { nodes: paths.flatMap((p) => p.nodes), edges: paths.flatMap((p) => p.edges) };
}
