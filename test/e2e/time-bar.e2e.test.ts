// The time bar in a real browser over the seeded graph: its bars count what the store holds,
// brushing a window fades the relationships outside it on the canvas, and play moves the window.
import { describe, expect, it } from 'vitest';
import type { GraphEdge } from '@model/api.js';
import { overlapsWindow } from '@model/partial-date.js';
import { timeHistogram } from '../../client/src/features/timebar/histogram.js';
import { dateRange } from '../../client/src/shared/visibility.js';
import { canvasElement, screenshot, useExplorer, waitForCanvasNodes } from './browser.js';

const IDS = [
  'state--russia',
  'threat-actor--gru',
  'threat-actor--gru-unit-74455',
  'threat-actor--fsb',
  'threat-actor--star-blizzard',
  'organization--us-doj',
  'tool--notpetya',
  'campaign--notpetya-2017',
  'person--yuriy-andrienko',
];

interface Filters {
  dateFrom: string | null;
  dateTo: string | null;
}

describe('the time bar', () => {
  const explorer = useExplorer();

  it('counts the canvas, fades what lies outside a brushed window, and plays it forward', async () => {
    const page = await explorer.reopen(`/?nodes=${IDS.join(',')}`);
    await waitForCanvasNodes(page, IDS.length);
    const edges = await page.evaluate<GraphEdge[]>(() => Object.values((window as any).__explorer.store.getState().edges));
    expect(edges.length).toBeGreaterThan(5);

    // The bars are the store's histogram, month by month.
    const plot = page.getByRole('slider', { name: 'Time window' });
    await plot.waitFor();
    const drawn = await page.$$eval('.time-bar-plot g[data-month]', (groups) =>
      groups.map((g) => [g.getAttribute('data-month'), Number(g.getAttribute('data-event')), Number(g.getAttribute('data-reported'))]),
    );
    const expected = timeHistogram(edges);
    expect(drawn).toEqual(expected.months.map((m, i) => [m, expected.event[i], expected.reported[i]]));

    // Brush one month chosen so that some relationships fall inside it and some outside.
    const insideOf = (from: string, to: string) =>
      edges.filter((e) => {
        const range = dateRange(e);
        return range !== null && overlapsWindow(range, from, to);
      }).length;
    const k = expected.months.findIndex((m) => {
      const inside = insideOf(`${m}-01`, `${m}-31`);
      return inside > 0 && inside < edges.length;
    });
    expect(k).toBeGreaterThanOrEqual(0);
    const box = (await plot.boundingBox())!;
    const x = box.x + ((k + 0.5) / expected.months.length) * box.width;
    await page.mouse.move(x - 1, box.y + box.height / 3);
    await page.mouse.down();
    await page.mouse.move(x + 1, box.y + box.height / 3, { steps: 2 });
    await page.mouse.up();
    const filters = await page.evaluate(() => (window as any).__explorer.store.getState().filters as Filters);
    // The first and last months leave that end of the window open.
    const month = expected.months[k]!;
    expect(filters).toMatchObject({
      dateFrom: k === 0 ? null : `${month}-01`,
      dateTo: k === expected.months.length - 1 ? null : `${month}-31`,
    });
    await screenshot(page, 'time-bar-brushed');

    // Every edge is faded exactly when its dates fall outside the window (both ends are shown).
    let faded = 0;
    for (const edge of edges) {
      const range = dateRange(edge);
      const inside = range !== null && overlapsWindow(range, filters.dateFrom, filters.dateTo);
      const state = await canvasElement(page, edge.id);
      expect(state?.classes.includes('faded'), edge.id).toBe(!inside);
      if (!inside) faded++;
    }
    expect(faded).toBeGreaterThan(0);
    expect(faded).toBeLessThan(edges.length);

    // Play moves the window on by a month at a time.
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(
      (from: string) => ((window as any).__explorer.store.getState().filters.dateFrom ?? '') > from,
      filters.dateFrom ?? '',
      { timeout: 10_000 },
    );
    await page.getByRole('button', { name: 'Pause' }).click();
    const moved = await page.evaluate(() => (window as any).__explorer.store.getState().filters as Filters);
    expect((moved.dateFrom ?? '') > (filters.dateFrom ?? '')).toBe(true);
    await screenshot(page, 'time-bar-played');
    expect(explorer.errors).toEqual([]);
  });
});
