// Which renderer draws the canvas: headless Chromium's GPU is SwiftShader (software), so it gets
// the 2D canvas; ?renderer=webgl forces Cytoscape's WebGL renderer (which SwiftShader can run),
// and the page says which one draws.
import { describe, expect, it } from 'vitest';
import { syntheticGraph } from '../../bench/synthetic-canvas-graph.js';
import { openExplorer, screenshot, useExplorer } from './browser.js';

interface W {
  __graph: unknown;
  __explorer: { renderer: string; store: { addGraph(g: unknown): void }; events: EventTarget; canvas(): import('cytoscape').Core };
}

/** Adds a graph, waits for its layout, and tells what the canvas layers are and how many nodes are shown. */
async function drawGraph(page: import('playwright-core').Page) {
  await page.evaluate(
    (g) => {
      (window as unknown as W).__graph = g;
    },
    syntheticGraph(60, 90),
  );
  return page.evaluate(
    () =>
      new Promise<{ layers: string[]; nodes: number; renderer: string }>((resolve) => {
        const w = window as unknown as W;
        w.__explorer.events.addEventListener(
          'layoutstop',
          () =>
            requestAnimationFrame(() =>
              resolve({
                layers: [...document.querySelectorAll('[data-testid=graph-canvas] canvas')].map((c) => c.getAttribute('data-id') ?? ''),
                nodes: w.__explorer.canvas().nodes(':visible').length,
                renderer: w.__explorer.renderer,
              }),
            ),
          { once: true },
        );
        w.__explorer.store.addGraph(w.__graph);
      }),
  );
}

describe('the canvas renderer', () => {
  const explorer = useExplorer();

  it('is the 2D canvas under a software GPU, and says so', async () => {
    const { page } = explorer;
    const drawn = await drawGraph(page);
    expect(drawn.renderer).toBe('canvas');
    expect(drawn.layers.some((id) => /webgl/.test(id))).toBe(false);
    expect(drawn.nodes).toBe(60);
    const badge = page.getByTestId('renderer-badge');
    await expect(badge.textContent()).resolves.toBe('Canvas');
    await expect(badge.getAttribute('title')).resolves.toMatch(/software GPU \(.*SwiftShader/);
    expect(explorer.errors).toEqual([]);
  });

  it('is WebGL when forced with ?renderer=webgl, remembered until ?renderer=auto', async () => {
    const forced = await openExplorer(explorer.browser, explorer.url, '/?renderer=webgl');
    try {
      const drawn = await drawGraph(forced.page);
      expect(drawn.renderer).toBe('webgl');
      expect(drawn.layers).toContain('layer3-webgl');
      expect(drawn.nodes).toBe(60);
      await expect(forced.page.getByTestId('renderer-badge').textContent()).resolves.toBe('WebGL');
      // Its frames are announced like the 2D canvas's (Cytoscape's WebGL mode emits no 'render' itself).
      await expect(
        forced.page.evaluate(() => (window as unknown as { __e2e: { renders: number } }).__e2e.renders),
      ).resolves.toBeGreaterThan(0);
      // Nodes were drawn in their colours: the screenshot of the canvas (decoded by Chromium) has coloured pixels.
      const png = await forced.page.getByTestId('graph-canvas').screenshot();
      const painted = await forced.page.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const copy = document.createElement('canvas');
        [copy.width, copy.height] = [img.width, img.height];
        const ctx = copy.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
        let coloured = 0;
        for (let i = 0; i < data.length; i += 4)
          if (Math.max(data[i]!, data[i + 1]!, data[i + 2]!) - Math.min(data[i]!, data[i + 1]!, data[i + 2]!) > 40) coloured++;
        return coloured;
      }, png.toString('base64'));
      expect(painted).toBeGreaterThan(100);
      await screenshot(forced.page, 'renderer-webgl');
      // The same browser remembers it on a page without the parameter, until ?renderer=auto.
      await forced.page.goto(`${explorer.url}/`);
      await forced.page.getByTestId('renderer-badge').waitFor();
      await expect(forced.page.evaluate(() => (window as unknown as W).__explorer?.renderer)).resolves.toBe('webgl');
      await forced.page.goto(`${explorer.url}/?renderer=auto`);
      await forced.page.getByTestId('renderer-badge').waitFor();
      await expect(forced.page.getByTestId('renderer-badge').textContent()).resolves.toBe('Canvas');
      expect(forced.errors).toEqual([]);
    } finally {
      await forced.context.close();
    }
  });
});
