// A synthetic graph in the API's Graph shape, for loading the canvas directly: the UI benchmark
// and the browser test of large graphs use it.
import type { Graph, GraphEdge, GraphNode } from '@model/api.js';
import { NODE_LABELS, REL_TYPES } from '@model/graph-model.js';
import { mulberry32 } from './random.js';

const SEED = 20_241_015;

/**
 * A connected graph: every node after the first links to an earlier one (a random tree, which
 * gives hubs), the remaining edges join random pairs. Deterministic for a size and seed.
 */
export function syntheticGraph(nodeCount: number, edgeCount: number, seed = SEED): Graph {
  const rng = mulberry32(seed ^ nodeCount ^ (edgeCount << 8));
  const int = (n: number) => Math.floor(rng() * n);
  const types = REL_TYPES.filter((t) => t !== 'REPORTED_IN');
  const nodes: GraphNode[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const label = NODE_LABELS[i % NODE_LABELS.length]!;
    nodes.push({
      id: `bench-${label.toLowerCase()}--${i}`,
      label,
      name: `${label} ${i}`,
      properties: { summary: `Synthetic ${label} number ${i}.`, aliases: [] },
    });
  }
  const edges: GraphEdge[] = [];
  for (let i = 0; i < edgeCount; i++) {
    let from: number;
    let to: number;
    if (i < nodeCount - 1) {
      from = i + 1;
      to = int(i + 1);
    } else {
      from = int(nodeCount);
      to = int(nodeCount - 1);
      if (to >= from) to += 1;
    }
    edges.push({
      id: `bench-rel--${i}`,
      type: types[int(types.length)]!,
      from: nodes[from]!.id,
      to: nodes[to]!.id,
      evidence: { sources: ['source--x'], confidence: 10 + int(91) },
      properties: {},
    });
  }
  return { nodes, edges };
}
