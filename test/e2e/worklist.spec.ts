import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifactsDir, expect, test } from './support/browser-host-fixture';

const a0001 = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..', 'shared', 'data', 'ct', 'chest_lung_pet_ct_dx_A0001');

test.describe('worklist on the demo study (serve --demo)', () => {
  test('a fresh start opens the demo study, with its prior listed', async ({ page, demoHost }) => {
    await page.goto(demoHost.url);
    await expect(page.getByTestId('study-patient')).toHaveText('DEMO, PHANTOM');
    await expect(page.getByTestId('study-priors')).toContainText('Priors:');
    await expect(page.getByTestId('series-item')).toHaveCount(1);
    await expect(page.getByTestId('series-item')).toContainText('512×512×');
    const thumbnail = page.getByTestId('series-thumbnail');
    await expect(thumbnail).toBeVisible();
    expect(await thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(128);
    await page.screenshot({ path: join(artifactsDir, 'demo-study-opened.png') });
  });

  test('filters by patient and opens a study with the keyboard', async ({ page, demoHost }) => {
    await page.goto(demoHost.url);
    await page.getByTestId('back-to-worklist').click();
    const rows = page.getByTestId('worklist-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText('DEMO, PHANTOM');
    await expect(rows.first()).toContainText('2024-03-15');
    await expect(page.getByTestId('report-status-cell').first()).toHaveText('unreported');

    await page.getByTestId('filter-patient').fill('phantom demo');
    await expect(rows).toHaveCount(2);
    await page.getByTestId('filter-patient').fill('nobody');
    await expect(rows).toHaveCount(0);
    await page.getByTestId('filter-patient').fill('');
    await expect(rows).toHaveCount(2);

    // Keyboard: the second (older) row is the prior exam, which has no prior of its own.
    await page.getByTestId('worklist-table').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('study-priors')).toHaveText('No prior exams');
    await page.screenshot({ path: join(artifactsDir, 'worklist-keyboard-open.png') });
  });

  test('imports a real CT folder from the import box', async ({ page, demoHost }) => {
    test.skip(!existsSync(a0001), `real test data not found at ${a0001}`);
    await page.goto(demoHost.url);
    await page.getByTestId('back-to-worklist').click();
    await page.getByTestId('import-path').fill(a0001);
    await page.getByTestId('import-button').click();
    await expect(page.getByTestId('import-result')).toContainText('Imported 64 new images in 1 studies; 1 files rejected.');
    // Every file not imported is listed with its typed code and reason.
    await expect(page.getByTestId('rejected-file')).toHaveCount(1);
    await expect(page.getByTestId('rejected-file')).toHaveAttribute('data-code', 'NOT_DICOM');
    await expect(page.getByTestId('rejected-file')).toContainText('TCIA_LICENSE.txt');
    await expect(page.getByTestId('worklist-row')).toHaveCount(3);
    // Importing the folder again: each image says "already imported", nothing fails.
    await page.getByTestId('import-button').click();
    await expect(page.getByTestId('import-result')).toContainText('Imported 0 new images in 1 studies; 64 already imported; 1 files rejected.');
    await expect(page.locator('[data-testid="rejected-file"][data-code="ALREADY_IMPORTED"]').first()).toContainText('already imported');
    await page.screenshot({ path: join(artifactsDir, 'worklist-after-import.png') });
  });

  test('files dropped on the worklist are uploaded and imported (browser)', async ({ page, demoHost }) => {
    test.skip(!existsSync(a0001), `real test data not found at ${a0001}`);
    const { readdirSync, readFileSync } = await import('node:fs');
    const names = readdirSync(a0001).filter((f) => f.endsWith('.dcm')).sort().slice(0, 3);
    const files = names.map((name) => ({ name, base64: readFileSync(join(a0001, name)).toString('base64') }));
    await page.goto(demoHost.url);
    await page.getByTestId('back-to-worklist').click();
    const before = await page.getByTestId('worklist-row').count();
    const drop = await page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
      return dt;
    }, files);
    await page.dispatchEvent('[data-testid="worklist"]', 'drop', { dataTransfer: drop });
    await expect(page.getByTestId('import-result')).toContainText(/Imported \d+ new images in 1 studies; (3 already imported; )?0 files rejected\./);
    // The A0001 study either arrives now or was imported by an earlier test of this host: never twice.
    await expect(page.getByTestId('worklist-row')).toHaveCount(Math.max(before, 3));
    // The bytes went through the host into one folder per drop inside the data folder.
    const batches = readdirSync(join(demoHost.dataDir, 'uploads'));
    expect(batches).toHaveLength(1);
    expect(readdirSync(join(demoHost.dataDir, 'uploads', batches[0]!)).sort()).toEqual(names);
  });
});
