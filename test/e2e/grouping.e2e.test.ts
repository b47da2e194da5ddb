// Group nodes in real Chromium against the seeded Neo4j: expanding a hub gathers its many
// neighbours of one label and type into one group whose count is the API's; the group expands
// back into its members; grouping on demand is undone by undo; a link and a snapshot with a
// group reopen with the group; the inspector lists a group's members.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  ARTIFACTS_DIR,
  afterLayout,
  canvasNodeIds,
  clickNode,
  doubleClickNode,
  fitCanvas,
  openExplorer,
  rightClickNode,
  screenshot,
  useExplorer,
  waitForApp,
  waitForCanvasNodes,
  waitForLayout,
  waitForViewRestored,
} from './browser.js';

// The seed's largest fan: the US Department of Justice indicted dozens of people.
const HUB = 'organization--us-doj';
const GROUP = `group--${HUB}--Person--INDICTED--out`;

interface ExpandPage {
  nodes: Array<{ id: string; label: string; name: string }>;
  edges: Array<{ from: string; to: string; type: string }>;
  total: number;
}

async function expandPage(url: string, body: Record<string, unknown>): Promise<ExpandPage> {
  const res = await fetch(`${url}/api/expand`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as ExpandPage;
}

/** The people the hub indicted in the page the client's expand gets (its default request, or `extra`'s). */
async function indictedInFirstPage(url: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const page = await expandPage(url, { ids: [HUB], ...extra });
  const people = new Set(page.nodes.filter((n) => n.label === 'Person').map((n) => n.id));
  return [...new Set(page.edges.filter((e) => e.from === HUB && e.type === 'INDICTED' && people.has(e.to)).map((e) => e.to))].sort();
}

interface GroupState {
  name: string;
  count: number;
  members: string[];
  drawn: { name: string; label: string; edgeLabel: string | null } | null;
}

async function groupState(page: Page, id = GROUP): Promise<GroupState | null> {
  return page.evaluate((gid) => {
    const ex = (window as any).__explorer;
    const node = ex.store.getState().nodes[gid];
    if (!node) return null;
    const el = ex.canvas().getElementById(gid);
    const edge = ex.canvas().getElementById(`${gid}--link`);
    return {
      name: node.name,
      count: node.properties.count,
      members: node.properties.members.map((m: { id: string }) => m.id).sort(),
      drawn: el.nonempty()
        ? { name: el.data('name'), label: el.data('label'), edgeLabel: edge.nonempty() ? String(edge.style('label')) : null }
        : null,
    };
  }, id);
}

async function expandHub(page: Page): Promise<void> {
  await waitForCanvasNodes(page, 1);
  await afterLayout(page, () => doubleClickNode(page, HUB));
  await page.waitForFunction((gid) => Boolean((window as any).__explorer.canvas().getElementById(gid).nonempty()), GROUP);
  await waitForLayout(page);
  await page.waitForFunction(() => !(window as any).__explorer.canvas().animated());
}

describe('grouping neighbours', () => {
  const explorer = useExplorer();

  it('groups a hub expansion with the API’s count, expands the group back, and undoes grouping on demand', async () => {
    const indicted = await indictedInFirstPage(explorer.url);
    // More than the threshold (12): the expansion groups them.
    expect(indicted.length).toBeGreaterThan(12);
    const page = await explorer.reopen(`/?nodes=${HUB}`);
    await expandHub(page);

    const grouped = (await groupState(page))!;
    expect(grouped.count).toBe(indicted.length);
    expect(grouped.members).toEqual(indicted);
    expect(grouped.name).toBe(`${indicted.length} Person · INDICTED`);
    expect(grouped.drawn).toEqual({ name: grouped.name, label: 'Group', edgeLabel: `INDICTED × ${indicted.length}` });
    // None of the members is on the canvas on its own.
    const ids = await canvasNodeIds(page);
    expect(ids.filter((id) => indicted.includes(id))).toEqual([]);
    // The link keeps the group.
    expect(new URL(page.url()).searchParams.get('groups')).toBe(`${HUB}:Person:INDICTED:out`);
    await fitCanvas(page);
    await screenshot(page, 'grouping-1-hub-grouped');

    // The inspector lists the members by name.
    await clickNode(page, GROUP);
    const details = page.getByRole('complementary', { name: 'Details' });
    const list = details.getByRole('list', { name: 'Group members' });
    await list.waitFor();
    expect(await list.getByRole('button').count()).toBe(indicted.length);
    await screenshot(page, 'grouping-2-group-inspector');

    // Expand group (context menu): every member back on the canvas, the group gone.
    const menu = await rightClickNode(page, GROUP);
    await afterLayout(page, () => menu.getByRole('menuitem', { name: 'Expand group' }).click());
    await page.waitForFunction((gid) => (window as any).__explorer.canvas().getElementById(gid).empty(), GROUP);
    const expanded = await canvasNodeIds(page);
    for (const id of indicted) expect(expanded).toContain(id);
    expect(expanded).toHaveLength(ids.length - 1 + indicted.length);
    await waitForLayout(page);
    await fitCanvas(page);
    await screenshot(page, 'grouping-3-group-expanded');

    // Group on demand, then undo: the members come back as they were.
    const hubMenu = await rightClickNode(page, HUB);
    await hubMenu.getByRole('menuitem', { name: 'Group neighbours' }).click();
    await page.waitForFunction((gid) => (window as any).__explorer.canvas().getElementById(gid).nonempty(), GROUP);
    expect((await groupState(page))!.count).toBe(indicted.length);
    await page.getByRole('button', { name: 'Undo' }).click();
    await waitForCanvasNodes(page, expanded.length);
    expect(await canvasNodeIds(page)).toEqual(expanded);
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.waitForFunction((gid) => (window as any).__explorer.canvas().getElementById(gid).nonempty(), GROUP);
    expect(explorer.errors).toEqual([]);
  });

  it('takes one member out of the group from the inspector', async () => {
    const indicted = await indictedInFirstPage(explorer.url);
    const page = await explorer.reopen(`/?nodes=${HUB}`);
    await expandHub(page);
    await clickNode(page, GROUP);
    const list = page.getByRole('complementary', { name: 'Details' }).getByRole('list', { name: 'Group members' });
    await list.waitFor();
    const first = (await groupState(page))!.members;
    const firstName = await page.evaluate(
      ([gid, id]) =>
        (window as any).__explorer.store.getState().nodes[gid!].properties.members.find((m: any) => m.id === id).name as string,
      [GROUP, first[0]],
    );
    await list.getByRole('button', { name: firstName, exact: true }).first().click();
    await page.waitForFunction((id) => (window as any).__explorer.canvas().getElementById(id).nonempty(), first[0]!);
    const after = (await groupState(page))!;
    expect(after.count).toBe(indicted.length - 1);
    expect(after.members).not.toContain(first[0]);
    expect(after.drawn?.name).toBe(`${indicted.length - 1} Person · INDICTED`);
  });

  it('loads the hub’s next page into its group from the group’s "+N more"', async () => {
    const SIZE = 25;
    const total = (await expandPage(explorer.url, { ids: [HUB], limit: 1 })).total;
    // Two pages of 25 hold all the hub's relationships; the first holds more than 12 of the people.
    expect(total).toBeGreaterThan(SIZE);
    expect(total).toBeLessThanOrEqual(2 * SIZE);
    const first = await indictedInFirstPage(explorer.url, { limit: SIZE, skip: 0 });
    const second = await indictedInFirstPage(explorer.url, { limit: SIZE, skip: SIZE });
    expect(first.length).toBeGreaterThan(12);
    expect(second.length).toBeGreaterThan(0);

    const page = await explorer.reopen(`/?nodes=${HUB}`);
    await waitForCanvasNodes(page, 1);
    await page.getByRole('combobox', { name: 'Neighbours per expand' }).selectOption(String(SIZE));
    await expandHub(page);
    expect((await groupState(page))!.members).toEqual(first);

    const menu = await rightClickNode(page, GROUP);
    const more = menu.getByRole('menuitem', { name: `Load more +${total - SIZE} more` });
    await more.click();
    const all = [...new Set([...first, ...second])].sort();
    await page.waitForFunction(([gid, n]) => (window as any).__explorer.store.getState().nodes[gid]?.properties.count === n, [
      GROUP,
      all.length,
    ] as const);
    const after = (await groupState(page))!;
    expect(after.members).toEqual(all);
    expect(after.drawn?.name).toBe(`${all.length} Person · INDICTED`);
    // None of the second page's people is on the canvas on its own.
    expect((await canvasNodeIds(page)).filter((id) => all.includes(id))).toEqual([]);
    expect(explorer.errors).toEqual([]);
  });

  it('reopens a link and a snapshot with the group', async () => {
    const indicted = await indictedInFirstPage(explorer.url);
    const page = await explorer.reopen(`/?nodes=${HUB}`);
    await expandHub(page);
    const before = await canvasNodeIds(page);

    // The link: reloading regroups the same neighbours.
    await page.reload();
    await waitForApp(page);
    await page.waitForFunction((gid) => Boolean((window as any).__explorer?.canvas()?.getElementById(gid).nonempty()), GROUP);
    expect(await canvasNodeIds(page)).toEqual(before);
    expect((await groupState(page))!.members).toEqual(indicted);

    // A snapshot: saved with the group, opened in a new page, the group is there and expands.
    await waitForLayout(page);
    await page.getByRole('tab', { name: 'Snapshots' }).click();
    const form = page.getByRole('form', { name: 'Save the current view' });
    await form.getByLabel('Title').fill('Indicted by the DOJ');
    await form.getByRole('button', { name: 'Save snapshot' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved “Indicted by the DOJ”' }).waitFor();
    const href = await page.getByTestId('saved-snapshot-link').getAttribute('href');
    const id = /\/s\/([^/?#]+)$/.exec(href ?? '')?.[1];
    expect(id).toBeTruthy();

    const res = await fetch(`${explorer.url}/api/snapshots/${id}`);
    const saved = (await res.json()) as {
      document: { elements: { nodes: Array<{ data: { id: string; label: string; properties: any } }> } };
    };
    const node = saved.document.elements.nodes.find((n) => n.data.id === GROUP);
    expect(node?.data.label).toBe('Group');
    expect(node?.data.properties.count).toBe(indicted.length);

    // Exports: the group is a node with its count and members in its properties, drawn as a stack.
    const exported = async (format: string) => fetch(`${explorer.url}/api/snapshots/${id}/export/${format}`);
    const json = (await (await exported('json')).json()) as typeof saved.document;
    const jsonGroup = json.elements.nodes.find((n) => n.data.id === GROUP);
    expect(jsonGroup?.data.properties.members.map((m: { id: string }) => m.id).sort()).toEqual(indicted);
    const svg = await (await exported('svg')).text();
    const drawn = new RegExp(`<g[^>]*data-id="${GROUP}"[^>]*>(.*?)</g>`, 's').exec(svg)?.[1] ?? '';
    // Three paths: the card behind, the card, its white inner edge.
    expect(drawn.match(/<path/g)).toHaveLength(3);
    expect(drawn).toContain('stroke="#ffffff"');
    const png = await exported('png');
    expect(png.status).toBe(200);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    writeFileSync(path.join(ARTIFACTS_DIR, 'grouping-5-export.png'), Buffer.from(await png.arrayBuffer()));

    const other = await openExplorer(explorer.browser, explorer.url, `/s/${id}`);
    try {
      await waitForViewRestored(other.page);
      expect(await canvasNodeIds(other.page)).toEqual(before);
      const reopened = (await groupState(other.page))!;
      expect(reopened.members).toEqual(indicted);
      expect(reopened.drawn?.label).toBe('Group');
      await screenshot(other.page, 'grouping-4-snapshot-reopened');
      await afterLayout(other.page, () => doubleClickNode(other.page, GROUP));
      await other.page.waitForFunction((gid) => (window as any).__explorer.canvas().getElementById(gid).empty(), GROUP);
      const restored = await canvasNodeIds(other.page);
      for (const m of indicted) expect(restored).toContain(m);
      expect(other.errors).toEqual([]);
    } finally {
      await other.context.close();
    }
  });
});
