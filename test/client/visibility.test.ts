import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '@model/api.js';
import { NO_FILTERS } from '../../client/src/shared/graph-store.js';
import { dateBasis, dateRange, visibility } from '../../client/src/shared/visibility.js';

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

  it('places an edge without an event date at the date it was first reported, and only such an edge', () => {
    const reported = (id: string, reportedAt: string, firstSeen?: string): GraphEdge => {
      const e = edge(id, 'r', 'g', 'DIRECTS', 90, firstSeen);
      return { ...e, evidence: { ...e.evidence, reportedAt } };
    };
    const withReported = Object.fromEntries(
      [
        reported('late', '2024-09-05'),
        reported('early', '2019-03-01'),
        // Its event date (2014) counts, not the later report.
        reported('event', '2024-09-05', '2014'),
        edge('none', 'r', 'g', 'USES', 90),
      ].map((e) => [e.id, e]),
    );
    const window2024 = visibility({
      nodes,
      edges: withReported,
      hidden: [],
      filters: { ...NO_FILTERS, dateFrom: '2024-09-01', dateTo: '2024-09-30' },
    });
    expect([...window2024.filteredEdges].sort()).toEqual(['early', 'event', 'none']);
    const window2014 = visibility({
      nodes,
      edges: withReported,
      hidden: [],
      filters: { ...NO_FILTERS, dateFrom: '2014-01-01', dateTo: '2014-12-31' },
    });
    expect([...window2014.filteredEdges].sort()).toEqual(['early', 'late', 'none']);
    expect(['late', 'event', 'none'].map((id) => dateBasis(withReported[id]!))).toEqual(['reported', 'event', null]);
    expect(dateRange(withReported.late!)).toEqual(['2024-09-05', '2024-09-05']);
    expect(dateRange(withReported.event!)).toEqual(['2014-01-01', '2014-12-31']);
  });

  it('counts hidden nodes as not visible, with their edges', () => {
    const v = visibility({ nodes, edges, hidden: ['g'], filters: NO_FILTERS });
    expect(v.visibleNodeCount).toBe(2);
    expect([...v.filteredEdges].sort()).toEqual(['e1', 'e2']);
  });
});
