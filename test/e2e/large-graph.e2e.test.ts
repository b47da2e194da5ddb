// A large graph on the canvas: drawn before its layout is done, the page responsive while fCoSE
// runs in a worker, the nodes spread out when it ends, and drawn for speed (no edge labels).
import { describe, expect, it } from 'vitest';
import { syntheticGraph } from '../../bench/synthetic-canvas-graph.js';
import { fitCanvas, screenshot, useExplorer } from './browser.js';

describe('a large graph on the canvas', () => {
  const explorer = useExplorer();

  it('is drawn at once and laid out in a worker while the page keeps running', async () => {
    const { page } = explorer;
    const graph = syntheticGraph(1200, 2400);
    await page.evaluate((g) => {
      (window as unknown as { __graph: unknown }).__graph = g;
    }, graph);
    const result = await page.evaluate(
      () =>
        new Promise<{ framesDuringLayout: number; renderedBeforeLayout: boolean; startArea: number }>((resolve) => {
          const w = window as unknown as {
            __graph: unknown;
            __explorer: { store: { addGraph(g: unknown): void }; events: EventTarget; canvas(): import('cytoscape').Core };
          };
          const { events } = w.__explorer;
          let frames = 0;
          let rendered = false;
          let stopped = false;
          const onRender = (e: Event) => {
            if ((e as CustomEvent<{ nodes: number }>).detail.nodes > 0 && !stopped) rendered = true;
          };
          events.addEventListener('render', onRender);
          const tick = () => {
            if (stopped) return;
            frames++;
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
          events.addEventListener(
            'layoutstop',
            () => {
              stopped = true;
              events.removeEventListener('render', onRender);
              resolve({ framesDuringLayout: frames, renderedBeforeLayout: rendered, startArea: box.w * box.h });
            },
            { once: true },
          );
          w.__explorer.store.addGraph(w.__graph);
          // The provisional positions, before the worker's answer moves the nodes.
          const box = w.__explorer.canvas().nodes().boundingBox({});
        }),
    );
    expect(result.renderedBeforeLayout).toBe(true);
    // A synchronous layout of this size blocks every frame until it ends.
    expect(result.framesDuringLayout).toBeGreaterThan(3);

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
