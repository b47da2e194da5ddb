// The explorer opens in a real browser, served by the real app over the seeded Neo4j.
import { describe, expect, it } from 'vitest';
import { SEARCH_BOX, screenshot, useExplorer, waitForCanvasNodes } from './browser.js';

describe('explorer in the browser', () => {
  const explorer = useExplorer();

  it('opens with the search box, an empty canvas and no console errors', async () => {
    const { page } = explorer;
    await expect(page.title()).resolves.toBe('Threat-network explorer');
    await expect(page.getByRole(SEARCH_BOX.role, { name: SEARCH_BOX.name }).isVisible()).resolves.toBe(true);
    await waitForCanvasNodes(page, 0);
    // Let the first health check come back: a failing one would log an error or show the banner.
    await page.waitForLoadState('networkidle');
    expect(await page.getByText(/unreachable/i).count()).toBe(0);
    await screenshot(page, 'smoke-empty');
    expect(explorer.errors).toEqual([]);
  });
});
