// The graph store's record of how far each expanded node's neighbours are loaded: written with the
// page it loaded (one undo step), dropped with the node, reset by clear and by a loaded view.
import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '@model/api.js';
import { GraphStore, type Expansion } from '../../client/src/shared/graph-store.js';

const node = (id: string): GraphNode => ({ id, label: 'State', name: id, properties: {} });
const edge = (from: string, to: string): GraphEdge => ({
  id: `${from}|USES|${to}`,
  type: 'USES',
  from,
  to,
  evidence: { sources: [] },
  properties: {},
});
const page = (loaded: number): Expansion => ({ loaded, total: 41, relType: null, scope: '{}' });

describe('expansions in the graph store', () => {
  it('records a page with the nodes it brought, and undo and redo take it back and forth', () => {
    const store = new GraphStore();
    store.addGraph({ nodes: [node('hub')], edges: [] });
    store.addGraph(
      { nodes: [node('hub'), node('a')], edges: [edge('hub', 'a')] },
      { anchor: 'hub', expansion: { id: 'hub', value: page(1) } },
    );
    expect(store.getState().expansions).toEqual({ hub: page(1) });
    expect(store.getState().lastAdded).toMatchObject({ ids: ['a'], anchor: 'hub' });
    store.addGraph(
      { nodes: [node('hub'), node('b')], edges: [edge('hub', 'b')] },
      { anchor: 'hub', expansion: { id: 'hub', value: page(2) } },
    );
    expect(store.getState().expansions).toEqual({ hub: page(2) });
    store.undo();
    expect(store.getState().expansions).toEqual({ hub: page(1) });
    expect(Object.keys(store.getState().nodes)).toEqual(['hub', 'a']);
    store.undo();
    expect(store.getState().expansions).toEqual({});
    store.redo();
    expect(store.getState().expansions).toEqual({ hub: page(1) });
  });

  it('moves the pager on for a page that brings nothing new, without an undo step of its own', () => {
    const store = new GraphStore();
    store.addGraph({ nodes: [node('hub'), node('a')], edges: [edge('hub', 'a')] }, { expansion: { id: 'hub', value: page(1) } });
    let notified = 0;
    store.subscribe(() => notified++);
    expect(
      store.addGraph(
        { nodes: [node('hub'), node('a')], edges: [edge('hub', 'a')] },
        { anchor: 'hub', expansion: { id: 'hub', value: page(2) } },
      ),
    ).toEqual([]);
    expect(store.getState().expansions).toEqual({ hub: page(2) });
    expect(notified).toBe(1);
    store.undo();
    expect(store.getState().nodes).toEqual({});
    // Nothing to record and nothing to focus: no change, no notification.
    store.redo();
    notified = 0;
    store.addGraph({ nodes: [node('a')], edges: [] });
    expect(notified).toBe(0);
  });

  it('forgets the pages of removed nodes, of a cleared canvas and of a replaced view', () => {
    const store = new GraphStore();
    store.addGraph({ nodes: [node('hub'), node('a'), node('b')], edges: [] }, { expansion: { id: 'hub', value: page(2) } });
    store.addGraph({ nodes: [node('a'), node('c')], edges: [] }, { expansion: { id: 'a', value: page(1) } });
    store.removeNodes(['hub']);
    expect(store.getState().expansions).toEqual({ a: page(1) });
    store.clear();
    expect(store.getState().expansions).toEqual({});
    store.undo();
    expect(store.getState().expansions).toEqual({ a: page(1) });
    store.loadView({
      nodes: [node('a')],
      edges: [],
      positions: {},
      zoom: 1,
      pan: { x: 0, y: 0 },
      hidden: [],
      pinned: [],
      notes: {},
      filters: store.getState().filters,
      highlight: { nodes: [], edges: [] },
    });
    expect(store.getState().expansions).toEqual({});
  });
});
