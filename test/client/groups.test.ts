// Group nodes (client/src/shared/groups.ts) and the graph store's use of them: which neighbours a
// group gathers, what it takes off the canvas and puts back, automatic grouping on expansion above
// the threshold (one undo step), next pages joining the group, and the URL's form of a group.
import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '@model/api.js';
import { GraphStore } from '../../client/src/shared/graph-store.js';
import {
  GROUP_THRESHOLD,
  applyGroupSpecs,
  flatten,
  groupId,
  groupOf,
  groupNeighbours,
  neighbourGroups,
  parseGroupSpec,
  release,
  type Content,
} from '../../client/src/shared/groups.js';
import { visibility } from '../../client/src/shared/visibility.js';
import { NO_FILTERS } from '../../client/src/shared/graph-store.js';

const node = (id: string, label = 'Person'): GraphNode => ({ id, label, name: `Name of ${id}`, properties: { born: 1970 } });
const edge = (from: string, type: string, to: string, evidence: GraphEdge['evidence'] = { sources: ['s'] }): GraphEdge => ({
  id: `${from}|${type}|${to}`,
  type,
  from,
  to,
  evidence,
  properties: {},
});
const people = (n: number) => Array.from({ length: n }, (_, i) => `person--p${String(i).padStart(2, '0')}`);

function content(nodes: GraphNode[], edges: GraphEdge[]): Content {
  return { nodes: Object.fromEntries(nodes.map((n) => [n.id, n])), edges: Object.fromEntries(edges.map((e) => [e.id, e])) };
}

/** A hub employing `n` people, one of whom also works with `other`. */
function hub(n: number) {
  const ids = people(n);
  return content(
    [node('org--hub', 'Organization'), node('org--other', 'Organization'), ...ids.map((id) => node(id))],
    [...ids.map((id) => edge('org--hub', 'EMPLOYS', id)), edge(ids[0]!, 'WORKS_WITH', 'org--other')],
  );
}

const HUB_KEY = { parent: 'org--hub', label: 'Person', relType: 'EMPLOYS', direction: 'out' as const };

describe('grouping neighbours', () => {
  it('finds the neighbours of a node by label, type and direction, each counted once', () => {
    const c = content(
      [node('a', 'State'), node('p1'), node('p2'), node('t1', 'Tool'), node('u', 'ThreatActor')],
      [
        edge('a', 'EMPLOYS', 'p1'),
        edge('a', 'EMPLOYS', 'p2'),
        edge('p2', 'ADVISES', 'a'),
        edge('a', 'USES', 't1'),
        edge('u', 'PART_OF', 'a'),
        edge('p1', 'KNOWS', 'p2'),
      ],
    );
    expect(neighbourGroups(c, 'a')).toEqual([
      { key: { parent: 'a', label: 'Person', relType: 'EMPLOYS', direction: 'out' }, members: ['p1', 'p2'] },
      { key: { parent: 'a', label: 'ThreatActor', relType: 'PART_OF', direction: 'in' }, members: ['u'] },
      { key: { parent: 'a', label: 'Tool', relType: 'USES', direction: 'out' }, members: ['t1'] },
    ]);
  });

  it('collapses them into one node named by count, label and type, with one counted edge to the parent', () => {
    const before = hub(20);
    const after = groupNeighbours(before, 'org--hub', { minSize: 2 });
    const id = groupId(HUB_KEY);
    const group = groupOf(after.nodes[id]);
    expect(after.nodes[id]!.name).toBe('20 Person · EMPLOYS');
    expect(group?.count).toBe(20);
    expect(group?.members.map((m) => m.id).sort()).toEqual(people(20));
    // The members keep their properties, and every edge they had is kept in the group.
    expect(group?.members[0]!.properties).toEqual({ born: 1970 });
    expect(group?.memberEdges.map((e) => e.id).sort()).toEqual(Object.keys(before.edges).sort());
    expect(Object.keys(after.nodes).sort()).toEqual([id, 'org--hub', 'org--other'].sort());
    expect(Object.values(after.edges)).toEqual([
      expect.objectContaining({ from: 'org--hub', to: id, type: 'EMPLOYS', properties: { count: 20, group: true } }),
    ]);
  });

  it('points an incoming group edge at the parent, and dates it by the span of its members', () => {
    const c = content(
      [node('a', 'State'), node('p1'), node('p2')],
      [
        edge('p1', 'SERVES', 'a', { sources: [], firstSeen: '2019-03' }),
        edge('p2', 'SERVES', 'a', { sources: [], firstSeen: '2016', lastSeen: '2020-05-02' }),
      ],
    );
    const after = groupNeighbours(c, 'a', { minSize: 2 });
    const [link] = Object.values(after.edges);
    expect(link).toMatchObject({ from: groupId({ parent: 'a', label: 'Person', relType: 'SERVES', direction: 'in' }), to: 'a' });
    expect(link!.evidence).toEqual({ sources: [], firstSeen: '2016-01-01', lastSeen: '2020-05-02' });
  });

  it('leaves smaller sets, excluded nodes and other groups alone', () => {
    const c = hub(3);
    expect(groupNeighbours(c, 'org--hub', { minSize: 4 })).toBe(c);
    const after = groupNeighbours(c, 'org--hub', { minSize: 2, exclude: new Set([people(3)[0]!]) });
    expect(groupOf(after.nodes[groupId(HUB_KEY)])?.count).toBe(2);
    expect(after.nodes[people(3)[0]!]).toBeDefined();
    // Grouping again: the one left joins the group there is (the group itself is no member).
    const again = groupNeighbours(after, 'org--hub', { minSize: 2 });
    expect(groupOf(again.nodes[groupId(HUB_KEY)])?.count).toBe(3);
    expect(Object.keys(again.nodes).sort()).toEqual([groupId(HUB_KEY), 'org--hub', 'org--other'].sort());
    expect(groupNeighbours(again, 'org--hub', { minSize: 2 })).toBe(again);
  });

  it('puts every member and edge back when expanded, or one member alone', () => {
    const before = hub(15);
    const grouped = groupNeighbours(before, 'org--hub', { minSize: 2 });
    const id = groupId(HUB_KEY);
    const all = release(grouped, id);
    expect(all.released.sort()).toEqual(people(15));
    expect(all.content.nodes).toEqual(before.nodes);
    expect(all.content.edges).toEqual(before.edges);

    const one = release(grouped, id, new Set([people(15)[3]!]));
    expect(one.released).toEqual([people(15)[3]]);
    expect(one.content.nodes[people(15)[3]!]).toEqual(before.nodes[people(15)[3]!]);
    expect(one.content.nodes[id]!.name).toBe('14 Person · EMPLOYS');
    expect(one.content.edges[edge('org--hub', 'EMPLOYS', people(15)[3]!).id]).toBeDefined();
    // Expanding the rest afterwards gives the canvas as it was.
    expect(release(one.content, id).content).toEqual({ nodes: before.nodes, edges: before.edges });
  });

  it('hands an edge to a member of another group over to that group', () => {
    // p1 is employed by a and b; a's group takes p1, b's group cannot (p1 is gone from the canvas).
    const c = content(
      [node('a', 'State'), node('b', 'State'), node('p1'), node('p2'), node('q1'), node('q2')],
      [
        edge('a', 'EMPLOYS', 'p1'),
        edge('a', 'EMPLOYS', 'p2'),
        edge('b', 'EMPLOYS', 'q1'),
        edge('b', 'EMPLOYS', 'q2'),
        edge('p1', 'KNOWS', 'q1'),
      ],
    );
    const ga = groupId({ parent: 'a', label: 'Person', relType: 'EMPLOYS', direction: 'out' });
    const gb = groupId({ parent: 'b', label: 'Person', relType: 'EMPLOYS', direction: 'out' });
    let next = groupNeighbours(c, 'a', { minSize: 2 });
    next = groupNeighbours(next, 'b', { minSize: 2 });
    next = release(next, ga).content;
    // The KNOWS edge's other end is inside b's group: b's group holds it now.
    expect(next.edges[edge('p1', 'KNOWS', 'q1').id]).toBeUndefined();
    expect(groupOf(next.nodes[gb])?.memberEdges.map((e) => e.id)).toContain(edge('p1', 'KNOWS', 'q1').id);
    next = release(next, gb).content;
    expect(next).toEqual(c);
  });

  it('writes groups for a link as specs, with their members among the nodes, and reads them back', () => {
    const before = hub(13);
    const grouped = groupNeighbours(before, 'org--hub', { minSize: 2 });
    const flat = flatten(grouped.nodes);
    expect(flat.groups).toEqual(['org--hub:Person:EMPLOYS:out']);
    expect(flat.nodes.sort()).toEqual(Object.keys(before.nodes).sort());
    expect(parseGroupSpec('org--hub:Person:EMPLOYS:out')).toEqual(HUB_KEY);
    expect(parseGroupSpec('org--hub:Person:EMPLOYS:sideways')).toBeNull();
    expect(parseGroupSpec('org--hub:Person')).toBeNull();
    expect(applyGroupSpecs(before, flat.groups)).toEqual(grouped);
  });

  it('filters a group by its members’ label', () => {
    const grouped = groupNeighbours(hub(13), 'org--hub', { minSize: 2 });
    const v = visibility({ ...grouped, hidden: [], filters: { ...NO_FILTERS, hiddenLabels: ['Person'] } });
    expect(v.filteredNodes.has(groupId(HUB_KEY))).toBe(true);
  });
});

describe('groups in the graph store', () => {
  const ids = people(GROUP_THRESHOLD + 3);
  const page = (members: string[]) => ({
    nodes: [node('org--hub', 'Organization'), ...members.map((id) => node(id))],
    edges: members.map((id) => edge('org--hub', 'EMPLOYS', id)),
  });

  it('groups an expansion above the threshold in the same undo step, and undo brings back the canvas before it', () => {
    const store = new GraphStore();
    store.addGraph({ nodes: [node('org--hub', 'Organization')], edges: [] });
    const added = store.addGraph(page(ids), { anchor: 'org--hub', group: GROUP_THRESHOLD });
    const id = groupId(HUB_KEY);
    expect(added).toEqual([id]);
    expect(Object.keys(store.getState().nodes).sort()).toEqual([id, 'org--hub']);
    expect(store.getState().nodes[id]!.name).toBe(`${ids.length} Person · EMPLOYS`);
    store.undo();
    expect(Object.keys(store.getState().nodes)).toEqual(['org--hub']);
    store.redo();
    expect(groupOf(store.getState().nodes[id])?.count).toBe(ids.length);
  });

  it('adds an expansion at or below the threshold node by node', () => {
    const store = new GraphStore();
    store.addGraph({ nodes: [node('org--hub', 'Organization')], edges: [] });
    store.addGraph(page(ids.slice(0, GROUP_THRESHOLD)), { anchor: 'org--hub', group: GROUP_THRESHOLD });
    expect(Object.keys(store.getState().nodes)).toHaveLength(GROUP_THRESHOLD + 1);
  });

  it('lets the next page join the group, and keeps members it already holds inside it', () => {
    const store = new GraphStore();
    store.addGraph({ nodes: [node('org--hub', 'Organization')], edges: [] });
    store.addGraph(page(ids.slice(0, 13)), { anchor: 'org--hub', group: GROUP_THRESHOLD });
    // The next page: two new people (fewer than the threshold) and one the group holds.
    store.addGraph(page(ids.slice(12)), { anchor: 'org--hub', group: GROUP_THRESHOLD });
    const group = groupOf(store.getState().nodes[groupId(HUB_KEY)]);
    expect(group?.count).toBe(ids.length);
    expect(Object.keys(store.getState().nodes)).toHaveLength(2);
  });

  it('groups on demand, expands a group, takes out one member, and undoes each', () => {
    const store = new GraphStore();
    store.addGraph(page(ids.slice(0, 5)));
    expect(store.groupNeighbours('org--hub')).toBe(true);
    const id = groupId(HUB_KEY);
    expect(groupOf(store.getState().nodes[id])?.count).toBe(5);
    expect(store.expandGroup(id, ids[2])).toEqual([ids[2]]);
    expect(store.getState().selected).toEqual({ kind: 'node', id: ids[2] });
    expect(groupOf(store.getState().nodes[id])?.count).toBe(4);
    expect(store.expandGroup(id).sort()).toEqual([ids[0], ids[1], ids[3], ids[4]]);
    expect(store.getState().lastAdded).toMatchObject({ anchor: 'org--hub' });
    expect(Object.keys(store.getState().nodes)).toHaveLength(6);
    store.undo();
    store.undo();
    expect(Object.keys(store.getState().nodes).sort()).toEqual([id, 'org--hub']);
    store.undo();
    expect(Object.keys(store.getState().nodes)).toHaveLength(6);
    expect(store.getState().nodes[id]).toBeUndefined();
  });

  it('removes the groups of a node removed', () => {
    const store = new GraphStore();
    store.addGraph(page(ids.slice(0, 5)));
    store.groupNeighbours('org--hub');
    store.removeNodes(['org--hub']);
    expect(store.getState().nodes).toEqual({});
    expect(store.getState().edges).toEqual({});
  });

  it('regroups a loaded link', () => {
    const store = new GraphStore();
    store.addGraph(page(ids.slice(0, 5)));
    store.applyGroups(['org--hub:Person:EMPLOYS:out']);
    expect(groupOf(store.getState().nodes[groupId(HUB_KEY)])?.count).toBe(5);
  });
});

describe('groups in the URL', () => {
  it('round-trips the groups of a view beside its nodes, and reads a link without them as before', async () => {
    const { readUrlView, writeUrlView } = await import('../../client/src/shared/url-state.js');
    const view = { nodes: ['org--hub', 'person--a'], hidden: [], pinned: [], layout: null, groups: ['org--hub:Person:EMPLOYS:out'] };
    const search = writeUrlView(view);
    expect(search).toBe('?nodes=org--hub,person--a&groups=org--hub:Person:EMPLOYS:out');
    expect(readUrlView(search)).toEqual(view);
    expect(readUrlView('?nodes=a')).not.toHaveProperty('groups');
  });
});
