// The graph store's promises one edit at a time: what each change keeps, drops and clears, that an
// edit changing nothing is no undo step, and the limits of the history. (Found by mutation testing:
// npm run test:mutation -- --mutate client/src/shared/graph-store.ts.)
import { describe, expect, it } from 'vitest';
import type { Graph, GraphEdge, GraphNode } from '@model/api.js';
import { GraphStore, type CanvasState } from '../../client/src/shared/graph-store.js';

const node = (id: string): GraphNode => ({ id, label: 'State', name: id.toUpperCase(), properties: { id } });
const edge = (from: string, type: string, to: string): GraphEdge => ({
  id: `${from}|${type}|${to}`,
  type,
  from,
  to,
  evidence: { sources: ['source--s'], confidence: 60 },
  properties: {},
});
const graph = (nodes: GraphNode[], edges: GraphEdge[] = []): Graph => ({ nodes, edges });
const nodeIds = (store: GraphStore) => Object.keys(store.getState().nodes).sort();
const edgeIds = (store: GraphStore) => Object.keys(store.getState().edges).sort();

/** How many steps undo can take back (undoing them all), then redone so the store is as it was. */
function undoDepth(store: GraphStore): number {
  let depth = 0;
  while (store.canUndo) {
    store.undo();
    depth++;
  }
  for (let i = 0; i < depth; i++) store.redo();
  return depth;
}

/** a - b - c - d in a row, with e apart. */
function chain(): GraphStore {
  const store = new GraphStore();
  store.addGraph(
    graph(
      [node('a'), node('b'), node('c'), node('d'), node('e')],
      [edge('a', 'DIRECTS', 'b'), edge('b', 'FUNDS', 'c'), edge('c', 'USES', 'd')],
    ),
  );
  return store;
}

describe('a new GraphStore', () => {
  it('is an empty canvas with no filters, the default look, nothing selected, highlighted or marked, and no history', () => {
    const store = new GraphStore();
    const expected: CanvasState = {
      nodes: {},
      edges: {},
      hidden: [],
      pinned: [],
      notes: {},
      expansions: {},
      selected: null,
      highlight: { nodes: [], edges: [] },
      marked: { nodes: [], edges: [] },
      filters: { hiddenLabels: [], hiddenTypes: [], minConfidence: 0, dateFrom: null, dateTo: null, mode: 'fade' },
      styleBy: { size: { kind: 'uniform' }, color: { kind: 'label' } },
      lastAdded: null,
      restore: null,
    };
    expect(store.getState()).toEqual(expected);
    expect(store.canUndo).toBe(false);
    expect(store.canRedo).toBe(false);
  });

  it('ignores undo and redo with nothing to undo or redo', () => {
    const store = new GraphStore();
    store.select({ kind: 'node', id: 'x' });
    const before = store.getState();
    store.undo();
    store.redo();
    expect(store.getState()).toBe(before);
    expect(store.canUndo).toBe(false);
    expect(store.canRedo).toBe(false);
  });
});

describe('GraphStore.addGraph', () => {
  it('keeps the edges already on the canvas when more are added', () => {
    const store = new GraphStore();
    store.addGraph(graph([node('a'), node('b')], [edge('a', 'DIRECTS', 'b')]));
    store.addGraph(graph([node('c')], [edge('c', 'FUNDS', 'a')]));
    expect(edgeIds(store)).toEqual(['a|DIRECTS|b', 'c|FUNDS|a']);
  });

  it('adds a new edge between nodes already shown, as an undoable step', () => {
    const store = new GraphStore();
    store.addGraph(graph([node('a'), node('b')]));
    const added = store.addGraph(graph([node('a'), node('b')], [edge('a', 'DIRECTS', 'b')]));
    expect(added).toEqual([]);
    expect(edgeIds(store)).toEqual(['a|DIRECTS|b']);
    expect(undoDepth(store)).toBe(2);
    store.undo();
    expect(edgeIds(store)).toEqual([]);
    expect(nodeIds(store)).toEqual(['a', 'b']);
  });

  it('records nothing when everything added is already shown', () => {
    const store = new GraphStore();
    const g = graph([node('a'), node('b')], [edge('a', 'DIRECTS', 'b')]);
    store.addGraph(g);
    const before = store.getState();
    expect(store.addGraph(g)).toEqual([]);
    expect(store.getState()).toBe(before);
    store.undo();
    expect(nodeIds(store)).toEqual([]);
    expect(store.canUndo).toBe(false);
  });

  it('keeps hidden the hidden nodes it does not bring again', () => {
    const store = new GraphStore();
    store.addGraph(graph([node('a'), node('b')]));
    store.hideNodes(['a', 'b']);
    store.addGraph(graph([node('b'), node('c')]));
    expect(store.getState().hidden).toEqual(['a']);
  });

  it('numbers additions in order, and focuses a node already shown without an undo step', () => {
    const store = new GraphStore();
    store.addGraph(graph([node('a')]), { anchor: 'a' });
    const first = store.getState().lastAdded!;
    store.addGraph(graph([node('b')]));
    const second = store.getState().lastAdded!;
    expect(second).toMatchObject({ ids: ['b'], anchor: null, focus: null });
    expect(second.seq).toBeGreaterThan(first.seq);

    // Nothing new, no focus asked: nothing changes at all.
    store.addGraph(graph([node('a')]));
    expect(store.getState().lastAdded).toBe(second);

    // Nothing new but a focus: the canvas is asked to centre it, and undo is untouched.
    store.addGraph(graph([node('a')]), { focus: 'a' });
    const focused = store.getState().lastAdded!;
    expect(focused).toEqual({ ids: [], anchor: null, focus: 'a', seq: focused.seq });
    expect(focused.seq).toBeGreaterThan(second.seq);
    expect(undoDepth(store)).toBe(2);
  });
});

describe('GraphStore.removeNodes', () => {
  it('takes away the edges at either end of a removed node, and only those', () => {
    const store = chain();
    store.removeNodes(['b']);
    expect(nodeIds(store)).toEqual(['a', 'c', 'd', 'e']);
    expect(edgeIds(store)).toEqual(['c|USES|d']);
  });

  it('drops removed nodes from hidden and pinned, keeping the others', () => {
    const store = chain();
    store.hideNodes(['b', 'd']);
    store.togglePin('b');
    store.togglePin('e');
    store.removeNodes(['b']);
    expect(store.getState().hidden).toEqual(['d']);
    expect(store.getState().pinned).toEqual(['e']);
  });

  it('keeps the selection unless the selected node or edge went with the removal', () => {
    const store = chain();
    store.select({ kind: 'node', id: 'e' });
    store.removeNodes(['b']);
    expect(store.getState().selected).toEqual({ kind: 'node', id: 'e' });

    store.select({ kind: 'edge', id: 'c|USES|d' });
    store.removeNodes(['d']);
    expect(store.getState().selected).toBeNull();
  });

  it('does nothing, and records nothing, for ids not on the canvas', () => {
    const store = chain();
    const before = store.getState();
    store.removeNodes(['nowhere']);
    store.removeNodes([]);
    expect(store.getState()).toBe(before);
    expect(undoDepth(store)).toBe(1);
  });
});

describe('hiding, showing and pinning', () => {
  it('hides only nodes on the canvas and not hidden yet, and clears the selection', () => {
    const store = chain();
    store.select({ kind: 'node', id: 'a' });
    store.hideNodes(['a', 'nowhere']);
    expect(store.getState().hidden).toEqual(['a']);
    expect(store.getState().selected).toBeNull();
    const before = store.getState();
    store.hideNodes(['a', 'nowhere']);
    expect(store.getState()).toBe(before);
    expect(undoDepth(store)).toBe(2);
  });

  it('shows every hidden node again in one undoable step', () => {
    const store = chain();
    store.hideNodes(['a', 'c']);
    store.showAll();
    expect(store.getState().hidden).toEqual([]);
    expect(undoDepth(store)).toBe(3);
    store.undo();
    expect(store.getState().hidden).toEqual(['a', 'c']);
    // With nothing hidden, nothing to record.
    store.redo();
    const before = store.getState();
    store.showAll();
    expect(store.getState()).toBe(before);
    expect(undoDepth(store)).toBe(3);
  });

  it('pins and unpins nodes on the canvas, each an undoable step', () => {
    const store = chain();
    store.togglePin('a');
    store.togglePin('b');
    store.togglePin('a');
    expect(store.getState().pinned).toEqual(['b']);
    store.togglePin('nowhere');
    expect(store.getState().pinned).toEqual(['b']);
    expect(undoDepth(store)).toBe(4);
    store.undo();
    expect(store.getState().pinned).toEqual(['a', 'b']);
  });
});

describe('GraphStore.clear', () => {
  it('empties the canvas and forgets hidden, pinned, selection, highlight and marks', () => {
    const store = chain();
    store.hideNodes(['a']);
    store.togglePin('b');
    store.setNote('c', 'a note');
    store.select({ kind: 'node', id: 'c' });
    store.setHighlight({ nodes: ['c'], edges: ['b|FUNDS|c'] });
    store.setMarked({ nodes: ['d'], edges: ['c|USES|d'] });
    store.clear();
    const s = store.getState();
    expect(s).toMatchObject({ nodes: {}, edges: {}, hidden: [], pinned: [], notes: {}, selected: null });
    expect(s.highlight).toEqual({ nodes: [], edges: [] });
    expect(s.marked).toEqual({ nodes: [], edges: [] });
  });

  it('records nothing on an empty canvas', () => {
    const store = new GraphStore();
    store.clear();
    expect(store.canUndo).toBe(false);
  });
});

describe('GraphStore.loadView', () => {
  it('keeps only the pinned ids that are in the view', () => {
    const store = new GraphStore();
    store.loadView({
      nodes: [node('x'), node('y')],
      edges: [],
      positions: {},
      zoom: 1,
      pan: { x: 0, y: 0 },
      hidden: [],
      pinned: ['x', 'unknown', 'y'],
      notes: {},
      filters: store.getState().filters,
      highlight: { nodes: [], edges: [] },
    });
    expect(store.getState().pinned).toEqual(['x', 'y']);
  });
});

describe('the undo history', () => {
  it('keeps the last 100 changes', () => {
    const store = new GraphStore();
    for (let i = 0; i <= 100; i++) store.addGraph(graph([node(`n${i}`)]));
    expect(undoDepth(store)).toBe(100);
    for (let i = 0; i < 100; i++) store.undo();
    // The oldest change (adding n0) can no longer be undone.
    expect(nodeIds(store)).toEqual(['n0']);
    expect(store.canUndo).toBe(false);
    expect(store.canRedo).toBe(true);
  });
});
