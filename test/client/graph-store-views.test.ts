import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '@model/api.js';
import { GraphStore, NO_FILTERS, type LoadedView } from '../../client/src/shared/graph-store.js';

const node = (id: string, label = 'State'): GraphNode => ({ id, label, name: id.toUpperCase(), properties: { id } });
const edge = (from: string, type: string, to: string): GraphEdge => ({
  id: `${from}|${type}|${to}`,
  type,
  from,
  to,
  evidence: { sources: ['source--s'], confidence: 70 },
  properties: {},
});

function view(overrides: Partial<LoadedView> = {}): LoadedView {
  return {
    nodes: [node('x'), node('y'), node('z')],
    edges: [edge('x', 'DIRECTS', 'y'), edge('y', 'USES', 'gone')],
    positions: { x: { x: 10, y: 20 }, y: { x: -30.5, y: 40.25 }, z: { x: 0, y: 0 } },
    zoom: 1.5,
    pan: { x: 100, y: -50 },
    hidden: ['z', 'unknown'],
    pinned: ['x'],
    notes: { y: 'Handles the money', unknown: 'dropped', z: '   ' },
    filters: { ...NO_FILTERS, minConfidence: 40, mode: 'hide' },
    highlight: { nodes: ['x'], edges: ['x|DIRECTS|y'] },
    ...overrides,
  };
}

describe('GraphStore notes', () => {
  it('sets, changes and removes a note, each an undoable step; a blank note is no note', () => {
    const store = new GraphStore();
    store.addGraph({ nodes: [node('a'), node('b')], edges: [] });
    store.setNote('a', '  Runs the botnet  ');
    expect(store.getState().notes).toEqual({ a: 'Runs the botnet' });
    store.setNote('a', 'Runs the botnet');
    store.setNote('missing', 'ignored');
    store.setNote('a', 'Runs two botnets');
    store.setNote('b', '   ');
    expect(store.getState().notes).toEqual({ a: 'Runs two botnets' });
    store.undo();
    expect(store.getState().notes).toEqual({ a: 'Runs the botnet' });
    store.redo();
    store.setNote('a', '');
    expect(store.getState().notes).toEqual({});
    store.undo();
    expect(store.getState().notes.a).toBe('Runs two botnets');
  });

  it('drops the notes of removed nodes, and brings them back on undo', () => {
    const store = new GraphStore();
    store.addGraph({ nodes: [node('a'), node('b')], edges: [] });
    store.setNote('a', 'note a');
    store.setNote('b', 'note b');
    store.removeNodes(['a']);
    expect(store.getState().notes).toEqual({ b: 'note b' });
    store.undo();
    expect(store.getState().notes).toEqual({ a: 'note a', b: 'note b' });
    store.clear();
    expect(store.getState().notes).toEqual({});
  });
});

describe('GraphStore.loadView', () => {
  it('replaces content, filters, highlight and notes, and asks the canvas to restore positions and viewport', () => {
    const store = new GraphStore();
    store.addGraph({ nodes: [node('a')], edges: [] });
    store.select({ kind: 'node', id: 'a' });
    store.setMarked({ nodes: ['a'], edges: [] });
    store.loadView(view());
    const s = store.getState();
    expect(Object.keys(s.nodes)).toEqual(['x', 'y', 'z']);
    // An edge to a node that is not in the view stays out.
    expect(Object.keys(s.edges)).toEqual(['x|DIRECTS|y']);
    expect(s.hidden).toEqual(['z']);
    expect(s.pinned).toEqual(['x']);
    expect(s.notes).toEqual({ y: 'Handles the money' });
    expect(s.filters).toMatchObject({ minConfidence: 40, mode: 'hide' });
    expect(s.highlight).toEqual({ nodes: ['x'], edges: ['x|DIRECTS|y'] });
    expect(s.selected).toBeNull();
    expect(s.marked).toEqual({ nodes: [], edges: [] });
    expect(s.lastAdded).toBeNull();
    expect(s.restore).toMatchObject({ zoom: 1.5, pan: { x: 100, y: -50 }, positions: { y: { x: -30.5, y: 40.25 } } });
  });

  it('gives every load a new restore request and is one undo step', () => {
    const store = new GraphStore();
    store.addGraph({ nodes: [node('a')], edges: [] });
    store.loadView(view());
    const first = store.getState().restore!.seq;
    store.loadView(view({ zoom: 2 }));
    expect(store.getState().restore!.seq).toBeGreaterThan(first);
    store.undo();
    expect(Object.keys(store.getState().nodes)).toEqual(['x', 'y', 'z']);
    // Undo goes back to content, not to a saved camera: the canvas lays it out as usual.
    expect(store.getState().restore).toBeNull();
    store.undo();
    expect(Object.keys(store.getState().nodes)).toEqual(['a']);
    expect(store.getState().notes).toEqual({});
    store.redo();
    expect(store.getState().notes).toEqual({ y: 'Handles the money' });
  });

  it('forgets the restore request at the next change, so it is applied once', () => {
    const store = new GraphStore();
    store.loadView(view());
    store.hideNodes(['x']);
    expect(store.getState().restore).toBeNull();
  });

  it('marks and clears marks without touching undo', () => {
    const store = new GraphStore();
    store.loadView(view());
    const couldUndo = store.canUndo;
    store.setMarked({ nodes: ['x'], edges: ['x|DIRECTS|y'] });
    expect(store.getState().marked.nodes).toEqual(['x']);
    store.setMarked({ nodes: [], edges: [] });
    expect(store.getState().marked).toEqual({ nodes: [], edges: [] });
    expect(store.canUndo).toBe(couldUndo);
  });
});
