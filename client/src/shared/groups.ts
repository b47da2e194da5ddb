// Group nodes: the neighbours of one node that share a label, a relationship type and its
// direction, collapsed into one node with a count ("32 Person · EMPLOYS") and one edge to that
// node. A group is an ordinary node of the canvas (label "Group") whose properties carry its
// members and their relationships whole, so undo, snapshots and exports keep it as it is and
// expanding it puts back exactly what it took. Pure functions of the canvas's nodes and edges.
import type { GraphEdge, GraphNode } from '@model/api.js';
import { partialDateSpan } from '@model/partial-date.js';

export const GROUP_LABEL = 'Group';
/** An expansion that would add more than this many neighbours of one label and type groups them. */
export const GROUP_THRESHOLD = 12;

export type GroupDirection = 'out' | 'in';

/** What a group gathers: the neighbours of `parent` with `label`, linked by `relType` in `direction` (from the parent). */
export interface GroupKey {
  parent: string;
  label: string;
  relType: string;
  direction: GroupDirection;
}

export interface GroupInfo extends GroupKey {
  id: string;
  count: number;
  members: GraphNode[];
  /** Every relationship of the members that the group took off the canvas. */
  memberEdges: GraphEdge[];
}

export interface Content {
  nodes: Readonly<Record<string, GraphNode>>;
  edges: Readonly<Record<string, GraphEdge>>;
}

export const groupId = (k: GroupKey): string => `group--${k.parent}--${k.label}--${k.relType}--${k.direction}`;
/** The id of the edge between a group and its parent. */
export const groupEdgeId = (id: string): string => `${id}--link`;
export const groupName = (count: number, label: string, relType: string): string => `${count} ${label} · ${relType}`;

/** A group's key and members, read from its node; null for any other node. */
export function groupOf(node: GraphNode | undefined): GroupInfo | null {
  if (!node || node.label !== GROUP_LABEL) return null;
  const p = node.properties;
  if (typeof p.parent !== 'string' || typeof p.memberLabel !== 'string' || typeof p.relType !== 'string') return null;
  if (!Array.isArray(p.members)) return null;
  const members = p.members as GraphNode[];
  return {
    id: node.id,
    parent: p.parent,
    label: p.memberLabel,
    relType: p.relType,
    direction: p.direction === 'in' ? 'in' : 'out',
    count: members.length,
    members,
    memberEdges: Array.isArray(p.memberEdges) ? (p.memberEdges as GraphEdge[]) : [],
  };
}

export const isGroupNode = (node: GraphNode | undefined): boolean => groupOf(node) !== null;

/** The group node for `info`: named by count, label and type; members and their edges in its properties. */
export function groupNode(info: GroupKey & { members: GraphNode[]; memberEdges: GraphEdge[] }): GraphNode {
  return {
    id: groupId(info),
    label: GROUP_LABEL,
    name: groupName(info.members.length, info.label, info.relType),
    properties: {
      count: info.members.length,
      parent: info.parent,
      memberLabel: info.label,
      relType: info.relType,
      direction: info.direction,
      members: info.members,
      memberEdges: info.memberEdges,
    },
  };
}

/** The edge from the parent to its group (or back, for incoming), typed and counted; dated by the span of its members' edges. */
export function groupEdge(info: GroupKey & { members: GraphNode[]; memberEdges: GraphEdge[] }): GraphEdge {
  const id = groupId(info);
  const memberIds = new Set(info.members.map((m) => m.id));
  const links = info.memberEdges.filter(
    (e) =>
      e.type === info.relType &&
      (info.direction === 'out' ? e.from === info.parent && memberIds.has(e.to) : e.to === info.parent && memberIds.has(e.from)),
  );
  let first: string | undefined;
  let last: string | undefined;
  for (const e of links) {
    const span = partialDateSpan(e.evidence.firstSeen, e.evidence.lastSeen) ?? partialDateSpan(e.evidence.reportedAt, undefined) ?? null;
    if (!span) continue;
    if (first === undefined || span[0] < first) first = span[0];
    if (last === undefined || span[1] > last) last = span[1];
  }
  return {
    id: groupEdgeId(id),
    type: info.relType,
    from: info.direction === 'out' ? info.parent : id,
    to: info.direction === 'out' ? id : info.parent,
    evidence: { sources: [], ...(first ? { firstSeen: first } : {}), ...(last ? { lastSeen: last } : {}) },
    properties: { count: info.members.length, group: true },
  };
}

const keyString = (k: GroupKey) => [k.parent, k.label, k.relType, k.direction].join('\u001f');

/**
 * The neighbours of `parent` on the canvas by label, type and direction, biggest first; each
 * neighbour counted once (under its biggest key). Groups, the parent, and `exclude` are left out.
 */
export function neighbourGroups(
  content: Content,
  parent: string,
  options: { candidates?: ReadonlySet<string>; exclude?: ReadonlySet<string> } = {},
): Array<{ key: GroupKey; members: string[] }> {
  const byKey = new Map<string, { key: GroupKey; members: Set<string> }>();
  for (const e of Object.values(content.edges)) {
    if (e.from === e.to || (e.from !== parent && e.to !== parent)) continue;
    const direction: GroupDirection = e.from === parent ? 'out' : 'in';
    const other = direction === 'out' ? e.to : e.from;
    const node = content.nodes[other];
    if (!node || node.label === GROUP_LABEL || options.exclude?.has(other)) continue;
    if (options.candidates && !options.candidates.has(other)) continue;
    const key: GroupKey = { parent, label: node.label, relType: e.type, direction };
    const k = keyString(key);
    const entry = byKey.get(k) ?? { key, members: new Set<string>() };
    entry.members.add(other);
    byKey.set(k, entry);
  }
  const sorted = [...byKey.values()].sort((a, b) => b.members.size - a.members.size || keyString(a.key).localeCompare(keyString(b.key)));
  const taken = new Set<string>();
  const out: Array<{ key: GroupKey; members: string[] }> = [];
  for (const { key, members } of sorted) {
    const free = [...members].filter((m) => !taken.has(m)).sort();
    free.forEach((m) => taken.add(m));
    if (free.length > 0) out.push({ key, members: free });
  }
  return out;
}

/** Which group on the canvas holds each member, by member id. */
export function memberIndex(nodes: Readonly<Record<string, GraphNode>>): Map<string, string> {
  const index = new Map<string, string>();
  for (const node of Object.values(nodes)) {
    const g = groupOf(node);
    if (g) for (const m of g.members) index.set(m.id, g.id);
  }
  return index;
}

/** Parents of groups: their neighbours are not grouped away from them, nor they into a group. */
function groupParents(nodes: Readonly<Record<string, GraphNode>>): Set<string> {
  const parents = new Set<string>();
  for (const node of Object.values(nodes)) {
    const g = groupOf(node);
    if (g) parents.add(g.parent);
  }
  return parents;
}

/**
 * Collapses `memberIds` (neighbours of the key's parent) into the key's group, joining the group
 * if it is already on the canvas. The members leave the canvas with all their edges.
 */
export function collapse(content: Content, key: GroupKey, memberIds: readonly string[]): Content {
  const nodes = { ...content.nodes };
  const edges = { ...content.edges };
  const existing = groupOf(nodes[groupId(key)]);
  const members = new Map((existing?.members ?? []).map((m) => [m.id, m]));
  const memberEdges = new Map((existing?.memberEdges ?? []).map((e) => [e.id, e]));
  const joining = new Set(memberIds.filter((id) => nodes[id] && nodes[id].label !== GROUP_LABEL && id !== key.parent));
  if (joining.size === 0) return content;
  for (const id of joining) {
    members.set(id, nodes[id]!);
    delete nodes[id];
  }
  for (const e of Object.values(edges)) {
    if (joining.has(e.from) || joining.has(e.to)) {
      memberEdges.set(e.id, e);
      delete edges[e.id];
    }
  }
  const info = {
    ...key,
    members: [...members.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
    memberEdges: [...memberEdges.values()],
  };
  const node = groupNode(info);
  nodes[node.id] = node;
  const edge = groupEdge(info);
  edges[edge.id] = edge;
  return { nodes, edges };
}

/**
 * Groups the neighbours of `parent`: every label and type with at least `minSize` of them
 * (on demand: 2), or, with `candidates` (an expansion's new nodes), those above the threshold,
 * and any that belong to a group of the parent already on the canvas (its next page).
 */
export function groupNeighbours(
  content: Content,
  parent: string,
  options: { minSize: number; candidates?: ReadonlySet<string>; exclude?: ReadonlySet<string> },
): Content {
  if (!content.nodes[parent] || content.nodes[parent].label === GROUP_LABEL) return content;
  const exclude = new Set([...(options.exclude ?? []), ...groupParents(content.nodes)]);
  let next = content;
  for (const { key, members } of neighbourGroups(content, parent, { candidates: options.candidates, exclude })) {
    if (members.length >= options.minSize || next.nodes[groupId(key)]) next = collapse(next, key, members);
  }
  return next;
}

/**
 * Puts members of a group back on the canvas (all of them, or `only`), with their edges whose
 * ends are there; an edge to a member of another group goes into that group. The group stays with
 * the others, or goes when none is left.
 */
export function release(content: Content, id: string, only?: ReadonlySet<string>): { content: Content; released: string[] } {
  const group = groupOf(content.nodes[id]);
  if (!group) return { content, released: [] };
  const nodes = { ...content.nodes };
  const edges = { ...content.edges };
  const out = group.members.filter((m) => !only || only.has(m.id));
  const stay = group.members.filter((m) => only && !only.has(m.id));
  for (const m of out) nodes[m.id] = m;
  delete nodes[id];
  delete edges[groupEdgeId(id)];
  const stayIds = new Set(stay.map((m) => m.id));
  const kept: GraphEdge[] = [];
  const elsewhere = new Map<string, GraphEdge[]>();
  const index = memberIndex(nodes);
  for (const e of group.memberEdges) {
    if (stayIds.has(e.from) || stayIds.has(e.to)) kept.push(e);
    else if (nodes[e.from] && nodes[e.to]) edges[e.id] = e;
    else {
      const other = index.get(nodes[e.from] ? e.to : e.from);
      if (other) elsewhere.set(other, [...(elsewhere.get(other) ?? []), e]);
    }
  }
  for (const [gid, extra] of elsewhere) {
    const g = groupOf(nodes[gid])!;
    const seen = new Set(g.memberEdges.map((e) => e.id));
    const info = { ...g, memberEdges: [...g.memberEdges, ...extra.filter((e) => !seen.has(e.id))] };
    nodes[gid] = groupNode(info);
  }
  if (stay.length > 0) {
    const info = { ...group, members: stay, memberEdges: kept };
    const node = groupNode(info);
    nodes[node.id] = node;
    const edge = groupEdge(info);
    edges[edge.id] = edge;
  }
  return { content: { nodes, edges }, released: out.map((m) => m.id) };
}

/**
 * New nodes and edges for a canvas with groups: nodes that a group holds stay in it (refreshed),
 * and their edges join the group's instead of the canvas.
 */
export function intoGroups(
  content: Content,
  graph: { nodes: GraphNode[]; edges: GraphEdge[] },
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const index = memberIndex(content.nodes);
  if (index.size === 0) return graph;
  const byGroup = new Map<string, { nodes: GraphNode[]; edges: GraphEdge[] }>();
  const entry = (gid: string) => byGroup.get(gid) ?? byGroup.set(gid, { nodes: [], edges: [] }).get(gid)!;
  const nodes = graph.nodes.filter((n) => {
    const gid = index.get(n.id);
    if (gid) entry(gid).nodes.push(n);
    return !gid;
  });
  const edges = graph.edges.filter((e) => {
    const gid = index.get(e.from) ?? index.get(e.to);
    if (gid) entry(gid).edges.push(e);
    return !gid;
  });
  const groups: GraphNode[] = [];
  for (const [gid, extra] of byGroup) {
    const g = groupOf(content.nodes[gid])!;
    const members = g.members.map((m) => extra.nodes.find((n) => n.id === m.id) ?? m);
    const seen = new Set(g.memberEdges.map((e) => e.id));
    const fresh = extra.edges.filter((e) => !seen.has(e.id));
    if (fresh.length === 0 && extra.nodes.length === 0) continue;
    groups.push(groupNode({ ...g, members, memberEdges: [...g.memberEdges, ...fresh] }));
  }
  return { nodes: [...nodes, ...groups], edges };
}

/** A group as the URL writes it: `parent:Label:TYPE:out` (ids never hold a colon). */
export function groupSpec(k: GroupKey): string {
  return [k.parent, k.label, k.relType, k.direction].join(':');
}

export function parseGroupSpec(spec: string): GroupKey | null {
  const parts = spec.split(':');
  if (parts.length !== 4 || parts.some((p) => p === '')) return null;
  const [parent, label, relType, direction] = parts as [string, string, string, string];
  if (direction !== 'out' && direction !== 'in') return null;
  return { parent, label, relType, direction };
}

/** The entity ids a canvas shows or holds in groups (what a link must load), and its groups' specs. */
export function flatten(nodes: Readonly<Record<string, GraphNode>>): { nodes: string[]; groups: string[] } {
  const ids: string[] = [];
  const groups: string[] = [];
  for (const node of Object.values(nodes)) {
    const g = groupOf(node);
    if (g) {
      groups.push(groupSpec(g));
      ids.push(...g.members.map((m) => m.id));
    } else ids.push(node.id);
  }
  return { nodes: ids, groups };
}

/** Regroups a loaded link: each spec gathers the neighbours of its parent that match it. */
export function applyGroupSpecs(content: Content, specs: readonly string[]): Content {
  let next = content;
  for (const spec of specs) {
    const key = parseGroupSpec(spec);
    if (!key || !next.nodes[key.parent]) continue;
    const found = neighbourGroups(next, key.parent).find(
      (g) => g.key.label === key.label && g.key.relType === key.relType && g.key.direction === key.direction,
    );
    // neighbourGroups counts a neighbour under one key only; the spec takes all that match it.
    const all = new Set(found?.members ?? []);
    for (const e of Object.values(next.edges)) {
      if (e.type !== key.relType) continue;
      const other = key.direction === 'out' && e.from === key.parent ? e.to : key.direction === 'in' && e.to === key.parent ? e.from : null;
      if (other && next.nodes[other]?.label === key.label) all.add(other);
    }
    if (all.size > 0) next = collapse(next, key, [...all]);
  }
  return next;
}
