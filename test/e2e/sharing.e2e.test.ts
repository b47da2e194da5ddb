// Guest links in headless Chromium with AUTH=local: an editor signs in, opens a view, saves it as
// a snapshot and creates a guest link in the share dialog; a fresh browser context, with no session,
// opens the link and sees the snapshot's nodes on the canvas, read-only, with the inspector working
// for its nodes. A viewer sees no save, share or delete controls.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startExplorerWithAccounts } from './accounts.js';
import {
  VIEWPORT,
  canvasNodeIds,
  clickNode,
  collectErrors,
  launchBrowser,
  screenshot,
  waitForApp,
  waitForCanvasNodes,
  waitForLayout,
  type Explorer,
} from './browser.js';

const STAMP = Date.now().toString(36);
const EDITOR = `e2e-share-editor-${STAMP}`;
const VIEWER = `e2e-share-viewer-${STAMP}`;
const VIEW = ['state--russia', 'threat-actor--gru', 'threat-actor--fsb'];
const TITLE = `Shared with a guest ${STAMP}`;
let explorer: Explorer;
let browser: Browser;

beforeAll(async () => {
  explorer = await startExplorerWithAccounts({ [EDITOR]: 'editor', [VIEWER]: 'viewer' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await explorer?.db.write(async (tx) => {
    const snaps = await tx.run('MATCH (s:Snapshot {title: $t}) RETURN collect(s.id) AS ids', { t: TITLE });
    const ids = snaps.records[0]?.get('ids') as string[];
    await tx.run('MATCH (l:ShareLink) WHERE l.snapshotId IN $ids DELETE l', { ids });
    await tx.run('MATCH (s:Snapshot) WHERE s.id IN $ids DELETE s', { ids });
    await tx.run('MATCH (n) WHERE (n:User OR n:Session) AND n.username IN $u DELETE n', { u: [EDITOR, VIEWER] });
  });
  await explorer?.close();
});

async function freshContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  return context;
}

async function signIn(context: BrowserContext, name: string, path = '/'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${explorer.url}${path}`);
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForApp(page);
  return page;
}

describe('guest share links', () => {
  it('lets an editor save and share a snapshot that a guest, signed in nowhere, opens read-only', async () => {
    const editorContext = await freshContext();
    const page = await signIn(editorContext, EDITOR, `/?nodes=${VIEW.join(',')}`);
    await waitForCanvasNodes(page, VIEW.length, { timeoutMs: 30_000 });
    await waitForLayout(page);

    await page.getByRole('tab', { name: 'Snapshots' }).click();
    const form = page.getByRole('form', { name: 'Save the current view' });
    await form.getByLabel('Title').fill(TITLE);
    await form.getByLabel('Who sees it').selectOption('private');
    await form.getByRole('button', { name: 'Save snapshot' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Saved “${TITLE}”` })
      .waitFor();

    const item = page.getByRole('listitem', { name: TITLE });
    await item.getByRole('button', { name: `Share ${TITLE}` }).click();
    const dialog = page.getByRole('dialog', { name: `Share “${TITLE}”` });
    await dialog.getByRole('button', { name: 'Create guest link' }).click();
    const urlField = dialog.getByTestId('share-link-url');
    await urlField.waitFor();
    const url = await urlField.inputValue();
    expect(url).toMatch(new RegExp(`^${explorer.url}/share#[A-Za-z0-9_-]{43}$`));
    await expect.poll(() => dialog.getByRole('button', { name: /^Revoke/ }).count()).toBe(1);
    await screenshot(page, 'share-dialog');
    await editorContext.close();

    // A fresh context: no cookie, no session.
    const guestContext = await freshContext();
    expect(await guestContext.cookies()).toEqual([]);
    const guest = await guestContext.newPage();
    const errors = collectErrors(guest);
    await guest.goto(url);
    await guest.waitForFunction(() => Boolean((window as any).__explorer?.canvas()), null, { timeout: 30_000 });
    await waitForCanvasNodes(guest, VIEW.length, { timeoutMs: 30_000 });
    expect(await canvasNodeIds(guest)).toEqual([...VIEW].sort());
    await guest.getByRole('heading', { name: TITLE }).waitFor();
    // Read-only: no search, no tools, no sign-in page.
    expect(await guest.getByRole('combobox', { name: 'Search the graph' }).count()).toBe(0);
    expect(await guest.getByRole('tab', { name: 'Snapshots' }).count()).toBe(0);
    expect(await guest.getByLabel('Password').count()).toBe(0);
    // The inspector reads a node of the snapshot through the guest endpoint. A saved view opens at
    // its saved positions with no layout run: the layout tracker clickNode waits on starts idle.
    await guest.evaluate(() => {
      (window as any).__e2e ??= { renders: 0, layoutStarts: 0, layoutStops: 0, lastStartSeq: 0, lastStopSeq: 0, seq: 0 };
    });
    await clickNode(guest, 'threat-actor--gru');
    // Degrees come only from the node's details (the guest endpoint), not from the snapshot itself.
    await guest
      .getByRole('article', { name: /Details of/ })
      .getByText(/REPORTED_IN: \d+/)
      .first()
      .waitFor({ timeout: 20_000 });
    expect(await guest.getByRole('button', { name: 'Save note' }).count()).toBe(0);
    await screenshot(guest, 'guest-view');
    // A guest's view has no time bar, and the canvas takes its room rather than leaving a strip.
    expect(await guest.locator('.time-bar').count()).toBe(0);
    const strip = await guest.evaluate(
      () =>
        document.querySelector('.canvas-area')!.getBoundingClientRect().bottom -
        document.querySelector('.graph-canvas')!.getBoundingClientRect().bottom,
    );
    expect(strip).toBe(0);
    expect(errors.filter((e) => !/401/.test(e))).toEqual([]);
    await guestContext.close();
  });

  it('shows a viewer no save, share, rename or delete controls', async () => {
    const context = await freshContext();
    const page = await signIn(context, VIEWER);
    await page.getByRole('tab', { name: 'Snapshots' }).click();
    await page.getByRole('heading', { name: /Saved snapshots/ }).waitFor();
    expect(await page.getByRole('form', { name: 'Save the current view' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Share|Delete|Rename|Duplicate) / }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Saved queries' }).click();
    await page.getByRole('list', { name: 'Saved queries' }).waitFor();
    expect(await page.getByRole('button', { name: 'Save new query' }).count()).toBe(0);
    await context.close();
  });
});
