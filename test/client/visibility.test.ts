import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '@model/api.js';
import { NO_FILTERS } from '../../client/src/shared/graph-store.js';
import { visibility } from '../../client/src/shared/visibility.js';

const node = (id: string, label: string): GraphNode => ({ id, label, name: id, properties: {} });
const edge = (
  id: string,
  from: string,
  to: string,
  type: string,
  confidence: number,
  firstSeen?: string,
  lastSeen?: string,
): GraphEdge => ({
  id,
  type,
  from,
  to,
  evidence: { sources: ['s'], confidence, ...(firstSeen ? { firstSeen } : {}), ...(lastSeen ? { lastSeen } : {}) },
  properties: {},
});
const nodes = Object.fromEntries([node('r', 'State'), node('g', 'ThreatActor'), node('t', 'Tool')].map((n) => [n.id, n]));
const edges = Object.fromEntries(
  [
    edge('e1', 'r', 'g', 'DIRECTS', 95, '2014'),
    edge('e2', 'g', 't', 'USES', 40, '2024-02', '2024-06'),
    edge('e3', 'r', 't', 'TARGETS', 70),
  ].map((e) => [e.id, e]),
);

describe('visibility', () => {
  it('filters nothing by default', () => {
    const v = visibility({ nodes, edges, hidden: [], filters: NO_FILTERS });
    expect(v.filteredEdges.size + v.filteredNodes.size).toBe(0);
    expect([v.visibleNodeCount, v.visibleEdgeCount]).toEqual([3, 3]);
  });

  it('filters by label (and the edges touching it), type and confidence', () => {
    expect([...visibility({ nodes, edges, hidden: [], filters: { ...NO_FILTERS, hiddenLabels: ['Tool'] } }).filteredEdges].sort()).toEqual([
      'e2',
      'e3',
    ]);
    expect([...visibility({ nodes, edges, hidden: [], filters: { ...NO_FILTERS, hiddenTypes: ['DIRECTS'] } }).filteredEdges]).toEqual([
      'e1',
    ]);
    const sure = visibility({ nodes, edges, hidden: [], filters: { ...NO_FILTERS, minConfidence: 60 } });
    expect([...sure.filteredEdges]).toEqual(['e2']);
    expect(sure.visibleEdgeCount).toBe(2);
  });

  it('keeps edges whose dates overlap the window, counting partial dates as whole years or months', () => {
    const v = visibility({ nodes, edges, hidden: [], filters: { ...NO_FILTERS, dateFrom: '2024-06-15', dateTo: '2024-12-31' } });
    expect([...v.filteredEdges].sort()).toEqual(['e1', 'e3']); // e1 is 2014, e3 is undated
    const y2014 = visibility({ nodes, edges, hidden: [], filters: { ...NO_FILTERS, dateFrom: '2014-12-01', dateTo: '2014-12-31' } });
    expect(y2014.filteredEdges.has('e1')).toBe(false);
  });

  it('counts hidden nodes as not visible, with their edges', () => {
    const v = visibility({ nodes, edges, hidden: ['g'], filters: NO_FILTERS });
    expect(v.visibleNodeCount).toBe(2);
    expect([...v.filteredEdges].sort()).toEqual(['e1', 'e2']);
  });
});
