// fCoSE off the main thread: a headless Cytoscape in a Web Worker lays out the graph it is sent
// and answers with positions, so a large graph is drawn at once and the page stays responsive
// while the layout runs. Messages: see worker-layout.ts.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
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
