// The Cytoscape canvas. It mirrors the graph store: elements added or removed, classes for
// filters, highlight, marks and pins, notes; a loaded view put back exactly (positions, zoom, pan,
// no layout); and it reports what a person does on it (select, expand, menu). Its viewport rules
// (viewport.ts): a fit never zooms in past a node about 40 px across; new nodes are brought into
// view without zooming in; a node selected elsewhere is brought into view; labels follow the zoom.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { forwardRef, useEffect, useImperativeHandle, useRef, useSyncExternalStore } from 'react';
import type { GraphStore } from '../../shared/graph-store.js';
import { explorerEvents, explorerStatus } from '../../shared/test-hooks.js';
import { TRANSIENT_CLASSES } from '../../shared/view-document.js';
import { visibility } from '../../shared/visibility.js';
import type { GraphEdge, GraphNode } from '@model/api.js';
import { NODE_SIZE, labelStyle } from '@model/label-styles.js';
import { groupOf } from '../../shared/groups.js';
import { LARGE_GRAPH_NODES, canvasStyle } from './cy-style.js';
import {
  LARGE_RESTYLE_DELAY_MS,
  expectedLayoutBox,
  focusLabelStyle,
  focusNeedsResize,
  largeLabelLevel,
  positionsBox,
  setViewportTexture,
} from './large-graph.js';
import { createHoverLabel } from './hover-label.js';
import { skipTriggersOnFirstStyle } from './first-style.js';
import { keepLayersPrimed } from './layer-cache.js';
import { emitRenderEvents, pageRenderer, rendererOptions } from './renderer-choice.js';
import { computeLayout, layoutOptions, placeAddedNodes, type LayoutId } from './layouts.js';
import type { Point } from './placement.js';
import { LAYOUT_LEVEL, fitViewport, labelLevel, revealViewport, type Box, type LabelLevel, type Viewport } from './viewport.js';
import { useStyleByData } from './use-style-by-data.js';
import { WORKER_LAYOUT_MIN_NODES, prewarmLayoutWorkers, runLayoutInWorker } from './worker-layout.js';

cytoscape.use(fcose);

/** Classes for a hovered element (and a hovered node's edges), and for a selected node's edges. */
const [HOVER, CONTEXT] = TRANSIENT_CLASSES;

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
  const hoverLabelBox = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const handlers = useRef({ onExpand, onContextMenu });
  handlers.current = { onExpand, onContextMenu };
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const running = useRef<{ stop(): void } | null>(null);
  const restoredSeq = useRef(0);
  const largeStyle = useRef(false);

  const styleKey = useRef('');
  /** Elements whose labels carry sizes for the zoom as a bypass (focusLabels). */
  const focusSized = useRef<cytoscape.Collection | null>(null);
  /** The zoom the labels in focus were sized for (focusLabels), null when none are. */
  const focusZoom = useRef<number | null>(null);

  /**
   * On a large canvas seen whole, the stylesheet keeps one label level for every zoom (no restyle of
   * thousands of elements); the few labels in focus (selected, their edges; hovered ones on a
   * smaller canvas) get sizes for the zoom as a style bypass instead, and lose it when they leave
   * focus or labels show.
   */
  function focusLabels() {
    const cy = cyRef.current;
    if (!cy) return;
    const sizes = largeStyle.current ? focusLabelStyle(cy.zoom()) : null;
    const focus = largeStyle.current ? cy.elements(`.${HOVER}, .${CONTEXT}, :selected`) : cy.collection();
    focusZoom.current = focus.nonempty() ? cy.zoom() : null;
    const inFocus = sizes ? focus : cy.collection();
    const before = focusSized.current;
    if (!before?.nonempty() && inFocus.empty()) return;
    cy.batch(() => {
      before?.difference(inFocus).removeStyle('font-size text-max-width');
      if (sizes) {
        inFocus.nodes().style(sizes.node);
        inFocus.edges().style(sizes.edge);
      }
    });
    focusSized.current = inFocus;
  }

  /** Sets the stylesheet for the canvas's size and a label level (the current zoom's by default), if it changed. */
  function applyStyle(level: LabelLevel = (largeStyle.current ? largeLabelLevel : labelLevel)(cyRef.current?.zoom() ?? 1)) {
    const cy = cyRef.current;
    if (!cy) return;
    const key = `${largeStyle.current}|${level.key}`;
    if (key === styleKey.current) return;
    styleKey.current = key;
    cy.style(canvasStyle({ large: largeStyle.current, level }));
  }

  /** Runs `fn` with labels measured at a fixed zoom, so layouts do not depend on the zoom they start at. */
  function atLayoutLevel<T>(fn: () => T): T {
    applyStyle(LAYOUT_LEVEL);
    try {
      return fn();
    } finally {
      applyStyle();
    }
  }

  /** Moves the viewport, at once or animated. */
  function moveTo(v: Viewport, animate: boolean) {
    const cy = cyRef.current;
    if (!cy) return;
    cy.stop(true);
    if (animate) cy.animate({ zoom: v.zoom, pan: v.pan }, { duration: 300 });
    else cy.viewport({ zoom: v.zoom, pan: v.pan });
  }

  /** The viewport that fits `eles` (labels included), zoomed in no further than the cap. */
  function fitted(eles: cytoscape.Collection): Viewport | null {
    const cy = cyRef.current;
    if (!cy || eles.empty()) return null;
    const large = largeStyle.current;
    const measure = () => eles.boundingBox({ includeLabels: !large, includeOverlays: false });
    const limits = { minZoom: cy.minZoom(), maxZoom: cy.maxZoom() };
    const first = fitViewport(measure(), cy.width(), cy.height(), limits);
    if (large) return first;
    // Labels are drawn at a size for the zoom: measure them again at the zoom the fit arrives at.
    applyStyle(labelLevel(first.zoom));
    return fitViewport(measure(), cy.width(), cy.height(), limits);
  }

  function fitTo(eles: cytoscape.Collection, animate: boolean) {
    const v = fitted(eles);
    if (v) moveTo(v, animate);
  }

  /** Brings `eles` into view by as little as it takes, never zooming in. */
  function reveal(eles: cytoscape.Collection, animate = true) {
    const cy = cyRef.current;
    const shown = eles.filter(':visible');
    if (!cy || shown.empty()) return;
    const box: Box = shown.boundingBox({ includeLabels: !largeStyle.current, includeOverlays: false });
    const v = revealViewport({ zoom: cy.zoom(), pan: { ...cy.pan() } }, box, cy.width(), cy.height(), { minZoom: cy.minZoom() });
    if (v) moveTo(v, animate);
  }

  function announce() {
    const cy = cyRef.current;
    if (cy) explorerEvents.dispatchEvent(new CustomEvent('layoutstop', { detail: { nodes: cy.nodes().length } }));
  }

  /** Moves nodes to `positions` (a preset layout, so it starts and stops like any), then calls `then`. */
  function moveNodes(nodes: cytoscape.NodeCollection, positions: Record<string, Point>, animate: boolean, then: () => void) {
    const cy = cyRef.current;
    if (!cy) return;
    running.current?.stop();
    const l = nodes.layout({
      name: 'preset',
      positions: (n: cytoscape.NodeSingular) => positions[n.id()] ?? n.position(),
      animate,
      animationDuration: 350,
      fit: false,
    } as cytoscape.LayoutOptions);
    running.current = l;
    l.one('layoutstop', () => {
      if (running.current !== l) return;
      running.current = null;
      then();
      announce();
    });
    l.run();
  }

  /** Lays out everything on the canvas with layout `id`, then fits it. */
  function layoutAll(id: LayoutId, animate: boolean) {
    const cy = cyRef.current;
    if (!cy) return;
    running.current?.stop();
    const eles = cy.elements();
    const fitAfter = () => fitTo(cy.elements(':visible'), animate);
    // A large fCoSE layout blocks the page for seconds: it runs in a worker while the graph is
    // already drawn at provisional positions.
    if (id === 'fcose' && eles.nodes().length >= WORKER_LAYOUT_MIN_NODES) {
      const options = layoutOptions(id, eles.length) as unknown as Record<string, unknown>;
      const run = runLayoutInWorker(cy, eles, { ...options, fit: false }, NODE_SIZE);
      running.current = { stop: run.cancel };
      void run.done.then((outcome) => {
        if (running.current?.stop === run.cancel) running.current = null;
        if (outcome === 'cancelled') return;
        fitAfter();
        announce();
      });
      return;
    }
    const positions = atLayoutLevel(() => computeLayout(cy, eles, id));
    moveNodes(cy.nodes(), positions, animate, fitAfter);
  }

  /** Puts nodes new to a canvas that has others around `centre`, clear of them, and brings them into view. */
  function placeNew(added: cytoscape.NodeCollection, anchorId: string | null) {
    const cy = cyRef.current;
    if (!cy) return;
    running.current?.stop();
    const anchor = anchorId ? cy.getElementById(anchorId) : null;
    const centre = anchor?.nonempty() && anchor.isNode() ? anchor : mostLinked(added);
    // A large canvas is not restyled to the layout's label level and back (two restyles of
    // thousands of elements, a second or more each on a slow CPU): the boxes are measured as drawn.
    const place = () => placeAddedNodes(cy, added, centre);
    const positions = largeStyle.current ? place() : atLayoutLevel(place);
    const animate = cy.elements().length < 400;
    // They grow out of the node they came from.
    if (animate && centre) cy.batch(() => added.forEach((n) => void n.position({ ...centre.position() })));
    moveNodes(added, positions, animate, () => {
      const selected = cy.nodes(':selected');
      reveal(centre ? added.union(centre).union(selected) : added.union(selected));
    });
  }

  /**
   * The first view of a large graph, from positions alone: its provisional spiral (where the mirror
   * below puts new nodes) in the middle, at the zoom its layout will be seen at (or less).
   */
  function largeFit(count: number): Viewport | null {
    const cy = cyRef.current;
    if (!cy) return null;
    const centre = { x: cy.width() / 2, y: cy.height() / 2 };
    const spiralBox = positionsBox(Array.from({ length: count }, (_, i) => spiral(centre, i, count)));
    if (!spiralBox) return null;
    const limits = { minZoom: cy.minZoom(), maxZoom: cy.maxZoom() };
    const laidOut = fitViewport(expectedLayoutBox(count, centre), cy.width(), cy.height(), limits);
    return fitViewport(spiralBox, cy.width(), cy.height(), { ...limits, cap: laidOut.zoom });
  }

  useImperativeHandle(ref, () => ({
    fit: () => {
      const cy = cyRef.current;
      if (cy) fitTo(cy.elements(':visible'), true);
    },
    zoom: (factor) => {
      const cy = cyRef.current;
      if (!cy) return;
      // About the selected node when it is on screen, so zooming in keeps it there.
      const selected = cy.nodes(':selected:visible');
      const at = selected.length === 1 ? selected[0]!.renderedPosition() : null;
      const inside = at && at.x >= 0 && at.y >= 0 && at.x <= cy.width() && at.y <= cy.height();
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: inside ? at : { x: cy.width() / 2, y: cy.height() / 2 } });
    },
    relayout: (chosen) => layoutAll(chosen ?? layoutRef.current, (cyRef.current?.elements().length ?? 0) < 400),
    cy: () => cyRef.current,
  }));

  // Create Cytoscape once.
  useEffect(() => {
    const cy = cytoscape({
      container: container.current,
      style: canvasStyle({ level: labelLevel(1) }),
      // Cytoscape's own wheel sensitivity: it tells mouse wheels from touchpads and scales each (3.33+);
      // a custom value made a mouse wheel notch zoom by 0.8 % (and Cytoscape warns against one).
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: true,
      // Pan and zoom move a bitmap of the graph (not on a large canvas: setViewportTexture).
      textureOnViewport: true,
      // WebGL on a hardware GPU, else the 2D canvas (renderer-choice.ts).
      ...rendererOptions(pageRenderer().name),
    });
    cyRef.current = cy;
    skipTriggersOnFirstStyle(cy);
    prewarmLayoutWorkers();
    emitRenderEvents(cy, pageRenderer().name);
    styleKey.current = `false|${labelLevel(1).key}`;
    // Labels follow the zoom, restyled at most once a frame and only when their sizes change; a
    // large canvas once the zoom gesture is over (restyling it takes longer than a frame).
    let frame = 0;
    let idle: ReturnType<typeof setTimeout> | undefined;
    cy.on('zoom', () => {
      if (largeStyle.current) {
        clearTimeout(idle);
        idle = setTimeout(() => {
          applyStyle();
          // Not at every pause: a restyle, however small, drops the layered cache (layer-cache.ts).
          if (focusNeedsResize(focusZoom.current, cy.zoom())) focusLabels();
        }, LARGE_RESTYLE_DELAY_MS);
        return;
      }
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        applyStyle();
      });
    });
    // A hovered node shows its whole name (and a tooltip), its edges their types; on a large canvas
    // the name shows in an HTML label instead, which restyles nothing (hover-label.ts).
    const hoverLabel = createHoverLabel(cy, hoverLabelBox.current!);
    // Not while a layout runs: it is about to move every node (and redraw).
    const stopPriming = keepLayersPrimed(cy, () => largeStyle.current && running.current === null);
    cy.on('mouseover', 'node', (e) => {
      const node = e.target as cytoscape.NodeSingular;
      container.current?.setAttribute('title', String(node.data('name')));
      if (largeStyle.current) {
        hoverLabel.show(node);
        return;
      }
      node.addClass(HOVER);
      node.connectedEdges().addClass(HOVER);
      focusLabels();
    });
    cy.on('mouseout', 'node', (e) => {
      const node = e.target as cytoscape.NodeSingular;
      hoverLabel.hide();
      node.removeClass(HOVER);
      node.connectedEdges().removeClass(HOVER);
      focusLabels();
      container.current?.removeAttribute('title');
    });
    // Cytoscape sends no mouseout when the pointer leaves the canvas from over a node.
    const box = container.current;
    const leave = () => {
      hoverLabel.hide();
      cy.elements(`.${HOVER}`).removeClass(HOVER);
      focusLabels();
      box?.removeAttribute('title');
    };
    box?.addEventListener('mouseleave', leave);
    cy.on('mouseover', 'edge', (e) => {
      if (largeStyle.current) return;
      (e.target as cytoscape.EdgeSingular).addClass(HOVER);
      focusLabels();
    });
    cy.on('mouseout', 'edge', (e) => {
      (e.target as cytoscape.EdgeSingular).removeClass(HOVER);
      focusLabels();
    });
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
      cancelAnimationFrame(frame);
      clearTimeout(idle);
      box?.removeEventListener('mouseleave', leave);
      stopPriming();
      hoverLabel.destroy();
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
    largeStyle.current = Object.keys(state.nodes).length >= LARGE_GRAPH_NODES;
    setViewportTexture(cy, !largeStyle.current);
    const firstFill = cy.nodes().length === 0;
    // A large canvas filled anew is fitted to its provisional positions before any element is
    // styled, and styled for the zoom of that fit: once, not again when the fit changes the zoom.
    const preFit = !restore && firstFill && largeStyle.current ? largeFit(Object.keys(state.nodes).length) : null;
    applyStyle(preFit ? largeLabelLevel(preFit.zoom) : undefined);
    const wanted = new Set([...Object.keys(state.nodes), ...Object.keys(state.edges)]);
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
          data: { id: n.id, label: n.label, name: n.name, ...groupData(n) },
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
      // A group that gained or lost members (a page joined it, one was taken out) keeps its node.
      for (const n of Object.values(state.nodes)) {
        const el = cy.getElementById(n.id);
        if (el.nonempty() && el.data('name') !== n.name) el.data({ name: n.name, ...groupData(n) });
      }
      for (const e of Object.values(state.edges)) {
        if (e.properties.group !== true) continue;
        const el = cy.getElementById(e.id);
        if (el.nonempty()) el.data('groupLabel', groupEdgeLabel(e));
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
            ...(e.properties.group === true ? { groupLabel: groupEdgeLabel(e) } : {}),
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
    const focus = state.lastAdded?.focus ? cy.getElementById(state.lastAdded.focus) : null;
    if (added.nonempty()) {
      if (firstFill || added.length === cy.nodes().length) {
        // A canvas filled anew: laid out whole, then fitted (a large one in a worker, drawn at once
        // at provisional positions).
        if (preFit) moveTo(preFit, false);
        else if (cy.nodes().length >= WORKER_LAYOUT_MIN_NODES) fitTo(cy.elements(), false);
        layoutAll(layoutRef.current, false);
      } else placeNew(added, state.lastAdded?.anchor ?? null);
    } else if (focus?.nonempty()) reveal(focus);
  }, [state.nodes, state.edges, state.lastAdded, state.restore]);
  // After the elements are mirrored, so that new nodes get their look at once.
  useStyleByData(cyRef, state);

  // Classes: filters, hidden, highlight, marks, pins, selection; and the note marker on labels.
  // Only elements whose classes change are touched: with thousands on the canvas, restyling all
  // of them made every click slow.
  const appliedClasses = useRef(new Map<string, string>());
  const revealedSelection = useRef<string | null>(null);
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
      // An element seen for the first time was added with none of these classes, unlocked: thousands
      // of them added at once need no toggling.
      if ((applied.get(el.id()) ?? NO_CLASSES) === signature) return;
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
      cy.edges(`.${CONTEXT}`).removeClass(CONTEXT);
      if (state.selected) {
        const el = cy.getElementById(state.selected.id);
        el.select();
        // A selected node's relationships show their types.
        if (el.isNode()) el.connectedEdges().addClass(CONTEXT);
      }
    });
    focusLabels();
    appliedClasses.current = next;
    // A node selected from elsewhere (search, a list, a path) is brought into view.
    const selectedId = state.selected?.kind === 'node' ? state.selected.id : null;
    if (selectedId !== revealedSelection.current) {
      revealedSelection.current = selectedId;
      const node = selectedId ? cy.getElementById(selectedId) : null;
      // Only one whose centre is off screen: a node just tapped must not slide from under the pointer.
      const at = node?.nonempty() ? node.renderedPosition() : null;
      if (at && !running.current && (at.x < 0 || at.y < 0 || at.x > cy.width() || at.y > cy.height())) reveal(node!);
    }
  }, [state]);

  return (
    <>
      <div ref={container} className="graph-canvas" data-testid="graph-canvas" aria-label="Graph canvas" role="application" />
      <div ref={hoverLabelBox} className="canvas-hover-label" data-testid="canvas-hover-label" aria-hidden="true" hidden />
    </>
  );
});

/** The class signature (gone, faded, highlight, pinned, marked) of an element with none of them. */
const NO_CLASSES = '00000';

/** The data field holding a noted node's label with its marker; cy-style.ts draws it. */
const NOTE_MARK = 'noteMark';
const NOTE_SYMBOL = '✎';

/** A group node's colour (its members' label's) and count, for the stylesheet and exports. */
function groupData(node: GraphNode): Record<string, unknown> {
  const group = groupOf(node);
  return group ? { groupColor: labelStyle(group.label).color, count: group.count } : {};
}

/** A group's edge names its type and count ("EMPLOYS × 32"). */
function groupEdgeLabel(edge: GraphEdge): string {
  return `${edge.type} × ${String(edge.properties.count)}`;
}

/** The node on the canvas (not among `added`) that the most of `added` link to, or null. */
function mostLinked(added: cytoscape.NodeCollection): cytoscape.NodeSingular | null {
  let best: cytoscape.NodeSingular | null = null;
  let bestCount = 0;
  added
    .neighborhood()
    .nodes()
    .difference(added)
    .sort((a, b) => (a.id() < b.id() ? -1 : 1))
    .forEach((n) => {
      const count = n.edgesWith(added).length;
      if (count > bestCount) [best, bestCount] = [n, count];
    });
  return best;
}

/** Starting positions for new nodes: a small spiral around their anchor. */
function spiral(center: { x: number; y: number }, i: number, count: number): { x: number; y: number } {
  if (count === 1) return { x: center.x + 60, y: center.y + 20 };
  const angle = i * 2.4;
  const radius = 60 + 8 * Math.sqrt(i);
  return { x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) };
}
