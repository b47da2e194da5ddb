// The explorer while its server starts, in real Chromium: the loading panel with the seed's
// progress instead of an empty canvas, a shared link (?nodes= or /s/<id>) that opens by itself
// once the data is complete, and the banner with the server's message while Neo4j restarts.
// One SystemStatus drives the served app; each test sets the phase it needs and opens a page.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Graph } from '@model/api.js';
import type { Snapshot } from '@model/snapshot.js';
import { SystemStatus, describeStatus } from '../../server/lifecycle/status.js';
import { viewDocument } from '../support/view-document.js';
import { SEARCH_BOX, canvasNodeIds, screenshot, useExplorer, waitForCanvasNodes, waitForViewRestored } from './browser.js';

/** The panel that covers the canvas while the explorer starts. */
const startupPanel = (page: Page) => page.getByRole('region', { name: 'The explorer is starting' });
const searchBox = (page: Page) => page.getByRole(SEARCH_BOX.role, { name: SEARCH_BOX.name });

/** Chromium logs every 503 as "Failed to load resource"; those are the point here, anything else is not. */
const unexpected = (errors: readonly string[]) =>
  errors.filter((e) => !/Failed to load resource: the server responded with a status of 503/.test(e));

/** Marks the page, to tell later that it was not reloaded. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { startupMark?: boolean }).startupMark = true;
  });
}
const stillMarked = (page: Page) => page.evaluate(() => (window as unknown as { startupMark?: boolean }).startupMark === true);

async function apiJson<T>(url: string, path: string, method: string, body?: unknown): Promise<T> {
  const res = await fetch(new URL(path, url), {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

describe('the explorer while its server starts', () => {
  const status = new SystemStatus('ready');
  const explorer = useExplorer({ status });

  it('shows the seed progress instead of the canvas, then the view in the link without a reload', async () => {
    status.set('seeding');
    status.progress(2, 5);
    const page = await explorer.reopen('/?nodes=state--russia');
    await markPage(page);
    const panel = startupPanel(page);
    await panel.getByRole('heading', { name: 'Loading the graph… 40%' }).waitFor();
    const bar = panel.getByRole('progressbar', { name: 'Start-up progress' });
    expect(await bar.getAttribute('aria-valuenow')).toBe('40');
    expect(await bar.getAttribute('aria-valuetext')).toBe('40%, 2 of 5 records');
    // The server's own words under the bar, and what will happen to the link.
    const text = await panel.innerText();
    expect(text).toContain(describeStatus(status.current()));
    expect(text).toContain('The view in your link appears as soon as the graph is loaded.');
    expect(await searchBox(page).isDisabled()).toBe(true);
    expect(await searchBox(page).getAttribute('placeholder')).toBe('Available once the graph is loaded');
    expect(await canvasNodeIds(page)).toEqual([]);
    // Nothing is lost meanwhile: the address still leads to the view (a reload, a copied link).
    expect(new URL(page.url()).searchParams.get('nodes')).toBe('state--russia');
    await screenshot(page, 'startup-seeding-40');

    // Health is polled every second while starting: the bar follows the seed.
    status.progress(4, 5);
    await panel.getByRole('heading', { name: 'Loading the graph… 80%' }).waitFor({ timeout: 5_000 });
    expect(await bar.getAttribute('aria-valuenow')).toBe('80');

    status.set('ready');
    await waitForCanvasNodes(page, 1, { timeoutMs: 10_000 });
    expect(await canvasNodeIds(page)).toEqual(['state--russia']);
    await panel.waitFor({ state: 'detached', timeout: 5_000 });
    expect(await searchBox(page).isDisabled()).toBe(false);
    expect(await stillMarked(page)).toBe(true);
    expect(new URL(page.url()).searchParams.get('nodes')).toBe('state--russia');
    await screenshot(page, 'startup-ready');
    expect(unexpected(explorer.errors)).toEqual([]);
  });

  it('names the phases before the seed, with an indeterminate bar', async () => {
    status.set('neo4j');
    const page = await explorer.reopen('/');
    const panel = startupPanel(page);
    await panel.getByRole('heading', { name: 'Starting Neo4j…' }).waitFor();
    const bar = panel.getByRole('progressbar', { name: 'Start-up progress' });
    expect(await bar.getAttribute('aria-valuenow')).toBeNull();
    expect(await panel.innerText()).toContain(describeStatus(status.current()));
    await screenshot(page, 'startup-neo4j');

    status.set('schema');
    await panel.getByRole('heading', { name: 'Preparing the database…' }).waitFor({ timeout: 5_000 });

    status.set('ready');
    await panel.waitFor({ state: 'detached', timeout: 5_000 });
    await page.getByText(/^Search for an actor/).waitFor();
    expect(unexpected(explorer.errors)).toEqual([]);
  });

  it('opens a snapshot link given during start-up once the data is complete', async () => {
    status.set('ready');
    const graph = await apiJson<Graph>(explorer.url, '/api/subgraph', 'POST', { ids: ['state--russia', 'threat-actor--gru'] });
    const snapshot = await apiJson<Snapshot>(explorer.url, '/api/snapshots', 'POST', {
      document: viewDocument(graph, { title: 'Opened after start-up' }),
    });
    try {
      status.set('seeding');
      status.progress(1, 4);
      const page = await explorer.reopen(`/s/${encodeURIComponent(snapshot.id)}`);
      await markPage(page);
      const panel = startupPanel(page);
      await panel.getByRole('heading', { name: 'Loading the graph… 25%' }).waitFor();
      expect(await panel.innerText()).toContain('The snapshot in your link opens as soon as the graph is loaded.');
      // No "could not be opened": the snapshot was not asked for yet.
      expect(await page.getByRole('heading', { name: 'This snapshot could not be opened' }).count()).toBe(0);

      status.set('ready');
      await waitForViewRestored(page, 1, 10_000);
      expect(await canvasNodeIds(page)).toEqual(['state--russia', 'threat-actor--gru']);
      await page.getByLabel('Opened snapshot').getByText('Opened after start-up').waitFor();
      expect(new URL(page.url()).pathname).toBe(`/s/${encodeURIComponent(snapshot.id)}`);
      expect(await stillMarked(page)).toBe(true);
      expect(unexpected(explorer.errors)).toEqual([]);
    } finally {
      status.set('ready');
      await apiJson(explorer.url, `/api/snapshots/${encodeURIComponent(snapshot.id)}`, 'DELETE');
    }
  });

  it('keeps the banner, with the server’s message, while Neo4j restarts', async () => {
    status.set('restarting');
    const page = await explorer.reopen('/?nodes=state--russia');
    const message = describeStatus(status.current());
    const banner = page.getByRole('alert').filter({ hasText: message });
    await banner.waitFor();
    expect(await startupPanel(page).count()).toBe(0);
    // Only while starting is search closed; a restart may be over by the time one types.
    expect(await searchBox(page).isDisabled()).toBe(false);
    expect(await canvasNodeIds(page)).toEqual([]);
    await screenshot(page, 'startup-restarting-banner');

    status.set('ready');
    await banner.getByRole('button', { name: 'Retry' }).click();
    await banner.waitFor({ state: 'detached', timeout: 5_000 });
    // The view in the link waited for Neo4j and comes now.
    await waitForCanvasNodes(page, 1, { timeoutMs: 10_000 });
    expect(unexpected(explorer.errors)).toEqual([]);
  });
});
