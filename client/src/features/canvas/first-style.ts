// Styling thousands of new elements at once, faster. Cytoscape 3.34 runs its change triggers for
// every property it applies to an element, the first application included: each one dirties the
// element's style cache and its connected edges' (a new collection per call), its bounding box
// (an event per call), its z-order and its edges' bounds. For an element styled for the first
// time there is nothing to dirty: anything derived from its style (bounds, edge geometry, cached
// values) is computed through its style, which is applied before, and the renderer computes it
// all for elements it has not drawn yet. At 5,000 nodes / 12,500 edges these triggers were about
// a quarter of the time to the first drawing. Later applications (a class, a new stylesheet, a
// data change) run them as before. Reads Cytoscape internals (the Style prototype's
// checkTriggers, an element's _private.appliedInitStyle); without them it does nothing.

interface StyleInternals {
  checkTriggers?: (ele: { _private?: { appliedInitStyle?: boolean } }, ...rest: unknown[]) => void;
  firstStyleSkipsTriggers?: true;
}

/** Makes every Cytoscape instance of the page skip the change triggers of an element's first styling. Idempotent. */
export function skipTriggersOnFirstStyle(cy: import('cytoscape').Core): void {
  const proto = Object.getPrototypeOf(cy.style()) as StyleInternals | null;
  const check = proto?.checkTriggers;
  if (!proto || typeof check !== 'function' || proto.firstStyleSkipsTriggers) return;
  proto.firstStyleSkipsTriggers = true;
  proto.checkTriggers = function (this: unknown, ele, ...rest) {
    if (ele._private && ele._private.appliedInitStyle !== true) return;
    check.call(this, ele, ...rest);
  };
}
