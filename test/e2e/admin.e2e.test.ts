// The admin page in headless Chromium with AUTH=local: an admin reaches it from the user menu,
// creates an account, and sees that creation in the audit view (filtered by action, with the CSV
// link carrying the filter); an editor is not offered the link.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startExplorerWithAccounts } from './accounts.js';
import { collectErrors, launchBrowser, screenshot, waitForApp, VIEWPORT, type Explorer } from './browser.js';

const STAMP = Date.now().toString(36);
const ADMIN = `e2e-admin-${STAMP}`;
const EDITOR = `e2e-editor2-${STAMP}`;
const CREATED = `e2e-new-${STAMP}`;
let explorer: Explorer;
let browser: Browser;

beforeAll(async () => {
  explorer = await startExplorerWithAccounts({ [ADMIN]: 'admin', [EDITOR]: 'editor' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await explorer?.db.write((tx) =>
    tx.run('MATCH (n) WHERE (n:User OR n:Session) AND n.username IN $names DELETE n', { names: [ADMIN, EDITOR, CREATED] }),
  );
  await explorer?.close();
});

async function signIn(page: Page, name: string) {
  await page.goto(`${explorer.url}/`);
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForApp(page);
}

describe('the admin page (AUTH=local)', () => {
  it('lets an admin create a user and see the event in the audit view', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await signIn(page, ADMIN);
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Administration' }).waitFor({ state: 'visible', timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/admin');

    await page.getByLabel('New user name').fill(CREATED);
    await page.getByRole('form', { name: 'Create a user' }).getByLabel('Role').selectOption('editor');
    await page.getByLabel('Initial password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create user' }).click();
    const users = page.getByRole('table', { name: 'Users' });
    const row = users.getByRole('row').filter({ hasText: CREATED });
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await row.getByLabel(`Role of ${CREATED}`).inputValue()).toBe('editor');
    // Your own row offers neither a role change nor Disable.
    const own = users.getByRole('row').filter({ hasText: ADMIN });
    expect(await own.getByRole('combobox').count()).toBe(0);
    expect(await own.getByRole('button', { name: 'Disable' }).count()).toBe(0);

    const audit = page.getByRole('table', { name: 'Audit events' });
    const event = audit.getByRole('row').filter({ hasText: 'user.create' }).filter({ hasText: CREATED });
    await event.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await event.textContent()).toContain(ADMIN);
    expect(await event.textContent()).not.toContain(PASSWORD);

    // Filtered by action: only creations, and the CSV link asks for the same.
    await page.getByRole('form', { name: 'Filter the audit trail' }).getByLabel('Action').selectOption('user.create');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('table[aria-label="Audit events"] tbody tr')];
      return rows.length > 0 && rows.every((r) => r.children[3]?.textContent === 'user.create');
    });
    expect(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe('/api/audit.csv?action=user.create');
    await screenshot(page, 'admin-page');
    // The one 401 is the first "who am I", before signing in: the browser's own console line.
    expect(errors.filter((e) => !/401 .*\/api\/auth\/me/.test(e))).toEqual([]);
    await context.close();
  });

  it('does not offer the admin page to an editor', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await signIn(page, EDITOR);
    expect(await page.getByTitle(`Signed in as ${EDITOR} (editor)`).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await context.close();
  });
});
