// Snapshots and presenter mode in real Chromium against the real server and seeded Neo4j: save a
// view, reopen its /s/<id> link in a new page exactly, manage the list, see what changed in the
// database since, and step through snapshots as slides.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Snapshot, SnapshotSummary } from '@model/snapshot.js';
import {
  canvasElement,
  canvasGeometry,
  canvasNodeIds,
  openExplorer,
  positionDrift,
  rightClickNode,
  screenshot,
  useExplorer,
  waitForCanvasNodes,
  waitForLayout,
  waitForViewRestored,
} from './browser.js';

const VIEW_A = [
  'state--russia',
  'threat-actor--gru',
  'threat-actor--fsb',
  'threat-actor--gru-unit-74455',
  'tool--notpetya',
  'tool--moobot',
];
const VIEW_B = ['state--china', 'state--iran', 'state--north-korea', 'state--united-states'];

/** Opens a view by its node ids and waits until it is laid out and still. */
async function showView(explorer: ReturnType<typeof useExplorer>, ids: string[]): Promise<Page> {
  const page = await explorer.reopen(`/?nodes=${ids.join(',')}`);
  await waitForCanvasNodes(page, ids.length);
  await waitForLayout(page);
  await page.waitForFunction(() => !(window as any).__explorer.canvas().animated());
  return page;
}

/** Saves the canvas as a snapshot from the Snapshots tab; returns its id (from the link shown). */
async function saveSnapshot(page: Page, title: string, caption: string): Promise<string> {
  await page.getByRole('tab', { name: 'Snapshots' }).click();
  const form = page.getByRole('form', { name: 'Save the current view' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Caption').fill(caption);
  await form.getByRole('button', { name: 'Save snapshot' }).click();
  const link = page.getByTestId('saved-snapshot-link');
  await page
    .getByRole('status')
    .filter({ hasText: `Saved “${title}”` })
    .waitFor();
  const href = await link.getAttribute('href');
  const id = /\/s\/([^/?#]+)$/.exec(href ?? '')?.[1];
  if (!id) throw new Error(`no snapshot link after saving: ${href}`);
  return decodeURIComponent(id);
}

async function apiJson<T>(url: string, path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(path, url), init);
  return { status: res.status, body: (res.status === 204 ? undefined : await res.json()) as T };
}

describe('snapshots in the browser', () => {
  const explorer = useExplorer();

  it('saves the view with a note and reopens its link in a new page exactly: positions, zoom and pan', async () => {
    const page = await showView(explorer, VIEW_A);
    const menu = await rightClickNode(page, 'threat-actor--fsb');
    await menu.getByRole('menuitem', { name: 'Add note…' }).click();
    const note = page.getByRole('textbox', { name: /^Note/ });
    await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
    await note.fill('Runs the hack-and-leak side.');
    await page.getByRole('button', { name: 'Save note' }).click();
    expect((await canvasElement(page, 'threat-actor--fsb'))?.data.noteMark).toMatch(/^✎ FSB/);
    await (await rightClickNode(page, 'tool--moobot')).getByRole('menuitem', { name: 'Hide' }).click();

    // Move the camera off the layout's fit, so zoom and pan are the person's own.
    await page.getByRole('button', { name: 'Zoom in' }).click();
    // (A block body: returning the Cytoscape instance would make Playwright serialise all of it.)
    await page.evaluate(() => {
      (window as any).__explorer.canvas().panBy({ x: -37.5, y: 21.25 });
    });

    const title = `Russia's services ${Date.now()}`;
    const id = await saveSnapshot(page, title, 'The GRU and FSB and their tools.');
    const saved = await canvasGeometry(page);
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe(`/s/${id}`);
    await screenshot(page, 'snapshot-saved-panel');

    // Anyone with the link: a new context, nothing shared with the first page.
    const other = await openExplorer(explorer.browser, explorer.url, `/s/${id}`);
    try {
      await waitForViewRestored(other.page);
      await waitForCanvasNodes(other.page, VIEW_A.length);
      // Give a stray layout or animation time to show itself: nothing may move after the restore.
      await other.page.waitForTimeout(800);
      const reopened = await canvasGeometry(other.page);
      expect(reopened.nodes.map((n) => n.id)).toEqual([...VIEW_A].sort());
      expect(positionDrift(saved, reopened, 'model')).toBeLessThanOrEqual(1);
      expect(positionDrift(saved, reopened, 'rendered')).toBeLessThanOrEqual(1);
      expect(reopened.zoom).toBeCloseTo(saved.zoom, 6);
      expect(Math.abs(reopened.pan.x - saved.pan.x)).toBeLessThanOrEqual(1);
      expect(Math.abs(reopened.pan.y - saved.pan.y)).toBeLessThanOrEqual(1);
      expect((await canvasElement(other.page, 'tool--moobot'))?.classes).toContain('gone');
      expect((await canvasElement(other.page, 'threat-actor--fsb'))?.data.noteMark).toMatch(/^✎ FSB/);
      await other.page.getByLabel('Opened snapshot').getByText(title).waitFor();
      expect(await other.page.evaluate(() => location.pathname)).toBe(`/s/${id}`);
      // The note is there to read and edit.
      await other.page.evaluate(() => (window as any).__explorer.store.select({ kind: 'node', id: 'threat-actor--fsb' }));
      expect(await other.page.getByRole('textbox', { name: /^Note/ }).inputValue()).toBe('Runs the hack-and-leak side.');
      await screenshot(other.page, 'snapshot-reopened');
      expect(other.errors).toEqual([]);
    } finally {
      await other.context.close();
    }
    expect(explorer.errors).toEqual([]);
  });

  it('says clearly that an unknown snapshot link cannot be opened', async () => {
    const page = await explorer.reopen('/s/no-such-snapshot-404');
    const alert = page.getByRole('alert').filter({ hasText: 'This snapshot could not be opened' });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/No snapshot with id "no-such-snapshot-404"/);
    await alert.getByRole('link', { name: 'Start a new view' }).waitFor();
    expect(await canvasNodeIds(page)).toEqual([]);
    await screenshot(page, 'snapshot-unknown-link');
  });

  it('renames, duplicates and deletes snapshots from the list', async () => {
    const page = await showView(explorer, VIEW_B);
    const title = `States ${Date.now()}`;
    const id = await saveSnapshot(page, title, '');
    const list = page.getByRole('list', { name: 'Saved snapshots' });
    const item = list.getByRole('listitem', { name: title, exact: true });
    await item.waitFor();

    await item.getByRole('button', { name: `Rename ${title}` }).click();
    await item.getByRole('textbox', { name: `New title for ${title}` }).fill(`${title} renamed`);
    await item.getByRole('button', { name: 'Save title' }).click();
    const renamed = list.getByRole('listitem', { name: `${title} renamed`, exact: true });
    await renamed.waitFor();
    expect((await apiJson<Snapshot>(explorer.url, `/api/snapshots/${id}`)).body.title).toBe(`${title} renamed`);

    await renamed.getByRole('button', { name: `Duplicate ${title} renamed` }).click();
    const copy = list.getByRole('listitem').filter({ hasText: `Copy of ${title} renamed` });
    await copy.waitFor();
    const copyTitle = (await copy.locator('.snapshot-title strong').innerText()).trim();
    await screenshot(page, 'snapshot-list');

    await copy.getByRole('button', { name: `Delete ${copyTitle}` }).click();
    await copy.getByRole('alertdialog').getByRole('button', { name: 'Delete for good' }).click();
    await copy.waitFor({ state: 'detached' });
    const { body } = await apiJson<{ snapshots: SnapshotSummary[] }>(explorer.url, '/api/snapshots');
    expect(body.snapshots.some((s) => s.title === copyTitle)).toBe(false);
    expect(body.snapshots.some((s) => s.id === id)).toBe(true);
    expect(explorer.errors).toEqual([]);
  });

  it('shows what changed in the database since, adds the new and marks the gone', async () => {
    const stamp = Date.now();
    const gone = `proxy-gang--e2e-gone-${stamp}`;
    const fresh = `proxy-gang--e2e-new-${stamp}`;
    const { db } = explorer;
    await db.runAutoCommit(
      `CREATE (g:Entity:ProxyGang {id: $gone, name: 'E2E Gone Gang', aliases: [], summary: 'test'})
       WITH g MATCH (gru:Entity {id: 'threat-actor--gru'})
       CREATE (gru)-[:SPONSORS {id: $rel, sources: ['source--e2e'], confidence: 40}]->(g)`,
      { gone, rel: `rel--e2e-gone-${stamp}` },
    );
    try {
      const page = await showView(explorer, ['threat-actor--gru', 'state--russia', gone]);
      const title = `Before the change ${stamp}`;
      await saveSnapshot(page, title, '');
      await db.runAutoCommit('MATCH (g:Entity {id: $gone}) DETACH DELETE g', { gone });
      await db.runAutoCommit(
        `CREATE (n:Entity:ProxyGang {id: $fresh, name: 'E2E New Gang', aliases: [], summary: 'test'})
         WITH n MATCH (gru:Entity {id: 'threat-actor--gru'})
         CREATE (gru)-[:SPONSORS {id: $rel, sources: ['source--e2e'], confidence: 60}]->(n)`,
        { fresh, rel: `rel--e2e-new-${stamp}` },
      );

      await page.getByRole('button', { name: 'What changed since?' }).click();
      const changes = page.getByTestId('snapshot-changes');
      await changes.getByRole('list', { name: 'Nodes added' }).getByText('E2E New Gang').waitFor();
      expect(await changes.getByRole('list', { name: 'Nodes removed' }).innerText()).toContain('E2E Gone Gang');
      expect(await changes.getByRole('list', { name: 'Relationships removed' }).innerText()).toContain('SPONSORS');
      await changes.getByRole('button', { name: /^Add the \d+ added to the canvas$/ }).click();
      await waitForCanvasNodes(page, 4);
      expect(await canvasNodeIds(page)).toContain(fresh);
      await changes.getByRole('button', { name: /^Mark the \d+ removed on the canvas$/ }).click();
      expect((await canvasElement(page, gone))?.classes).toContain('marked');
      await screenshot(page, 'snapshot-changes');
    } finally {
      await db.runAutoCommit('MATCH (n:Entity) WHERE n.id IN [$gone, $fresh] DETACH DELETE n', { gone, fresh });
    }
  });
});

describe('presenter mode', () => {
  const explorer = useExplorer();

  it('steps through two snapshots with the arrow keys at their saved positions, and Escape restores the explorer', async () => {
    const stamp = Date.now();
    let page = await showView(explorer, VIEW_A);
    const first = await saveSnapshot(page, `Slide one ${stamp}`, 'Russia: the services and their tools.');
    page = await showView(explorer, VIEW_B);
    const second = await saveSnapshot(page, `Slide two ${stamp}`, 'The other states.');
    const docs = await Promise.all(
      [first, second].map(async (id) => (await apiJson<Snapshot>(explorer.url, `/api/snapshots/${id}`)).body.document),
    );
    const before = await canvasGeometry(page);

    await page.getByRole('tab', { name: 'Present' }).click();
    // Ticked in the order wanted: two, then one; then moved so that one comes first.
    await page.getByRole('checkbox', { name: `Slide two ${stamp}` }).check();
    await page.getByRole('checkbox', { name: `Slide one ${stamp}` }).check();
    await page.getByRole('button', { name: `Move Slide one ${stamp} up` }).click();
    expect(await page.getByRole('list', { name: 'Slides in order' }).innerText()).toMatch(
      new RegExp(`Slide one ${stamp}[^]*Slide two ${stamp}`),
    );
    await screenshot(page, 'presenter-choose');
    await page.getByRole('button', { name: /^Present \(2 slides\)$/ }).click();

    const presenter = page.getByRole('dialog', { name: 'Presentation' });
    await presenter.waitFor();
    const expectSlide = async (n: 0 | 1) => {
      const doc = docs[n]!;
      await presenter.getByRole('heading', { name: doc.title }).waitFor();
      await expect
        .poll(async () => (await canvasGeometry(page, '[data-testid=presenter-canvas]')).nodes.length)
        .toBe(doc.elements.nodes.length);
      const shown = await canvasGeometry(page, '[data-testid=presenter-canvas]');
      for (const node of doc.elements.nodes) {
        const at = shown.nodes.find((s) => s.id === node.data.id)!;
        expect(Math.hypot(at.model.x - node.position.x, at.model.y - node.position.y)).toBeLessThanOrEqual(1);
      }
      expect(await presenter.innerText()).toContain(`Slide ${n + 1} of 2`);
      expect(await presenter.innerText()).toContain(doc.caption);
    };
    await expectSlide(0);
    // Controls are hidden: no toolbar, no tabs in the presentation.
    expect(await presenter.getByRole('toolbar').count()).toBe(0);
    expect(await presenter.getByRole('tab').count()).toBe(0);
    await screenshot(page, 'presenter-slide-1');

    await page.keyboard.press('ArrowRight');
    await expectSlide(1);
    await screenshot(page, 'presenter-slide-2');
    await page.keyboard.press('ArrowRight'); // past the end: stays on the last slide
    await expectSlide(1);
    await page.keyboard.press('ArrowLeft');
    await expectSlide(0);
    await page.keyboard.press('PageDown');
    await expectSlide(1);

    await page.keyboard.press('Escape');
    await presenter.waitFor({ state: 'detached' });
    const after = await canvasGeometry(page);
    expect(positionDrift(before, after, 'rendered')).toBeLessThanOrEqual(1);
    expect(after.zoom).toBeCloseTo(before.zoom, 6);
    expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
    expect(explorer.errors).toEqual([]);
  });
});
