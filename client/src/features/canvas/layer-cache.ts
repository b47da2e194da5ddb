// Keeps Cytoscape's layered texture cache (canvas renderer) ready on a large canvas. That cache
// holds the whole graph as a few bitmaps per zoom level, which makes a pan or a wheel-zoom frame
// cost a few drawImage calls (about 17 ms at 5,000 nodes here) instead of drawing every element
// (300 to 600 ms). Any style change drops it; Cytoscape then skips it for 250 ms and rebuilds it
// only when a later frame asks, drawing every element directly until the rebuild is done. When
// the change came while the canvas was idle, nothing asks until the next gesture, whose first
// frames are then the slow ones. One redraw once the 250 ms are over starts the rebuild, which
// Cytoscape spreads over the idle frames that follow. Reads renderer internals of cytoscape 3.34
// (renderer().data.lyrTxrCache); a renderer without them (WebGL) is left alone.

/** Cytoscape's pause after an invalidation before it uses the layered cache again (invalidThreshold). */
const SKIP_AFTER_INVALIDATION_MS = 250;

interface LayeredCacheRenderer {
  data?: { lyrTxrCache?: { lastInvalidationTime?: number; firstGet?: boolean } };
  redrawHint(kind: 'eles' | 'drag', dirty: boolean): void;
  redraw(): void;
}

/**
 * While `active()` says so, redraws the canvas once after each invalidation of the layered cache
 * that a redraw followed, as soon as Cytoscape uses the cache again. Returns the function that stops it.
 */
export function keepLayersPrimed(cy: import('cytoscape').Core, active: () => boolean): () => void {
  // cy.renderer() is Cytoscape's, not in its typings.
  const renderer = (cy as unknown as { renderer?: () => LayeredCacheRenderer | null }).renderer?.();
  const cache = renderer?.data?.lyrTxrCache;
  if (!renderer || !cache || typeof cache.lastInvalidationTime !== 'number') return () => {};
  let primedAfter = cache.lastInvalidationTime;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onRender = () => {
    const invalidated = cache.lastInvalidationTime!;
    if (invalidated === primedAfter || !active()) return;
    primedAfter = invalidated;
    clearTimeout(timer);
    timer = setTimeout(
      () => {
        cache.firstGet = true;
        renderer.redrawHint('eles', true);
        renderer.redraw();
      },
      invalidated + SKIP_AFTER_INVALIDATION_MS + 20 - performance.now(),
    );
  };
  cy.on('render', onRender);
  return () => {
    clearTimeout(timer);
    cy.off('render', onRender);
  };
}
