// Fixtures of the client tests of the time window: two State nodes and a dated TARGETS edge between them.
import type { GraphEdge, GraphNode } from '@model/api.js';

export const node = (id: string): GraphNode => ({ id, label: 'State', name: id, properties: {} });
export const edge = (id: string, evidence: Partial<GraphEdge['evidence']>): GraphEdge => ({
  id,
  type: 'TARGETS',
  from: 'a',
  to: 'b',
  evidence: { sources: ['s'], confidence: 80, ...evidence },
  properties: {},
});
