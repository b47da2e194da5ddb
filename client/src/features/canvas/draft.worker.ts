// The draft layout of a large graph (draft-layout.ts) off the main thread: the canvas is drawn at
// provisional positions meanwhile. No Cytoscape here, so the worker starts quickly. Messages: see
// worker-layout.ts.
import { draftLayout } from './draft-layout.js';
import { DRAFT_SPACING } from './large-graph.js';
import type { LayoutRequest, LayoutResponse } from './worker-layout.js';

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { id, nodes, edges, nodeSize } = event.data;
  let response: LayoutResponse;
  try {
    const positions = draftLayout(
      nodes.map((n) => n.id),
      edges,
      { nodeSize, spacing: DRAFT_SPACING },
    );
    response = { id, positions };
  } catch (err) {
    response = { id, error: err instanceof Error ? err.message : String(err) };
  }
  (self as unknown as Worker).postMessage(response);
};
