// The Cytoscape canvas. It mirrors the graph store: elements added or removed, classes for
// filters, highlight, marks and pins, notes; a loaded view put back exactly (positions, zoom, pan,
// no layout); and it reports what a person does on it (select, expand, menu).
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { forwardRef, useEffect, useImperativeHandle, useRef, useSyncExternalStore } from 'react';
import type { GraphStore } from '../../shared/graph-store.js';
import { explorerEvents, explorerStatus } from '../../shared/test-hooks.js';
import { visibility } from '../../shared/visibility.js';
import { LARGE_GRAPH_NODES, NODE_SIZE, canvasStyle } from './cy-style.js';
import { incrementalLayout, layoutOptions, type LayoutId } from './layouts.js';
import { WORKER_LAYOUT_MIN_NODES, runLayoutInWorker } from './worker-layout.js';

cytoscape.use(fcose);

export interface CanvasHandle {
  fit(): void;
  zoom(factor: number): void;
  /** Lays out what is on the canvas again, with the layout given or the current one. */
  relayout(layout?: LayoutId): void;
  /** The Cytoscape instance, for exports and tests. */
  cy(): cytoscape.Core | null;
}

export interface GraphCanvasProps {
  store: GraphStore;
  layout: LayoutId;
  onExpand(id: string): void;
  onContextMenu(menu: { id: string; x: number; y: number }): void;
}

export const GraphCanvas = forwardRef<CanvasHandle, GraphCanvasProps>(function GraphCanvas(
  { store, layout, onExpand, onContextMenu },
  ref,
) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const handlers = useRef({ onExpand, onContextMenu });
  handlers.current = { onExpand, onContextMenu };
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const running = useRef<{ stop(): void } | null>(null);
  const restoredSeq = useRef(0);
  const largeStyle = useRef(false);

  /** Lays out `eles` (everything on the canvas by default). */
  function runLayout(options: cytoscape.LayoutOptions, eles?: cytoscape.Collection) {
    const cy = cyRef.current;
    if (!cy) return;
    running.current?.stop();
    const scope = eles ?? cy.elements();
    const announce = () => explorerEvents.dispatchEvent(new CustomEvent('layoutstop', { detail: { nodes: cy.nodes().length } }));
    // A large fCoSE layout blocks the page for seconds: it runs in a worker while the graph is
    // already drawn at provisional positions.
    if (options.name === 'fcose' && scope.nodes().length >= WORKER_LAYOUT_MIN_NODES) {
      const run = runLayoutInWorker(cy, scope, options as unknown as Record<string, unknown>, NODE_SIZE);
      running.current = { stop: run.cancel };
      void run.done.then((outcome) => {
        if (running.current?.stop === run.cancel) running.current = null;
        if (outcome !== 'cancelled') announce();
      });
      return;
    }
    const l = scope.layout(options);
    running.current = l;
    l.one('layoutstop', () => {
      if (running.current === l) running.current = null;
      announce();
    });
    l.run();
  }

  useImperativeHandle(ref, () => ({
    fit: () => cyRef.current?.animate({ fit: { eles: cyRef.current.elements(':visible'), padding: 30 } }, { duration: 250 }),
    zoom: (factor) => {
      const cy = cyRef.current;
      if (!cy) return;
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    },
    relayout: (chosen) => runLayout(layoutOptions(chosen ?? layoutRef.current, cyRef.current?.elements().length ?? 0)),
    cy: () => cyRef.current,
  }));

  // Create Cytoscape once.
  useEffect(() => {
    const cy = cytoscape({
      container: container.current,
      style: canvasStyle(),
      wheelSensitivity: 0.3,
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: true,
      // Pan and zoom move a bitmap of the graph: smooth at thousands of elements.
      textureOnViewport: true,
    });
    cyRef.current = cy;
    cy.on('tap', 'node', (e) => store.select({ kind: 'node', id: e.target.id() }));
    cy.on('tap', 'edge', (e) => store.select({ kind: 'edge', id: e.target.id() }));
    cy.on('tap', (e) => {
      if (e.target === cy) store.select(null);
    });
    cy.on('dbltap', 'node', (e) => handlers.current.onExpand(e.target.id()));
    cy.on('cxttap', 'node', (e) => {
      const box = container.current!.getBoundingClientRect();
      handlers.current.onContextMenu({ id: e.target.id(), x: box.left + e.renderedPosition.x, y: box.top + e.renderedPosition.y });
    });
    cy.on('render', () => explorerEvents.dispatchEvent(new CustomEvent('render', { detail: { nodes: cy.nodes().length } })));
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
  }, [store]);

  // Mirror the store's elements; a loaded view puts every node where it was saved instead.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const restore = state.restore && state.restore.seq !== restoredSeq.current ? state.restore : null;
    if (restore) {
      restoredSeq.current = restore.seq;
      running.current?.stop();
      running.current = null;
      cy.stop(true, true);
    }
    // The stylesheet for the size the canvas is about to have, set before the elements come in so
    // that thousands of them are styled once, not twice.
    const large = Object.keys(state.nodes).length >= LARGE_GRAPH_NODES;
    if (large !== largeStyle.current) {
      largeStyle.current = large;
      cy.style(canvasStyle({ large }));
    }
    const wanted = new Set([...Object.keys(state.nodes), ...Object.keys(state.edges)]);
    const firstFill = cy.nodes().length === 0;
    let added = cy.collection() as cytoscape.NodeCollection;
    cy.batch(() => {
      cy.elements().forEach((el) => {
        if (!wanted.has(el.id())) cy.remove(el);
      });
      const anchor = state.lastAdded?.anchor ? cy.getElementById(state.lastAdded.anchor) : null;
      const center = anchor?.nonempty() ? anchor.position() : { x: cy.width() / 2, y: cy.height() / 2 };
      const nodes = Object.values(state.nodes).filter((n) => cy.getElementById(n.id).empty());
      added = cy.add(
        nodes.map((n, i) => ({
          group: 'nodes' as const,
          data: { id: n.id, label: n.label, name: n.name },
          position: restore?.positions[n.id] ?? spiral(center, i, nodes.length),
        })),
      );
      if (restore) {
        // Nodes kept from before the load move too; pinned (locked) ones would refuse.
        cy.nodes().forEach((n) => {
          const at = restore.positions[n.id()];
          if (!at) return;
          n.unlock();
          n.position({ x: at.x, y: at.y });
        });
      }
      const edges = Object.values(state.edges).filter((e) => cy.getElementById(e.id).empty());
      cy.add(
        edges.map((e) => ({
          group: 'edges' as const,
          // `weight` draws the width (unknown confidence as middling); `confidence` stays the fact, absent when unknown.
          data: {
            id: e.id,
            source: e.from,
            target: e.to,
            type: e.type,
            weight: e.evidence.confidence ?? 50,
            ...(e.evidence.confidence !== undefined ? { confidence: e.evidence.confidence } : {}),
          },
        })),
      );
    });
    if (restore) {
      cy.viewport({ zoom: restore.zoom, pan: { ...restore.pan } });
      explorerStatus.viewsRestored++;
      explorerEvents.dispatchEvent(new CustomEvent('viewrestored', { detail: { nodes: cy.nodes().length, seq: restore.seq } }));
      return;
    }
    if (added.nonempty()) {
      // Show the provisional positions at once; the layout moves them when it is done.
      if (firstFill) cy.fit(undefined, 30);
      if (firstFill || added.length === cy.nodes().length) runLayout(layoutOptions(layoutRef.current, cy.elements().length));
      else {
        const around = incrementalLayout(cy, added);
        runLayout(around.options, around.eles);
      }
    }
    const focus = state.lastAdded?.focus ? cy.getElementById(state.lastAdded.focus) : null;
    if (focus?.nonempty()) cy.animate({ center: { eles: focus }, zoom: Math.max(cy.zoom(), 1) }, { duration: 300 });
  }, [state.nodes, state.edges, state.lastAdded, state.restore]);

  // Classes: filters, hidden, highlight, marks, pins, selection; and the note marker on labels.
  // Only elements whose classes change are touched: with thousands on the canvas, restyling all
  // of them made every click slow.
  const appliedClasses = useRef(new Map<string, string>());
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const v = visibility(state);
    const hide = state.filters.mode === 'hide';
    const highlightNodes = new Set(state.highlight.nodes);
    const highlightEdges = new Set(state.highlight.edges);
    const pinned = new Set(state.pinned);
    const markedNodes = new Set(state.marked.nodes);
    const markedEdges = new Set(state.marked.edges);
    const applied = appliedClasses.current;
    const next = new Map<string, string>();
    const apply = (
      el: cytoscape.NodeSingular | cytoscape.EdgeSingular,
      classes: Record<'gone' | 'faded' | 'highlight' | 'pinned' | 'marked', boolean>,
    ) => {
      const signature = Object.values(classes).map(Number).join('');
      next.set(el.id(), signature);
      if (applied.get(el.id()) === signature) return;
      for (const [name, on] of Object.entries(classes)) el.toggleClass(name, on);
      if (el.isNode()) {
        const node = el;
        if (classes.pinned) node.lock();
        else node.unlock();
      }
    };
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const id = n.id();
        const note = state.notes[id];
        // In the element's data (not a style function) so a saved view's style draws it elsewhere too.
        const mark = note ? `${NOTE_SYMBOL} ${String(n.data('name'))}` : undefined;
        if (mark !== n.data(NOTE_MARK)) {
          if (mark) n.data(NOTE_MARK, mark);
          else n.removeData(NOTE_MARK);
        }
        const filtered = v.filteredNodes.has(id);
        apply(n, {
          gone: v.hiddenNodes.has(id) || (hide && filtered),
          faded: !hide && filtered,
          highlight: highlightNodes.has(id),
          pinned: pinned.has(id),
          marked: markedNodes.has(id),
        });
      });
      cy.edges().forEach((e) => {
        const id = e.id();
        const endHidden = v.hiddenNodes.has(e.data('source') as string) || v.hiddenNodes.has(e.data('target') as string);
        const filtered = v.filteredEdges.has(id);
        apply(e, {
          gone: endHidden || (hide && filtered),
          faded: !endHidden && !hide && filtered,
          highlight: highlightEdges.has(id),
          pinned: false,
          marked: markedEdges.has(id),
        });
      });
      cy.elements(':selected').unselect();
      if (state.selected) cy.getElementById(state.selected.id).select();
    });
    appliedClasses.current = next;
  }, [state]);

  return <div ref={container} className="graph-canvas" data-testid="graph-canvas" aria-label="Graph canvas" role="application" />;
});

/** The data field holding a noted node's label with its marker; cy-style.ts draws it. */
const NOTE_MARK = 'noteMark';
const NOTE_SYMBOL = '✎';

/** Starting positions for new nodes: a small spiral around their anchor. */
function spiral(center: { x: number; y: number }, i: number, count: number): { x: number; y: number } {
  if (count === 1) return { x: center.x + 60, y: center.y + 20 };
  const angle = i * 2.4;
  const radius = 60 + 8 * Math.sqrt(i);
  return { x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) };
}
