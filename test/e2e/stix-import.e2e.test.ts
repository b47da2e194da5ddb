// The Import action in real Chromium against the real server: upload an OASIS threat report
// bundle, read the dry-run report in its dialog, confirm, and find what it imported; and a cancel
// that writes nothing. What the import wrote is removed afterwards (the run's Neo4j is shared).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rows } from '../support/database.js';
import { removeImports } from '../support/remove-imports.js';
import { SEARCH_BOX, screenshot, useExplorer } from './browser.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/stix/apt1.json');

describe('the Import action', () => {
  const explorer = useExplorer();
  afterAll(() => removeImports(explorer.db));

  async function uploadThroughUi() {
    const page = explorer.page;
    await page.getByRole('tab', { name: 'Import STIX' }).click();
    await page.getByLabel('Bundle file').setInputFiles(FIXTURE);
    await page.getByRole('button', { name: 'Upload and check' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import STIX bundle: dry run' });
    await dialog.waitFor({ state: 'visible' });
    return dialog;
  }

  it('cancel closes the report and writes nothing', async () => {
    const bundle = JSON.parse(await readFile(FIXTURE, 'utf8')) as { objects: Array<{ id: string }> };
    const dialog = await uploadThroughUi();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    const [n] = await rows(explorer.db, 'MATCH (n:Entity) WHERE n.stixId IN $ids RETURN count(n) AS n', {
      ids: bundle.objects.map((o) => o.id),
    });
    expect(Number(n!.n)).toBe(0);
  });

  it('uploads a bundle, shows the dry-run report, and imports it on confirm', async () => {
    const page = explorer.page;
    const bundle = JSON.parse(await readFile(FIXTURE, 'utf8')) as { objects: Array<{ type: string; id: string; name?: string }> };
    const dialog = await uploadThroughUi();
    await expect.poll(() => dialog.getByTestId('import-objects').textContent()).toBe(String(bundle.objects.length));
    // The report's parts: mapped labels, skipped types (indicators have no mapping), new entities.
    await dialog.getByRole('table', { name: 'Skipped, no mapping' }).getByRole('cell', { name: 'indicator' }).waitFor();
    const newCount = Number(await dialog.getByTestId('import-new').textContent());
    expect(newCount).toBeGreaterThan(0);
    await screenshot(page, 'stix-import-report');

    await dialog.getByRole('button', { name: 'Confirm import' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Imported apt1.json' }).waitFor();
    const gorilla = bundle.objects.find((o) => o.name === 'Ugly Gorilla')!;
    const [row] = await rows(explorer.db, 'MATCH (n:Entity {stixId: $id}) RETURN n.name AS name', { id: gorilla.id });
    expect(row?.name).toBe('Ugly Gorilla');
    // The search finds what was imported.
    await page.getByRole(SEARCH_BOX.role, { name: SEARCH_BOX.name }).fill('Ugly Gorilla');
    await page
      .getByRole('option', { name: /Ugly Gorilla/ })
      .first()
      .waitFor();
    expect(explorer.errors).toEqual([]);
  });
});
