import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';
import { artifactsDir, test } from '../support/browser-host-fixture';

const hasData = requireSharedData();

/**
 * Reports without AI on studies no model pack fits (issue 14.3-14.6): the real CR and brain MR get a
 * template report that is edited (indication, delete + undo, move), exported as HTML naming the
 * patient, and signed; the audit log names the reader configured in settings.
 */
const cr = sharedData('cxr', 'siim_CR_jpegbaseline.dcm');
const mr = sharedData('mr', 'brain_t1_sag');
const READER = 'Dr Ada Reader (R-42)';

async function openStudy(page: Page, modality: string): Promise<void> {
  await page.getByTestId('worklist-row').filter({ has: page.getByRole('cell', { name: modality, exact: true }) }).dblclick();
  await expect(page.getByTestId('report-panel')).toBeVisible();
}

async function reportAndSign(page: Page, label: string, firstFinding: string): Promise<void> {
  const panel = page.getByTestId('report-panel');
  // No pack fits: no draft button, the packs are listed with the reason, the template is suggested.
  await expect(panel.getByTestId('report-start')).toBeVisible();
  await expect(panel.getByTestId('draft-report')).toHaveCount(0);
  await expect(panel.getByTestId('no-draft-reason')).toContainText('chest-ct');
  await expect(panel.locator('[data-testid="pack-fit"] li[data-model-id="chest-ct"]')).toHaveAttribute('data-fits', 'false');
  await panel.getByTestId('create-report').click();
  const findings = panel.locator('[data-testid="report-section"][data-section="findings"] [data-testid="report-sentence"]');
  await expect(findings.first().getByTestId('sentence-text')).toHaveValue(firstFinding);
  const count = await findings.count();

  // Indication: a new sentence in that section (stored only once it holds text).
  await panel.locator('[data-testid="add-to-section"][data-section="indication"]').click();
  await panel.getByTestId('pending-sentence').fill('Cough for two weeks.');
  await panel.getByTestId('pending-sentence').press('Enter');
  const indication = panel.locator('[data-testid="report-section"][data-section="indication"] [data-testid="sentence-text"]');
  await expect(indication).toHaveValue('Cough for two weeks.');

  // Delete, undo, then clear a sentence's text: it disappears from the screen and the saved report.
  await findings.first().getByTestId('delete-sentence').click();
  await expect(findings).toHaveCount(count - 1);
  await panel.getByTestId('undo-delete').click();
  await expect(findings).toHaveCount(count);
  await expect(findings.first().getByTestId('sentence-text')).toHaveValue(firstFinding);
  await findings.first().getByTestId('sentence-text').fill('');
  await findings.first().getByTestId('sentence-text').blur();
  await expect(findings).toHaveCount(count - 1);

  // Move: the first finding one down by keyboard (Alt+Shift+↓), then the same by button back up.
  const first = await findings.nth(0).getByTestId('sentence-text').inputValue();
  const second = await findings.nth(1).getByTestId('sentence-text').inputValue();
  await findings.nth(0).getByTestId('sentence-text').focus();
  await page.keyboard.press('Alt+Shift+ArrowDown');
  await expect(findings.nth(0).getByTestId('sentence-text')).toHaveValue(second);
  await expect(findings.nth(1).getByTestId('sentence-text')).toHaveValue(first);
  await findings.nth(1).getByTestId('move-up').click();
  await expect(findings.nth(0).getByTestId('sentence-text')).toHaveValue(first);

  // What is on screen is what is saved.
  const onScreen = await panel.locator('[data-testid="sentence-text"]').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
  await page.reload();
  await openStudy(page, label);
  await expect(panel.locator('[data-testid="sentence-text"]')).toHaveCount(onScreen.length);
  expect(await panel.locator('[data-testid="sentence-text"]').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value))).toEqual(onScreen);

  // Export: self-contained HTML with the patient in its header.
  const download = page.waitForEvent('download');
  await panel.getByTestId('export-html').click();
  const file = await (await download).path();
  const html = readFileSync(file, 'utf8');
  expect(html).toContain('<dt>Patient ID</dt>');
  expect(html).toContain('Cough for two weeks.');
  expect(html).not.toMatch(/<script/i);

  // Sign as the configured reader; the audit log credits every edit and the signature to them.
  await expect(panel.getByTestId('signer')).toHaveValue(READER);
  await panel.getByTestId('sign-report').click();
  await expect(panel.getByTestId('report-status')).toHaveText('final');
  await expect(panel.getByTestId('signed-by')).toContainText(READER);
  await panel.getByTestId('audit-toggle').click();
  await expect(panel.getByTestId('audit-verification')).toHaveText('Hash chain verified');
  const actors = await panel.getByTestId('audit-entry').evaluateAll((els) => els.map((e) => [e.getAttribute('data-action'), e.getAttribute('data-actor')]));
  for (const action of ['create', 'sentence.add', 'sentence.delete', 'sentence.update', 'sign']) expect(actors.map((a) => a[0])).toContain(action);
  expect(new Set(actors.map((a) => a[1]))).toEqual(new Set([READER]));
  await page.screenshot({ path: join(artifactsDir, `report-any-study-${label}.png`) });
  await page.getByTestId('back-to-worklist').click();
}

test('a CR and a brain MR are reported from templates: edited, exported and signed by the configured reader', async ({ page, host }) => {
  test.skip(!hasData, NO_SHARED_DATA_REASON);
  test.setTimeout(120_000);
  const res = await page.request.post(`${host.origin}/api/call/studies.import`, { data: { paths: [cr, mr] }, headers: { authorization: `Bearer ${host.token}` } });
  expect((await res.json()).value.added.studies).toBe(2);
  await page.goto(host.url);

  await openStudy(page, 'CR');
  // The reader identity, kept in the data folder.
  await page.getByTestId('reader-name').fill('Dr Ada Reader');
  await page.getByTestId('reader-id').fill('R-42');
  await page.getByTestId('save-reader').click();
  await expect(page.getByTestId('reader-label')).toHaveText(READER);
  expect(JSON.parse(readFileSync(join(host.dataDir, 'settings.json'), 'utf8')).reader).toEqual({ name: 'Dr Ada Reader', id: 'R-42' });
  await reportAndSign(page, 'CR', 'Lines and tubes: none.');

  await openStudy(page, 'MR');
  await reportAndSign(page, 'MR', 'Brain parenchyma: no focal signal abnormality.');
});
