// Signing in with AUTH=local in headless Chromium: the sign-in page first (nothing of the graph),
// a wrong password refused, the explorer after signing in with the user's name and role shown,
// and the sign-in page again after signing out. (AUTH=none, every other browser test: no sign-in.)
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startExplorerWithAccounts } from './accounts.js';
import { collectErrors, launchBrowser, screenshot, waitForApp, VIEWPORT, type Explorer } from './browser.js';

const NAME = `e2e-editor-${Date.now().toString(36)}`;
let explorer: Explorer;
let browser: Browser;

beforeAll(async () => {
  explorer = await startExplorerWithAccounts({ [NAME]: 'editor' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await explorer?.db.write((tx) => tx.run('MATCH (n) WHERE (n:User OR n:Session) AND n.username = $u DELETE n', { u: NAME }));
  await explorer?.close();
});

describe('signing in (AUTH=local)', () => {
  it('shows the sign-in page, refuses a wrong password, signs in and out', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${explorer.url}/`);
    const password = page.getByLabel('Password');
    await password.waitFor({ state: 'visible' });
    expect(await page.getByRole('combobox', { name: 'Search the graph' }).count()).toBe(0);
    await screenshot(page, 'login-page');

    await page.getByLabel('User name').fill(NAME);
    await password.fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await alert.textContent()).toMatch(/Wrong user name or password/);

    await password.fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForApp(page);
    expect(await page.getByTitle(`Signed in as ${NAME} (editor)`).count()).toBe(1);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'explorer_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await password.waitFor({ state: 'visible' });
    expect((await context.cookies()).find((c) => c.name === 'explorer_session')).toBeUndefined();
    // The two 401s (the first "who am I", the wrong password) are the browser's own console lines.
    expect(errors.filter((e) => !/401/.test(e))).toEqual([]);
    await context.close();
  });
});
