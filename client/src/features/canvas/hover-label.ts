// The hovered node's full name on a large canvas, as an HTML label over the canvas. There a class
// on the hovered elements would restyle them, and any restyle drops Cytoscape's layered texture
// cache (layer-cache.ts): every hover would make the next frames draw all elements, hundreds of
// milliseconds each at 5,000 nodes. A DOM label changes nothing in Cytoscape.

/** Shows `name` under `node` in `label` (a positioned element over the canvas) and keeps it there as the view moves. */
export function createHoverLabel(cy: import('cytoscape').Core, label: HTMLElement) {
  let node: import('cytoscape').NodeSingular | null = null;
  const place = () => {
    if (!node) return;
    const at = node.renderedPosition();
    const below = node.renderedOuterHeight() / 2 + 4;
    label.style.transform = `translate(${Math.round(at.x)}px, ${Math.round(at.y + below)}px) translateX(-50%)`;
  };
  const hide = () => {
    node = null;
    label.hidden = true;
  };
  cy.on('viewport', place);
  return {
    show(target: import('cytoscape').NodeSingular) {
      node = target;
      label.textContent = String(target.data('name'));
      label.hidden = false;
      place();
    },
    hide,
    destroy() {
      cy.off('viewport', place);
      hide();
    },
  };
}
