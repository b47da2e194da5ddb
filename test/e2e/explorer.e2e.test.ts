// What journalists and researchers do, in real Chromium against the real server and seeded Neo4j.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  CANVAS_SELECTOR,
  SEARCH_BOX,
  canvasElement,
  canvasNodeIds,
  doubleClickNode,
  renderedPosition,
  fitCanvas,
  screenshot,
  useExplorer,
  waitForCanvasNodes,
} from './browser.js';

async function searchAndAdd(page: Page, text: string, name: RegExp) {
  await page.getByRole(SEARCH_BOX.role, { name: SEARCH_BOX.name }).fill(text);
  const results = page.getByRole('listbox', { name: 'Search results' });
  await results.getByRole('option', { name }).first().waitFor();
  await results.getByRole('option', { name }).first().click();
  // The canvas centres the new node; let that animation end before pointing at it.
  await page.waitForFunction(() => {
    const cy = (window as any).__explorer?.canvas();
    return cy && cy.nodes().length > 0 && !cy.animated();
  });
  await page.waitForTimeout(200);
}

async function storeEdges(page: Page): Promise<Array<{ id: string; type: string; from: string; to: string }>> {
  return page.evaluate(() => Object.values((window as any).__explorer.store.getState().edges));
}

describe('the explorer in the browser', () => {
  const explorer = useExplorer();

  it('searches "Russia", adds it, and expands it to its neighbours', async () => {
    const { page } = explorer;
    await searchAndAdd(page, 'Russia', /Russia/);
    await waitForCanvasNodes(page, 1);
    expect(await canvasNodeIds(page)).toEqual(['state--russia']);
    await screenshot(page, 'search-russia');

    // Cytoscape's hit test of the star shape misses its exact centre (a ray through the points),
    // so point a little off it, as a hand would.
    const { x, y } = await renderedPosition(page, 'state--russia');
    await page.mouse.dblclick(x + 2, y + 3);
    const count = await waitForCanvasNodes(page, (n) => n > 5);
    const ids = await canvasNodeIds(page);
    expect(ids).toEqual(expect.arrayContaining(['state--russia', 'threat-actor--gru', 'threat-actor--fsb']));
    expect(count).toBe(ids.length);
    await fitCanvas(page);
    await screenshot(page, 'expand-russia');

    // The context menu offers expansion by type, with counts.
    const at = await renderedPosition(page, 'state--russia');
    await page.mouse.click(at.x + 2, at.y + 3, { button: 'right' });
    const menu = page.getByRole('menu');
    await menu.waitFor();
    await expect(menu.getByRole('menuitem', { name: /^DIRECTS \(\d+\)$/ }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'context-menu');
    await page.keyboard.press('Escape');
    expect(explorer.errors).toEqual([]);
  });

  it('opens an edge and shows its source', async () => {
    const page = await explorer.reopen('/?nodes=state--russia,threat-actor--gru');
    await waitForCanvasNodes(page, 2);
    const [edge] = await storeEdges(page).then((edges) => edges.filter((e) => e.type === 'DIRECTS'));
    expect(edge).toBeDefined();
    await fitCanvas(page);
    // Click the middle of the edge, as a person would.
    const mid = await page.evaluate((id) => (window as any).__explorer.canvas().getElementById(id).renderedMidpoint(), edge!.id);
    const box = (await page.locator(CANVAS_SELECTOR).boundingBox())!;
    await page.mouse.click(box.x + mid.x, box.y + mid.y);
    const panel = page.getByRole('article', { name: 'Evidence for DIRECTS' });
    await panel.waitFor();
    await panel.getByRole('button', { name: 'Copy citation' }).first().waitFor();
    const text = await panel.innerText();
    expect(text).toMatch(/confidence\s+\d+ \/ 100/);
    expect(text).toMatch(/EVIDENCE \(\d+ SOURCES?\)/i);
    expect((await canvasElement(page, edge!.id))?.selected).toBe(true);
    await screenshot(page, 'edge-evidence');
  });

  it('finds the path between two states and highlights it', async () => {
    const { page } = explorer;
    await page.getByRole('tab', { name: 'Paths' }).click();
    await page.getByRole('combobox', { name: 'Path start' }).fill('Iran');
    await page
      .getByRole('listbox', { name: 'Search results' })
      .getByRole('option', { name: /^State\s*Iran/ })
      .first()
      .click();
    await page.getByTestId('path-from').waitFor();
    await page.getByRole('combobox', { name: 'Path end' }).fill('Russia');
    await page
      .getByRole('listbox', { name: 'Search results' })
      .getByRole('option', { name: /^State\s*Russia/ })
      .first()
      .click();
    await page.getByTestId('path-to').waitFor();
    await page.getByRole('button', { name: 'Find paths' }).click();
    const list = page.getByRole('list', { name: 'Paths found' });
    await list.waitFor();
    await waitForCanvasNodes(page, (n) => n >= 3);
    for (const id of ['state--iran', 'state--russia']) expect((await canvasElement(page, id))?.classes).toContain('highlight');
    expect(await list.innerText()).toMatch(/confidence \d+/);
    await fitCanvas(page);
    await screenshot(page, 'paths-iran-russia');
  });

  it('runs a saved query and draws its result', async () => {
    const { page } = explorer;
    await page.getByRole('tab', { name: 'Saved queries' }).click();
    await page.getByRole('button', { name: 'Who works with an actor' }).click();
    await expect(page.getByRole('textbox', { name: /^actor/ }).inputValue()).resolves.toBe('state--russia');
    await page.getByRole('button', { name: /^Run/ }).click();
    await waitForCanvasNodes(page, (n) => n > 3);
    expect(await canvasNodeIds(page)).toContain('threat-actor--gru');
    await page.getByText(/\d+ rows? in \d+ ms/).waitFor();
    await screenshot(page, 'saved-query');
  });

  it('refuses a write in the console and says so', async () => {
    const { page } = explorer;
    await page.getByRole('tab', { name: 'Cypher console' }).click();
    const editor = page.locator('.cm-content').first();
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('MATCH (n:State) DETACH DELETE n');
    await page.getByRole('button', { name: /^Run/ }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'read-only' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('The console is read-only: this query would write.');
    // With the reason in a few words, ahead of the message.
    expect(await alert.locator('[data-reason]').getAttribute('data-reason')).toBe('NOT_READ_ONLY');
    expect(await alert.innerText()).toMatch(/^Would write: /);
    await screenshot(page, 'console-refused');
    // Nothing was deleted.
    await searchAndAdd(page, 'Russia', /Russia/);
    await waitForCanvasNodes(page, 1);
  });

  it('shows the same view after a reload', async () => {
    const { page } = explorer;
    await searchAndAdd(page, 'Star Blizzard', /Star Blizzard/);
    await waitForCanvasNodes(page, 1);
    await doubleClickNode(page, 'threat-actor--star-blizzard');
    await waitForCanvasNodes(page, (n) => n > 3);
    const before = await canvasNodeIds(page);
    await page.waitForFunction((n) => new URLSearchParams(location.search).get('nodes')?.split(',').length === n, before.length);
    await page.reload();
    await waitForCanvasNodes(page, before.length);
    expect(await canvasNodeIds(page)).toEqual(before);
    await screenshot(page, 'reloaded-view');
  });

  it('opens a shared link with its hidden and pinned nodes as they were', async () => {
    const ids = ['state--russia', 'threat-actor--gru', 'state--iran'];
    const page = await explorer.reopen(`/?nodes=${ids.join(',')}&hidden=threat-actor--gru&pinned=state--iran`);
    await waitForCanvasNodes(page, ids.length);
    expect(await canvasNodeIds(page)).toEqual([...ids].sort());
    // The hidden node is on the canvas but not shown, and the toolbar offers to show it again.
    await page.waitForFunction(() => (window as any).__explorer.canvas().getElementById('threat-actor--gru').visible() === false);
    expect(await canvasNodeIds(page, { visible: true })).toEqual(['state--iran', 'state--russia']);
    expect(await page.getByRole('button', { name: 'Show hidden nodes' }).textContent()).toContain('(1)');
    expect((await canvasElement(page, 'state--iran'))?.locked).toBe(true);
    expect((await canvasElement(page, 'state--russia'))?.locked).toBe(false);
    // And the URL keeps them, so the link can be passed on again.
    const query = new URL(page.url()).searchParams;
    expect(query.get('hidden')).toBe('threat-actor--gru');
    expect(query.get('pinned')).toBe('state--iran');
  });
});
