// A large graph on the canvas: laid out by fCoSE in a worker (the page's main thread stays free to
// draw and answer), the nodes spread out when it ends, and drawn for speed (no edge labels).
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
        new Promise<{ startArea: number; workerScripts: string[] }>((resolve) => {
          const w = window as unknown as {
            __graph: unknown;
            __explorer: { store: { addGraph(g: unknown): void }; events: EventTarget; canvas(): import('cytoscape').Core };
          };
          w.__explorer.events.addEventListener(
            'layoutstop',
            () => {
              const workerScripts = performance
                .getEntriesByType('resource')
                .map((e) => e.name)
                .filter((name) => /fcose\.worker/.test(name));
              resolve({ startArea: box.w * box.h, workerScripts });
            },
            { once: true },
          );
          w.__explorer.store.addGraph(w.__graph);
          // The provisional positions, before the worker's answer moves the nodes.
          const box = w.__explorer.canvas().nodes().boundingBox({});
        }),
    );
    // fCoSE ran in the worker, not on the page's main thread.
    expect(result.workerScripts).toHaveLength(1);

    const after = await page.evaluate(() => {
      const cy = (window as unknown as { __explorer: { canvas(): import('cytoscape').Core } }).__explorer.canvas();
      const box = cy.nodes().boundingBox({});
      const edge = cy.edges()[0]!;
      return {
        nodes: cy.nodes().length,
        edges: cy.edges().length,
        area: box.w * box.h,
        curve: edge.style('curve-style'),
        edgeLabel: edge.style('label'),
      };
    });
    expect(after).toMatchObject({ nodes: 1200, edges: 2400, curve: 'straight', edgeLabel: '' });
    // The provisional spiral is a small disc; fCoSE spreads the nodes far wider.
    expect(after.area).toBeGreaterThan(result.startArea * 4);
    await fitCanvas(page);
    await screenshot(page, 'large-graph');
    expect(explorer.errors).toEqual([]);
  });
});
