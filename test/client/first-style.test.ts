import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { canvasStyle } from '../../client/src/features/canvas/cy-style.js';
import { skipTriggersOnFirstStyle } from '../../client/src/features/canvas/first-style.js';
import { labelLevel } from '../../client/src/features/canvas/viewport.js';

const LABELS = ['State', 'ThreatActor', 'ProxyGang', 'Tool', 'Domain'];

/** A canvas-styled headless Cytoscape with a small graph, every element styled once (by reading its bounds). */
function styledCanvas() {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: canvasStyle({ level: labelLevel(1.4) }) });
  let bounds = 0;
  cy.on('bounds', () => void bounds++);
  cy.add([
    ...Array.from({ length: 20 }, (_, i) => ({
      group: 'nodes' as const,
      data: { id: `n${i}`, label: LABELS[i % LABELS.length]!, name: `Node number ${i}` },
      position: { x: (i % 5) * 120, y: Math.floor(i / 5) * 90 },
    })),
    ...Array.from({ length: 30 }, (_, i) => ({
      group: 'edges' as const,
      data: { id: `e${i}`, source: `n${i % 20}`, target: `n${(i * 7 + 3) % 20}`, type: 'USES', weight: (i * 13) % 100 },
    })),
  ]);
  const firstStyleBounds = (() => {
    cy.elements().forEach((el) => void el.boundingBox());
    return bounds;
  })();
  return { cy, firstStyleBounds };
}

/** What the canvas draws of each element: its look and its bounds. */
function drawn(cy: cytoscape.Core) {
  return cy.elements().map((el) => ({
    id: el.id(),
    look: ['width', 'height', 'shape', 'background-color', 'border-width', 'label', 'font-size', 'line-color', 'curve-style'].map((p) =>
      String(el.style(p) ?? ''),
    ),
    box: el.boundingBox(),
  }));
}

/** Changes after the first styling: a class on a node, a data-mapped size, a new stylesheet. */
function change(cy: cytoscape.Core) {
  cy.getElementById('n3').addClass('pinned');
  cy.getElementById('n4').data('styleSize', 60);
  const afterData = drawn(cy);
  cy.style(canvasStyle({ level: labelLevel(0.5) }));
  return { afterData, afterSheet: drawn(cy) };
}

describe("an element's first styling", () => {
  it('skips the change triggers and draws the same; later changes still move bounds', () => {
    // Cytoscape as it comes, then with the triggers of a first styling skipped (the prototype is shared).
    const plain = styledCanvas();
    const plainLook = drawn(plain.cy);
    const plainChanged = change(plain.cy);
    skipTriggersOnFirstStyle(plain.cy);
    const skipping = styledCanvas();

    // Cytoscape announces new bounds for every bounds-changing property of every new element; no more.
    expect(plain.firstStyleBounds).toBeGreaterThan(50);
    expect(skipping.firstStyleBounds).toBeLessThan(plain.firstStyleBounds / 4);
    expect(drawn(skipping.cy)).toEqual(plainLook);

    const changed = change(skipping.cy);
    expect(changed).toEqual(plainChanged);
    // The changes did move bounds: a pinned node's border, a resized node (headless, edges keep theirs).
    const before = new Map(plainLook.map((d) => [d.id, d.box]));
    const after = new Map(changed.afterData.map((d) => [d.id, d.box]));
    expect(after.get('n3')!.w).toBeGreaterThan(before.get('n3')!.w);
    expect(after.get('n4')!.w).toBeGreaterThan(before.get('n4')!.w);
  });

  it('is installed once, however many canvases ask', () => {
    const { cy } = styledCanvas();
    skipTriggersOnFirstStyle(cy);
    const proto = Object.getPrototypeOf(cy.style()) as { checkTriggers: unknown };
    const installed = proto.checkTriggers;
    skipTriggersOnFirstStyle(styledCanvas().cy);
    expect(proto.checkTriggers).toBe(installed);
  });
});
