import { describe, expect, it } from 'vitest';
import type { Graph, GraphEdge, GraphNode } from '@model/api.js';
import { GraphStore } from '../../client/src/shared/graph-store.js';

const node = (id: string, label = 'State'): GraphNode => ({ id, label, name: id.toUpperCase(), properties: { id } });
const edge = (from: string, type: string, to: string, confidence = 80, firstSeen?: string): GraphEdge => ({
  id: `${from}|${type}|${to}`,
  type,
  from,
  to,
  evidence: { sources: ['source--s'], confidence, ...(firstSeen ? { firstSeen } : {}) },
  properties: {},
});
const graph = (nodes: GraphNode[], edges: GraphEdge[] = []): Graph => ({ nodes, edges });

describe('GraphStore', () => {
  it('adds nodes and edges, keeps edges whose ends are missing out, and reports the new ids', () => {
    const store = new GraphStore();
    const added = store.addGraph(graph([node('a'), node('b')], [edge('a', 'DIRECTS', 'b'), edge('a', 'USES', 'z')]), {
      anchor: 'a',
      focus: 'b',
    });
    expect(added).toEqual(['a', 'b']);
    expect(Object.keys(store.getState().edges)).toEqual(['a|DIRECTS|b']);
    expect(store.getState().lastAdded).toMatchObject({ ids: ['a', 'b'], anchor: 'a', focus: 'b' });
    expect(store.addGraph(graph([node('a')]))).toEqual([]);
    expect(store.canUndo).toBe(true);
  });

  it('undoes and redoes additions, removals, hides and pins in order', () => {
    const store = new GraphStore();
    store.addGraph(graph([node('a'), node('b')], [edge('a', 'DIRECTS', 'b')]));
    store.addGraph(graph([node('c')], [edge('c', 'FUNDS', 'a')]));
    store.hideNodes(['b']);
    store.togglePin('a');
    store.removeNodes(['c']);
    const ids = () => Object.keys(store.getState().nodes).sort().join(',');
    expect(ids()).toBe('a,b');
    expect(store.getState().edges['c|FUNDS|a']).toBeUndefined();
    store.undo();
    expect(ids()).toBe('a,b,c');
    expect(store.getState().edges['c|FUNDS|a']).toBeDefined();
    store.undo();
    expect(store.getState().pinned).toEqual([]);
    store.undo();
    expect(store.getState().hidden).toEqual([]);
    store.undo();
    expect(ids()).toBe('a,b');
    store.redo();
    store.redo();
    expect(store.getState().hidden).toEqual(['b']);
    // A new change drops what could still be redone.
    store.clear();
    expect(store.canRedo).toBe(false);
    expect(ids()).toBe('');
    store.undo();
    expect(ids()).toBe('a,b,c');
  });

  it('does not record selection, highlight or filters as undoable changes', () => {
    const store = new GraphStore();
    store.addGraph(graph([node('a')]));
    store.undo();
    expect(store.canUndo).toBe(false);
    store.addGraph(graph([node('a')]));
    const before = store.canUndo;
    store.select({ kind: 'node', id: 'a' });
    store.setHighlight({ nodes: ['a'], edges: [] });
    store.setFilters({ minConfidence: 50 });
    store.undo();
    expect(before).toBe(true);
    expect(Object.keys(store.getState().nodes)).toEqual([]);
    expect(store.getState().filters.minConfidence).toBe(50);
  });

  it('clears the selection when the selected node goes away, and notifies subscribers', () => {
    const store = new GraphStore();
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    store.addGraph(graph([node('a'), node('b')]));
    store.select({ kind: 'node', id: 'a' });
    store.removeNodes(['a']);
    expect(store.getState().selected).toBeNull();
    expect(calls).toBe(3);
    unsubscribe();
    store.removeNodes(['b']);
    expect(calls).toBe(3);
  });

  it('brings a hidden node back when it is added again', () => {
    const store = new GraphStore();
    store.addGraph(graph([node('a')]));
    store.hideNodes(['a']);
    store.addGraph(graph([node('a')]));
    expect(store.getState().hidden).toEqual([]);
  });
});
