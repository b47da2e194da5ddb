// A large graph on the canvas: laid out by the draft layout in a worker (the page's main thread
// stays free to draw and answer), the nodes spread out with none on another when it ends, and
// drawn for speed (no edge labels, haystack edges while seen whole, no restyle while zooming).
import { describe, expect, it } from 'vitest';
import { syntheticGraph } from '../../bench/synthetic-canvas-graph.js';
import { fitCanvas, screenshot, useExplorer } from './browser.js';

describe('a large graph on the canvas', () => {
  const explorer = useExplorer();

  it('is laid out in a worker and drawn for speed', async () => {
    const { page } = explorer;
    const graph = syntheticGraph(1200, 2400);
    await page.evaluate((g) => {
      (window as unknown as { __graph: unknown }).__graph = g;
    }, graph);
    const result = await page.evaluate(
      () =>
        new Promise<{ startArea: number; workerLayouts: { draft: number; fcose: number } }>((resolve) => {
          const w = window as unknown as {
            __graph: unknown;
            __explorer: {
              store: { addGraph(g: unknown): void };
              events: EventTarget;
              canvas(): import('cytoscape').Core;
              status: { workerLayouts: { draft: number; fcose: number } };
            };
          };
          w.__explorer.events.addEventListener(
            'layoutstop',
            () => resolve({ startArea: box.w * box.h, workerLayouts: { ...w.__explorer.status.workerLayouts } }),
            { once: true },
          );
          w.__explorer.store.addGraph(w.__graph);
          // The provisional positions, before the worker's answer moves the nodes.
          const box = w.__explorer.canvas().nodes().boundingBox({});
        }),
    );
    // The draft layout ran in its worker, not on the page's main thread, and fCoSE did not.
    expect(result.workerLayouts).toEqual({ draft: 1, fcose: 0 });

    const after = await page.evaluate(() => {
      const cy = (window as unknown as { __explorer: { canvas(): import('cytoscape').Core } }).__explorer.canvas();
      const box = cy.nodes().boundingBox({});
      const edge = cy.edges()[0]!;
      // The closest two node centres, through a grid of cells a node wide.
      const cells = new Map<string, Array<{ x: number; y: number }>>();
      let closest = Infinity;
      const size = 26;
      cy.nodes().forEach((n) => {
        const p = n.position();
        const [cx, cy0] = [Math.floor(p.x / size), Math.floor(p.y / size)];
        for (let a = -1; a <= 1; a++)
          for (let b = -1; b <= 1; b++)
            for (const q of cells.get(`${cx + a},${cy0 + b}`) ?? []) closest = Math.min(closest, Math.hypot(p.x - q.x, p.y - q.y));
        const key = `${cx},${cy0}`;
        cells.set(key, [...(cells.get(key) ?? []), { ...p }]);
      });
      // Zooming across the overview restyles nothing: the canvas keeps its stylesheet (each restyle
      // sets a new one, which Cytoscape makes a new object of).
      const before = cy.style();
      const styleKept = (async () => {
        for (const z of [0.6, 0.7, 0.9, 1.2]) cy.zoom(cy.zoom() * z);
        await new Promise((r) => setTimeout(r, 600));
        return cy.style() === before;
      })();
      return styleKept.then((kept) => ({
        closest,
        kept,
        zoom: cy.zoom(),
        nodes: cy.nodes().length,
        edges: cy.edges().length,
        area: box.w * box.h,
        curve: edge.style('curve-style'),
        edgeLabel: edge.style('label'),
      }));
    });
    expect(after).toMatchObject({ nodes: 1200, edges: 2400, curve: 'haystack', edgeLabel: '' });
    // No node on another (26 is a node's width).
    expect(after.closest).toBeGreaterThanOrEqual(26);
    expect(after.zoom).toBeLessThan(0.35);
    expect(after.kept).toBe(true);
    // The provisional spiral is a small disc; fCoSE spreads the nodes far wider.
    expect(after.area).toBeGreaterThan(result.startArea * 4);
    await fitCanvas(page);

    // Hovering a node names it in an HTML label under it, and restyles nothing in Cytoscape (a
    // restyle would drop its layered cache of the whole graph, making the next frames slow).
    const canvasBox = (await page.getByTestId('graph-canvas').boundingBox())!;
    const target = await page.evaluate(() => {
      const cy = (window as unknown as { __explorer: { canvas(): import('cytoscape').Core } }).__explorer.canvas();
      const w = window as unknown as { __styleEvents: number };
      w.__styleEvents = 0;
      cy.on('style', () => (w.__styleEvents += 1));
      // The node nearest the canvas's centre.
      const centre = { x: cy.width() / 2, y: cy.height() / 2 };
      let best = cy.nodes()[0]!;
      cy.nodes().forEach((n) => {
        const [p, q] = [n.renderedPosition(), best.renderedPosition()];
        if (Math.hypot(p.x - centre.x, p.y - centre.y) < Math.hypot(q.x - centre.x, q.y - centre.y)) best = n;
      });
      return { name: String(best.data('name')), at: best.renderedPosition(), height: best.renderedOuterHeight() };
    });
    await page.mouse.move(canvasBox.x + target.at.x, canvasBox.y + target.at.y);
    const label = page.getByTestId('canvas-hover-label');
    await expect.poll(() => label.isVisible()).toBe(true);
    expect(await label.textContent()).toBe(target.name);
    const labelBox = (await label.boundingBox())!;
    expect(Math.abs(labelBox.x + labelBox.width / 2 - (canvasBox.x + target.at.x))).toBeLessThan(2);
    expect(labelBox.y).toBeGreaterThan(canvasBox.y + target.at.y);
    expect(labelBox.y).toBeLessThan(canvasBox.y + target.at.y + target.height / 2 + 12);
    await screenshot(page, 'large-graph-hover');
    const hovered = await page.evaluate(() => {
      const cy = (window as unknown as { __explorer: { canvas(): import('cytoscape').Core } }).__explorer.canvas();
      return { hoverClass: cy.elements('.hover').length, styleEvents: (window as unknown as { __styleEvents: number }).__styleEvents };
    });
    expect(hovered).toEqual({ hoverClass: 0, styleEvents: 0 });
    await page.mouse.move(canvasBox.x + 4, canvasBox.y + 4);
    await expect.poll(() => label.isVisible()).toBe(false);

    await screenshot(page, 'large-graph');
    expect(explorer.errors).toEqual([]);
  });
});
