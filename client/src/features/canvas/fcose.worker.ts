// fCoSE off the main thread: a headless Cytoscape in a Web Worker lays out the graph it is sent
// and answers with positions, so a large graph is drawn at once and the page stays responsive
// while the layout runs. Messages: see worker-layout.ts.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { DRAFT_SPACING } from './large-graph.js';
import { LAYOUT_SEED, withSeededRandom } from './layouts.js';
import type { LayoutRequest, LayoutResponse } from './worker-layout.js';

cytoscape.use(fcose);

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { id, nodes, edges, options, nodeSize } = event.data;
  let response: LayoutResponse;
  try {
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      // fCoSE spaces nodes by their size: the canvas's.
      style: [{ selector: 'node', style: { width: nodeSize, height: nodeSize } }],
      // In id order, with seeded random numbers: the same graph, the same layout (layouts.ts).
      elements: [
        ...[...nodes].sort(byId).map((n) => ({ group: 'nodes' as const, data: { id: n.id }, position: { x: n.x, y: n.y } })),
        ...[...edges].sort(byId).map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.source, target: e.target } })),
      ],
    });
    withSeededRandom(LAYOUT_SEED, () => cy.layout({ ...options, animate: false } as cytoscape.LayoutOptions).run());
    if (options.quality === 'draft') spread(cy, nodeSize);
    const positions: Record<string, { x: number; y: number }> = {};
    cy.nodes().forEach((n) => {
      positions[n.id()] = { ...n.position() };
    });
    cy.destroy();
    response = { id, positions };
  } catch (err) {
    response = { id, error: err instanceof Error ? err.message : String(err) };
  }
  (self as unknown as Worker).postMessage(response);
};

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Draft fCoSE packs thousands of nodes into a few hundred pixels: scale them apart, in place. */
function spread(cy: cytoscape.Core, nodeSize: number): void {
  const nodes = cy.nodes();
  const box = nodes.boundingBox({});
  const wanted = Math.sqrt(nodes.length) * nodeSize * DRAFT_SPACING;
  const scale = wanted / Math.max(box.w, box.h, 1);
  if (scale <= 1) return;
  const [cx, cy0] = [(box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2];
  nodes.positions((n) => {
    const p = n.position();
    return { x: cx + (p.x - cx) * scale, y: cy0 + (p.y - cy0) * scale };
  });
}
