// Events the canvas announces (first render, layout finished), for the browser tests and the UI
// benchmark, which read them through window.__explorer.
export const explorerEvents = new EventTarget();

/**
 * Counters the tests poll: views restored so far (a snapshot opened, a JSON imported), and layouts
 * whose positions came from each layout worker.
 */
export const explorerStatus = { viewsRestored: 0, workerLayouts: { draft: 0, fcose: 0 } };
