// View documents for tests, built from graph elements the API returned (real seed data), with
// positions laid out on a grid as a canvas would have placed them.
import type { Graph } from '@model/api.js';
import { VIEW_FORMAT, type ViewDocument } from '@model/snapshot.js';

export function viewDocument(graph: Graph, extra: Partial<ViewDocument> = {}): ViewDocument {
  const columns = Math.max(1, Math.ceil(Math.sqrt(graph.nodes.length)));
  return {
    format: VIEW_FORMAT,
    version: 1,
    title: 'Russia and its proxies',
    caption: 'Who works with the Russian state, from the seed data.',
    elements: {
      nodes: graph.nodes.map((n, i) => ({
        group: 'nodes' as const,
        data: { id: n.id, label: n.label, name: n.name, properties: n.properties },
        position: { x: (i % columns) * 140 - 200, y: Math.floor(i / columns) * 90 - 100 },
        classes: '',
      })),
      edges: graph.edges.map((e) => ({
        group: 'edges' as const,
        data: {
          id: e.id,
          source: e.from,
          target: e.to,
          type: e.type,
          ...(e.evidence.confidence !== undefined ? { confidence: e.evidence.confidence } : {}),
          evidence: e.evidence,
          properties: e.properties,
        },
        classes: '',
      })),
    },
    style: [],
    zoom: 1,
    pan: { x: 400, y: 300 },
    viewport: { width: 800, height: 600 },
    layout: 'fcose',
    hidden: [],
    pinned: [],
    filters: { hiddenLabels: [], hiddenTypes: [], minConfidence: 0, dateFrom: null, dateTo: null, mode: 'fade' },
    highlight: { nodes: [], edges: [] },
    notes: {},
    ...extra,
  };
}
