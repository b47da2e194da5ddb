// `window.__explorer`: the page's store, canvas and event hooks, for the browser tests and the UI
// benchmark. The explorer and the guest page expose the same handle.
import { useEffect } from 'react';
import type { Core } from 'cytoscape';
import { pageRenderer } from '../features/canvas/renderer-choice.js';
import type { GraphStore } from '../shared/graph-store.js';
import { explorerEvents, explorerStatus } from '../shared/test-hooks.js';

export function useExplorerHandle(store: GraphStore, cy: () => Core | null | undefined): void {
  useEffect(() => {
    (window as unknown as { __explorer: unknown }).__explorer = {
      store,
      events: explorerEvents,
      status: explorerStatus,
      canvas: cy,
      renderer: pageRenderer().name,
    };
  }, [store, cy]);
}
