// Expanding a hub a page at a time, in real Chromium against the seeded Neo4j: with a small page
// the inspector and the context menu say "+N more" and load the next page on demand; and an
// expand carries the filters set in the Filters panel.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  afterLayout,
  clickNode,
  doubleClickNode,
  fitCanvas,
  rightClickNode,
  screenshot,
  useExplorer,
  waitForCanvasNodes,
} from './browser.js';

interface ExpandBody {
  ids: string[];
  limit?: number;
  skip?: number;
  minConfidence?: number;
  labels?: string[];
  relTypes?: string[];
}

/** The bodies of the page's POST /api/expand requests, as they are sent. */
function expandRequests(page: Page): ExpandBody[] {
  const bodies: ExpandBody[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/expand') bodies.push(request.postDataJSON() as ExpandBody);
  });
  return bodies;
}

async function expandTotal(url: string, body: ExpandBody): Promise<number> {
  const res = await fetch(`${url}/api/expand`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, limit: 1 }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { total: number }).total;
}

const HUB = 'organization--us-doj';
const PAGE = 10;

describe('expanding a hub page by page', () => {
  const explorer = useExplorer();

  it('shows "+N more" in the inspector and the context menu, and loads the next page from either', async () => {
    const total = await expandTotal(explorer.url, { ids: [HUB] });
    // A hub: more than two pages of ten.
    expect(total).toBeGreaterThan(2 * PAGE);
    const page = await explorer.reopen(`/?nodes=${HUB}`);
    const sent = expandRequests(page);
    await waitForCanvasNodes(page, 1);
    await page.getByRole('combobox', { name: 'Neighbours per expand' }).selectOption(String(PAGE));

    await afterLayout(page, () => doubleClickNode(page, HUB));
    await waitForCanvasNodes(page, (n) => n > 1);
    expect(sent).toEqual([{ ids: [HUB], limit: PAGE, skip: 0 }]);
    await fitCanvas(page);
    await clickNode(page, HUB);
    const details = page.getByRole('complementary', { name: 'Details' });
    const more = details.getByRole('button', { name: new RegExp(`^Load more neighbours of .+ \\(\\+${total - PAGE} more\\)$`) });
    await more.waitFor();
    expect(await more.textContent()).toBe(`+${total - PAGE} more`);
    await expect(details.getByText(`Loaded ${PAGE} of ${total} relationships`).isVisible()).resolves.toBe(true);
    await screenshot(page, 'expand-more-inspector');

    const before = await waitForCanvasNodes(page, (n) => n > 1);
    await afterLayout(page, () => more.click());
    await waitForCanvasNodes(page, (n) => n > before);
    expect(sent[1]).toEqual({ ids: [HUB], limit: PAGE, skip: PAGE });
    await details.getByRole('button', { name: new RegExp(`\\(\\+${total - 2 * PAGE} more\\)$`) }).waitFor();

    await fitCanvas(page);
    const menu = await rightClickNode(page, HUB);
    const item = menu.getByRole('menuitem', { name: `Load more +${total - 2 * PAGE} more` });
    await item.waitFor();
    await screenshot(page, 'expand-more-menu');
    const shown = await waitForCanvasNodes(page, (n) => n > before);
    await afterLayout(page, () => item.click());
    await waitForCanvasNodes(page, (n) => n > shown);
    expect(sent[2]).toEqual({ ids: [HUB], limit: PAGE, skip: 2 * PAGE });
    expect(explorer.errors).toEqual([]);
  });

  it('sends the filters set in the Filters panel, so the pages are of what is shown', async () => {
    const page = await explorer.reopen(`/?nodes=${HUB}`);
    const sent = expandRequests(page);
    await waitForCanvasNodes(page, 1);
    // Minimum confidence 70 (the slider steps by 5), and no Person nodes.
    const slider = page.getByRole('slider', { name: 'Minimum confidence' });
    await slider.focus();
    for (let i = 0; i < 14; i++) await page.keyboard.press('ArrowRight');
    await expect(slider.inputValue()).resolves.toBe('70');
    await page.getByRole('checkbox', { name: /^Person/ }).uncheck();

    await afterLayout(page, () => doubleClickNode(page, HUB));
    await waitForCanvasNodes(page, (n) => n > 1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ ids: [HUB], minConfidence: 70, skip: 0, limit: 100 });
    expect(sent[0]!.labels).toEqual(expect.arrayContaining(['State', 'Organization', 'ThreatActor']));
    expect(sent[0]!.labels).not.toContain('Person');

    const onCanvas = await page.evaluate((hub) => {
      const state = (window as any).__explorer.store.getState();
      return {
        confidences: Object.values(state.edges as Record<string, { from: string; to: string; evidence: { confidence?: number } }>)
          .filter((e) => e.from === hub || e.to === hub)
          .map((e) => e.evidence.confidence ?? null),
        labels: Object.values(state.nodes as Record<string, { id: string; label: string }>)
          .filter((n) => n.id !== hub)
          .map((n) => n.label),
      };
    }, HUB);
    expect(onCanvas.confidences.length).toBeGreaterThan(0);
    for (const c of onCanvas.confidences) expect(c).toBeGreaterThanOrEqual(70);
    expect(onCanvas.labels).not.toContain('Person');
    // What the server counted under those filters, and fewer than without them.
    const filtered = await expandTotal(explorer.url, { ids: [HUB], minConfidence: 70, labels: sent[0]!.labels! });
    expect(onCanvas.confidences).toHaveLength(filtered);
    expect(filtered).toBeLessThan(await expandTotal(explorer.url, { ids: [HUB] }));
    expect(explorer.errors).toEqual([]);
  });
});
