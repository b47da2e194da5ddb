// Which elements the filters catch: edges by type, confidence and date window; nodes by label or
// by being hidden. An edge is caught too when one of its ends is. Pure, so it is easy to test.
// The date window looks at an edge's event dates (firstSeen, lastSeen) and, where it has none, at
// the day it was first reported (reportedAt): the same rule as the expand query's.
import type { GraphEdge } from '@model/api.js';
import { overlapsWindow, partialDateSpan } from '@model/partial-date.js';
import type { CanvasState } from './graph-store.js';
import { GROUP_LABEL } from './groups.js';

export interface Visibility {
  filteredNodes: Set<string>;
  filteredEdges: Set<string>;
  hiddenNodes: Set<string>;
  visibleNodeCount: number;
  visibleEdgeCount: number;
}

/** Which date the time filter places an edge by: its event dates, else its reported date, else none. */
export function dateBasis(edge: GraphEdge): 'event' | 'reported' | null {
  if (edge.evidence.firstSeen !== undefined || edge.evidence.lastSeen !== undefined) return 'event';
  return edge.evidence.reportedAt !== undefined ? 'reported' : null;
}

/**
 * The days the time filter places an edge in (see model/partial-date.ts): the span of its event
 * dates, or the day it was first reported when it has none; null when it has neither.
 */
export function dateRange(edge: GraphEdge): [string, string] | null {
  return partialDateSpan(edge.evidence.firstSeen, edge.evidence.lastSeen) ?? partialDateSpan(edge.evidence.reportedAt, undefined);
}

export function edgePassesFilters(edge: GraphEdge, filters: CanvasState['filters']): boolean {
  if (filters.hiddenTypes.includes(edge.type)) return false;
  if ((edge.evidence.confidence ?? 100) < filters.minConfidence) return false;
  if (filters.dateFrom || filters.dateTo) {
    const range = dateRange(edge);
    if (!range || !overlapsWindow(range, filters.dateFrom, filters.dateTo)) return false;
  }
  return true;
}

export function visibility(state: Pick<CanvasState, 'nodes' | 'edges' | 'hidden' | 'filters'>): Visibility {
  const { filters } = state;
  const hiddenNodes = new Set(state.hidden);
  const filteredNodes = new Set<string>();
  for (const node of Object.values(state.nodes)) {
    // A group is caught by its members' label.
    const label = node.label === GROUP_LABEL && typeof node.properties.memberLabel === 'string' ? node.properties.memberLabel : node.label;
    if (filters.hiddenLabels.includes(label)) filteredNodes.add(node.id);
  }
  const filteredEdges = new Set<string>();
  for (const edge of Object.values(state.edges)) {
    const endGone = (id: string) => filteredNodes.has(id) || hiddenNodes.has(id);
    if (endGone(edge.from) || endGone(edge.to) || !edgePassesFilters(edge, filters)) filteredEdges.add(edge.id);
  }
  const nodeCount = Object.keys(state.nodes).length;
  const gone = new Set([...filteredNodes, ...hiddenNodes]);
  return {
    filteredNodes,
    filteredEdges,
    hiddenNodes,
    visibleNodeCount: nodeCount - gone.size,
    visibleEdgeCount: Object.keys(state.edges).length - filteredEdges.size,
  };
}
