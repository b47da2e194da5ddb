// Style by data in a real browser over the seeded graph: nodes sized by their relationships on the
// canvas and coloured by a property, as the pure rules say (compared with styleByData over the
// store), the legend saying what is shown, and the default look back when chosen again.
import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '@model/api.js';
import { LABEL_STYLES } from '@model/label-styles.js';
import { SIZE_RANGE, propertyChoices, styleByData } from '../../client/src/shared/style-by-data.js';
import { screenshot, useExplorer, waitForCanvasNodes } from './browser.js';

const IDS = [
  'state--russia',
  'state--iran',
  'state--china',
  'threat-actor--gru',
  'threat-actor--fsb',
  'proxy-gang--evil-corp',
  'threat-actor--irgc',
  'threat-actor--mss',
];

/** "#rrggbb" as Cytoscape reports colours: "rgb(r,g,b)". */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(',')})`;

describe('style by data', () => {
  const explorer = useExplorer();

  it('sizes by relationships on the canvas, colours by a property with a legend, and goes back to the label colours', async () => {
    const page = await explorer.reopen(`/?nodes=${IDS.join(',')}`);
    await waitForCanvasNodes(page, IDS.length);
    const store = () =>
      page.evaluate(() => {
        const s = (window as any).__explorer.store.getState();
        return { nodes: Object.values<GraphNode>(s.nodes), edges: Object.values<GraphEdge>(s.edges) };
      });
    const drawn = () =>
      page.evaluate(() =>
        Object.fromEntries(
          (window as any).__explorer
            .canvas()
            .nodes()
            .map((n: any) => [n.id(), { width: n.width() as number, color: String(n.style('background-color')).replace(/\s/g, '') }]),
        ),
      ) as Promise<Record<string, { width: number; color: string }>>;
    const { nodes, edges } = await store();
    expect(edges.length).toBeGreaterThan(3);

    await page.getByRole('tab', { name: /Filters/ }).click();
    await page.getByRole('combobox', { name: /^Size/ }).selectOption('degree');
    const bySize = styleByData(nodes, edges, { size: { kind: 'degree' }, color: { kind: 'label' } });
    await expect
      .poll(async () => Object.fromEntries(Object.entries(await drawn()).map(([id, d]) => [id, d.width])))
      .toEqual(Object.fromEntries(nodes.map((n) => [n.id, bySize.nodes[n.id]!.size])));
    const widths = Object.values(await drawn()).map((d) => d.width);
    expect(Math.max(...widths)).toBe(SIZE_RANGE.max);
    expect(Math.min(...widths)).toBe(SIZE_RANGE.min);
    const legend = page.getByLabel('What size and colour show');
    await expect.poll(() => legend.textContent()).toContain('Size: relationships on the canvas');

    // The first property the canvas's nodes share a value of (actorType on these).
    const key = propertyChoices(nodes).categorical[0]!;
    expect(key).toBeDefined();
    await page.getByRole('combobox', { name: /^Colour/ }).selectOption(`property:${key}`);
    const byProperty = styleByData(nodes, edges, { size: { kind: 'degree' }, color: { kind: 'property', key } });
    await expect
      .poll(async () => Object.fromEntries(Object.entries(await drawn()).map(([id, d]) => [id, d.color])))
      .toEqual(Object.fromEntries(nodes.map((n) => [n.id, rgb(byProperty.nodes[n.id]!.color!)])));
    if (byProperty.legend.color?.kind !== 'categories') throw new Error(`${key} is text: categories expected`);
    const items = await legend.locator('li').allTextContents();
    expect(items.slice(0, byProperty.legend.color.entries.length)).toEqual(
      byProperty.legend.color.entries.map((e) => `${e.value} (${e.count})`),
    );
    await screenshot(page, 'style-by-data-degree-property');

    await page.getByRole('combobox', { name: /^Size/ }).selectOption('uniform');
    await page.getByRole('combobox', { name: /^Colour/ }).selectOption('label');
    await expect
      .poll(async () => Object.fromEntries(Object.entries(await drawn()).map(([id, d]) => [id, d.color])))
      .toEqual(Object.fromEntries(nodes.map((n) => [n.id, rgb(LABEL_STYLES[n.label]!.color)])));
    expect(await legend.count()).toBe(0);
    expect(explorer.errors).toEqual([]);
  });
});
