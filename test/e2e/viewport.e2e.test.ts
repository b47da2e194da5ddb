// The viewport and the layout, measured in real Chromium: sizes and positions on screen from
// Cytoscape's rendered bounding boxes, not only that nodes are there.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  SEARCH_BOX,
  VIEWPORT,
  afterLayout,
  canvasGeometry,
  positionDrift,
  renderedPosition,
  screenshot,
  sleep,
  useExplorer,
  waitForCanvasNodes,
  waitForLayout,
} from './browser.js';

const STATES = ['state--russia', 'state--china', 'state--iran'];

interface Drawn {
  id: string;
  /** The node's shape alone, and with its label, as drawn on the canvas element (px). */
  body: { x1: number; y1: number; x2: number; y2: number; w: number; h: number };
  withLabel: { x1: number; y1: number; x2: number; y2: number };
  /** Its label's font size on screen (px); 0 when no label is drawn. */
  fontPx: number;
}

interface Scene {
  width: number;
  height: number;
  zoom: number;
  nodes: Drawn[];
}

/** What the canvas draws: every shown node's boxes and label size. */
async function scene(page: Page): Promise<Scene> {
  return page.evaluate(() => {
    const cy = (window as any).__explorer.canvas();
    return {
      width: cy.width(),
      height: cy.height(),
      zoom: cy.zoom(),
      nodes: cy.nodes(':visible').map((n: any) => ({
        id: n.id(),
        body: n.renderedBoundingBox({ includeLabels: false, includeOverlays: false }),
        withLabel: n.renderedBoundingBox({ includeLabels: true, includeOverlays: false }),
        fontPx: n.style('label') ? parseFloat(n.renderedStyle('font-size')) : 0,
      })),
    };
  });
}

type Rect = { x1: number; y1: number; x2: number; y2: number };
const overlap = (a: Rect, b: Rect) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** Pairs of nodes whose shapes overlap on screen. */
function bodyOverlaps(s: Scene): string[] {
  const found: string[] = [];
  s.nodes.forEach((a, i) => s.nodes.slice(i + 1).forEach((b) => overlap(a.body, b.body) && found.push(`${a.id} × ${b.id}`)));
  return found;
}

/** Pairs where one node's label runs into another node's shape. */
function labelOnNode(s: Scene): string[] {
  const found: string[] = [];
  for (const a of s.nodes) for (const b of s.nodes) if (a !== b && overlap(a.withLabel, b.body)) found.push(`${a.id} label × ${b.id}`);
  return found;
}

/** Nodes whose shape is not wholly inside the canvas. */
function outside(s: Scene): string[] {
  return s.nodes.filter((n) => n.body.x1 < 0 || n.body.y1 < 0 || n.body.x2 > s.width || n.body.y2 > s.height).map((n) => n.id);
}

/** Waits until no layout runs and neither the viewport nor any node moves. */
async function settled(page: Page): Promise<void> {
  await waitForLayout(page);
  let last = '';
  for (let i = 0; i < 100; i++) {
    const now = await page.evaluate(() => {
      const cy = (window as any).__explorer.canvas();
      if (cy.animated() || cy.nodes().some((n: any) => n.animated())) return 'moving';
      return JSON.stringify([cy.zoom(), cy.pan(), cy.nodes().map((n: any) => n.position())]);
    });
    if (now !== 'moving' && now === last) return;
    last = now;
    await sleep(100);
  }
  throw new Error('settled: the canvas kept moving');
}

async function searchAndAdd(page: Page, text: string, name: RegExp) {
  await page.getByRole(SEARCH_BOX.role, { name: SEARCH_BOX.name }).fill(text);
  const results = page.getByRole('listbox', { name: 'Search results' });
  await results.getByRole('option', { name }).first().click();
}

describe('the viewport and the layout', () => {
  const explorer = useExplorer();

  it('draws one node added from search at normal size, in the centre', async () => {
    const { page } = explorer;
    await searchAndAdd(page, 'Russia', /Russia/);
    await waitForCanvasNodes(page, 1);
    await settled(page);
    const s = await scene(page);
    const [russia] = s.nodes;
    expect(russia!.id).toBe('state--russia');
    // About 40 px across (26 model units at the fit's zoom cap, plus the border), not the canvas's size.
    expect(russia!.body.w).toBeGreaterThan(36);
    expect(russia!.body.w).toBeLessThan(46);
    // Centred with its label: the shape a little above the middle, by half the label's height.
    const centre = { x: (russia!.body.x1 + russia!.body.x2) / 2, y: (russia!.body.y1 + russia!.body.y2) / 2 };
    expect(Math.abs(centre.x - s.width / 2)).toBeLessThan(3);
    expect(Math.abs(centre.y - s.height / 2)).toBeLessThan(20);
    expect(russia!.fontPx).toBeGreaterThanOrEqual(11);
    expect(russia!.fontPx).toBeLessThanOrEqual(14);
    await screenshot(page, 'viewport-1-one-node-from-search');
    expect(explorer.errors).toEqual([]);
  });

  it('keeps three states and their neighbours apart and in view, at readable sizes', async () => {
    const page = await explorer.reopen(`/?nodes=${STATES.join(',')}`);
    await waitForCanvasNodes(page, 3);
    await settled(page);
    let s = await scene(page);
    expect(bodyOverlaps(s)).toEqual([]);
    expect(labelOnNode(s)).toEqual([]);
    expect(outside(s)).toEqual([]);
    for (const n of s.nodes) expect(n.body.w, n.id).toBeLessThan(46);
    await screenshot(page, 'viewport-2-three-states');

    for (const id of STATES) {
      const before = s.nodes.length;
      const at = await renderedPosition(page, id);
      // Off the star's exact centre, as a hand would (its hit test misses the very centre).
      await afterLayout(page, () => page.mouse.dblclick(at.x + 2, at.y + 3));
      await settled(page);
      s = await scene(page);
      expect(s.nodes.length, `expanding ${id} adds nodes`).toBeGreaterThan(before);
      expect(bodyOverlaps(s), `after expanding ${id}`).toEqual([]);
      // The expanded (selected) node stays on screen.
      expect(outside(s)).not.toContain(id);
    }
    expect(labelOnNode(s)).toEqual([]);
    await screenshot(page, 'viewport-3-three-states-expanded');

    await page.getByRole('button', { name: 'Fit to screen' }).click();
    await settled(page);
    s = await scene(page);
    expect(outside(s)).toEqual([]);
    expect(bodyOverlaps(s)).toEqual([]);
    for (const n of s.nodes) {
      expect(n.fontPx, `${n.id}'s label on screen`).toBeGreaterThanOrEqual(10);
      expect(n.fontPx, `${n.id}'s label on screen`).toBeLessThanOrEqual(24);
    }
    await screenshot(page, 'viewport-4-expanded-fitted');

    await afterLayout(page, () => page.getByRole('button', { name: 'Re-run layout' }).click());
    await settled(page);
    s = await scene(page);
    expect(bodyOverlaps(s)).toEqual([]);
    expect(outside(s)).toEqual([]);
    for (const n of s.nodes) expect(n.fontPx, n.id).toBeGreaterThanOrEqual(10);
    await screenshot(page, 'viewport-5-relayout');
    expect(explorer.errors).toEqual([]);
  });

  it('gives the same graph the same layout, whatever order it came in', async () => {
    let page = await explorer.reopen(`/?nodes=${STATES.join(',')}`);
    await waitForCanvasNodes(page, 3);
    await settled(page);
    const first = await canvasGeometry(page);
    await afterLayout(page, () => page.getByRole('button', { name: 'Re-run layout' }).click());
    await settled(page);
    expect(positionDrift(first, await canvasGeometry(page), 'model')).toBeLessThan(0.01);

    page = await explorer.reopen(`/?nodes=${[...STATES].reverse().join(',')}`);
    await waitForCanvasNodes(page, 3);
    await settled(page);
    expect(positionDrift(first, await canvasGeometry(page), 'model')).toBeLessThan(0.01);
    // A bigger graph: Russia and its neighbours, laid out twice.
    const at = await renderedPosition(page, 'state--russia');
    await afterLayout(page, () => page.mouse.dblclick(at.x + 2, at.y + 3));
    await settled(page);
    await afterLayout(page, () => page.getByRole('button', { name: 'Re-run layout' }).click());
    await settled(page);
    const once = await canvasGeometry(page);
    expect(once.nodes.length).toBeGreaterThan(5);
    await afterLayout(page, () => page.getByRole('button', { name: 'Re-run layout' }).click());
    await settled(page);
    expect(positionDrift(once, await canvasGeometry(page), 'model')).toBeLessThan(0.01);
    expect(explorer.errors).toEqual([]);
  });
  it('labels edges only when zoomed in, hovered or selected, and names a hovered node in full', async () => {
    const page = await explorer.reopen('/?nodes=state--russia,threat-actor--gru');
    await waitForCanvasNodes(page, 2);
    await settled(page);
    const edgeLabels = () =>
      page.evaluate(
        () =>
          (window as any).__explorer
            .canvas()
            .edges()
            .map((e: any) => String(e.style('label'))) as string[],
      );
    // Two nodes fit at the zoom cap: close enough for every edge to be labelled.
    expect(await edgeLabels()).toContain('DIRECTS');
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom out' }).click();
    await settled(page);
    expect((await edgeLabels()).every((l) => l === '')).toBe(true);
    // Hovering a node labels its edges and shows its whole name as the canvas's tooltip.
    const at = await renderedPosition(page, 'threat-actor--gru');
    await page.mouse.move(at.x + 2, at.y + 3);
    await page.waitForFunction(() => document.querySelector('[data-testid=graph-canvas]')?.getAttribute('title'));
    const name = await page.evaluate(() => (window as any).__explorer.canvas().getElementById('threat-actor--gru').data('name') as string);
    expect(await page.locator('[data-testid=graph-canvas]').getAttribute('title')).toBe(name);
    expect(await edgeLabels()).toContain('DIRECTS');
    // Away from it, unlabelled again; selected, its edges are labelled.
    await page.mouse.move(5, 5);
    await page.waitForFunction(() => !document.querySelector('[data-testid=graph-canvas]')?.hasAttribute('title'));
    expect((await edgeLabels()).every((l) => l === '')).toBe(true);
    await page.mouse.click(at.x + 2, at.y + 3);
    await page.waitForFunction(() => (window as any).__explorer.canvas().getElementById('threat-actor--gru').selected());
    expect(await edgeLabels()).toContain('DIRECTS');
    expect(explorer.errors).toEqual([]);
  });

  it('collapses the side panels to give the canvas their room, and remembers them and the dark theme', async () => {
    const page = await explorer.reopen('/?nodes=state--russia');
    const canvasWidth = () => page.evaluate(() => (window as any).__explorer.canvas().width() as number);
    const before = await canvasWidth();
    await page.getByRole('button', { name: 'Hide the tools panel' }).click();
    await page.getByRole('button', { name: 'Hide the details panel' }).click();
    await expect.poll(canvasWidth).toBe(VIEWPORT.width);
    expect(before).toBeLessThan(VIEWPORT.width - 600);
    expect(await page.getByRole('complementary', { name: 'Tools' }).isHidden()).toBe(true);

    await page.getByRole('button', { name: 'Dark theme' }).click();
    const canvasBackground = () =>
      page.$eval('[data-testid=graph-canvas]', (el) => getComputedStyle(el.parentElement!).getPropertyValue('--canvas').trim());
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const dark = await canvasBackground();
    await screenshot(page, 'dark-theme-panels-collapsed');

    // A reload (or the next visit) keeps both choices; showing the panels gives the room back.
    await page.reload();
    await waitForCanvasNodes(page, 1);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await canvasBackground()).toBe(dark);
    expect(await canvasWidth()).toBe(VIEWPORT.width);
    await page.getByRole('button', { name: 'Show the tools panel' }).click();
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(canvasWidth).toBe(before + 340);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await canvasBackground()).not.toBe(dark);
    expect(explorer.errors).toEqual([]);
  });

  it('zooms a few per cent per mouse-wheel notch, about the pointer, with no warning from Cytoscape', async () => {
    const page = await explorer.reopen(`/?nodes=${STATES.join(',')}`);
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.reload();
    await waitForCanvasNodes(page, 3);
    // The reload puts back the view it had (no layout to wait for).
    await sleep(500);
    const box = (await page.getByTestId('graph-canvas').boundingBox())!;
    const pointer = { x: box.width / 3, y: box.height / 3 };
    await page.mouse.move(box.x + pointer.x, box.y + pointer.y);
    const viewport = () =>
      page.evaluate(() => ({
        zoom: (window as any).__explorer.canvas().zoom() as number,
        pan: { ...(window as any).__explorer.canvas().pan() },
      }));
    const before = await viewport();
    // The model point under the pointer, which zooming about the pointer keeps there.
    const under = { x: (pointer.x - before.pan.x) / before.zoom, y: (pointer.y - before.pan.y) / before.zoom };
    for (let i = 0; i < 10; i++) {
      await page.mouse.wheel(0, 100);
      await sleep(30);
    }
    const after = await viewport();
    // Ten notches away from the screen zoom out by a fifth at least (a notch is 2.8 % to 4.7 %), and
    // at most by half.
    expect(after.zoom / before.zoom).toBeLessThan(0.8);
    expect(after.zoom / before.zoom).toBeGreaterThan(0.5);
    expect(Math.abs(under.x * after.zoom + after.pan.x - pointer.x)).toBeLessThan(1);
    expect(Math.abs(under.y * after.zoom + after.pan.y - pointer.y)).toBeLessThan(1);
    expect(warnings.filter((w) => /cytoscape|wheel/i.test(w))).toEqual([]);
    expect(explorer.errors).toEqual([]);
  });
});
