import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';
import { artifactsDir, expect, hostOfThisFile, test } from '../support/browser-host-fixture';
import { countNonBackground, decodePng } from './support/png';
import { countWebGlContexts, webGlContexts } from './support/viewer-page';

const hasData = requireSharedData();

/**
 * Issue 14.1 (per-viewport series): a study with several series shown side by side, each pane with its own
 * viewer. The study is the real brain MR (sagittal, 35 images) with the J2K CT series (20 images) and the
 * SIIM CR added to it: DCMTK's dcmodify gives copies of those files the MR's Study Instance UID and patient
 * (their pixel data is untouched). Thumbnails dragged onto a pane show there: two cross-sectional series
 * (one axial view each, own label and window), then a projection series in the 2D viewer. Switching layouts
 * releases the panes' WebGL contexts.
 */
function studyOfThreeSeries(): { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'radground-panes-'));
  const mrDir = sharedData('mr', 'brain_t1_sag');
  const mrFiles = readdirSync(mrDir).filter((f) => f.endsWith('.dcm'));
  const tag = (file: string, keyword: string) => execFileSync('dcmdump', ['-q', '-s', '-Un', '+P', keyword, file], { encoding: 'utf8' }).match(/\[(.*)\]/)?.[1] ?? '';
  const [firstFile] = mrFiles;
  if (!firstFile) throw new Error(`no .dcm file in ${mrDir}`);
  const first = join(mrDir, firstFile);
  const [studyUid, patientId, patientName] = ['StudyInstanceUID', 'PatientID', 'PatientName'].map((k) => tag(first, k));
  mkdirSync(join(dir, 'mr'));
  for (const f of mrFiles) copyFileSync(join(mrDir, f), join(dir, 'mr', f));
  const added: string[] = [];
  mkdirSync(join(dir, 'ct'));
  const ctDir = sharedData('ct', 'upper_abdomen_j2k');
  for (const f of readdirSync(ctDir)) {
    copyFileSync(join(ctDir, f), join(dir, 'ct', f));
    added.push(join(dir, 'ct', f));
  }
  copyFileSync(sharedData('cxr', 'siim_CR_jpegbaseline.dcm'), join(dir, 'cr.dcm'));
  added.push(join(dir, 'cr.dcm'));
  // The J2K CT files name their SOP Class and Instance only in the file meta, which dcmodify rewrites from
  // the data set: they go into the data set as well.
  for (const f of added.filter((file) => file.includes(`${join(dir, 'ct')}/`))) {
    const [sopClass, sopInstance] = ['MediaStorageSOPClassUID', 'MediaStorageSOPInstanceUID'].map((k) => tag(f, k));
    execFileSync('dcmodify', ['-nb', '-m', `(0008,0016)=${sopClass}`, '-m', `(0008,0018)=${sopInstance}`, f], { stdio: ['ignore', 'ignore', 'pipe'] });
  }
  execFileSync('dcmodify', ['-nb', '-m', `(0020,000d)=${studyUid}`, '-m', `(0010,0020)=${patientId}`, '-m', `(0010,0010)=${patientName}`, ...added], { stdio: ['ignore', 'ignore', 'pipe'] });
  return { dir };
}

const pane = (page: Page, n: number): Locator => page.locator(`[data-testid="series-pane"][data-pane="${n}"]`);
const thumbnail = (page: Page, modality: string): Locator => page.getByTestId('series-item').filter({ hasText: new RegExp(`^\\s*${modality} ·`) });

async function readyIn(p: Locator): Promise<void> {
  await expect(p.getByTestId('reading-viewer')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(p.getByTestId('slice-info-axial')).toBeVisible({ timeout: 60_000 });
  const viewerId = await p.getByTestId('reading-viewer').getAttribute('data-viewer-id');
  await p.page().waitForFunction(
    (id) => ((globalThis as unknown as { __RADGROUND_VIEWERS__?: Record<string, { snapshot(): { renderCount: number } }> }).__RADGROUND_VIEWERS__?.[id!]?.snapshot().renderCount ?? 0) > 0,
    viewerId,
    { timeout: 120_000 },
  );
}

/** Fraction of the pane's axial view that is not background (the image is drawn). */
async function drawn(p: Locator): Promise<number> {
  const img = decodePng(await p.getByTestId('viewport-axial').screenshot({ style: '.overlay { visibility: hidden !important; }' }));
  return countNonBackground(img) / (img.width * img.height);
}

const ownHost = hostOfThisFile(hasData);
const copies: string[] = [];
test.afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

test('two panes show two series, each with its own label and window; a projection series in a pane; WebGL contexts released on layout changes', async ({ page }) => {
  test.skip(!hasData, NO_SHARED_DATA_REASON);
  test.setTimeout(300_000);
  const host = ownHost.current;
  const { dir } = studyOfThreeSeries();
  copies.push(dir);
  await countWebGlContexts(page);
  const res = await page.request.post(`${host.origin}/api/call/studies.import`, { data: { paths: [dir] }, headers: { authorization: `Bearer ${host.token}` } });
  const imported = (await res.json()) as { value: { added: { studies: number; series: number } } };
  expect(imported.value.added, JSON.stringify((imported.value as unknown as { rejected: unknown[] }).rejected.slice(0, 2))).toMatchObject({ studies: 1, series: 3 });
  await page.goto(host.url);
  await page.getByTestId('worklist-row').first().dblclick();
  await expect(page.getByTestId('series-item')).toHaveCount(3);
  await expect(page.getByTestId('series-panes')).toHaveAttribute('data-layout', '1x1');

  await readyIn(pane(page, 1));
  expect(await drawn(pane(page, 1)), '1x1 axial drawn').toBeGreaterThan(0.05);
  // Contexts live with one viewer on screen: the bound for every layout below (one more per extra viewer).
  const baseline = (await webGlContexts(page)).live;
  await page.getByTestId('series-layout-1x2').click();
  await expect(page.getByTestId('series-pane')).toHaveCount(2);
  await thumbnail(page, 'MR').dragTo(pane(page, 1));
  await thumbnail(page, 'CT').dragTo(pane(page, 2));
  const [mr, ct] = [pane(page, 1), pane(page, 2)];
  await readyIn(mr);
  await readyIn(ct);
  const mrId = await mr.getAttribute('data-volume-id');
  const ctId = await ct.getAttribute('data-volume-id');
  expect(mrId).not.toBe(ctId);
  // One axial view per pane, each labelled from its own series: the sagittal MR's axial reformat has 256
  // positions (no image numbers), the axial CT its 20 images.
  for (const p of [mr, ct]) {
    await expect(p.getByTestId('viewport-axial')).toBeVisible();
    await expect(p.getByTestId('viewport-coronal')).toHaveCount(0);
  }
  await expect(mr.getByTestId('slice-info-axial')).toContainText(/\/ ?256\b/);
  await expect(ct.getByTestId('slice-info-axial')).toContainText(/\/ ?20\b/);
  expect(await drawn(mr), 'MR axial drawn').toBeGreaterThan(0.05);
  expect(await drawn(ct), 'CT axial drawn').toBeGreaterThan(0.05);
  const mrWindow = await mr.getByTestId('wl-axial').textContent();
  const ctWindow = await ct.getByTestId('wl-axial').textContent();
  expect(mrWindow).not.toBe(ctWindow);
  // Each pane has its own window: the CT's bone preset leaves the MR's window alone.
  await ct.getByTestId('reading-viewer').click();
  await ct.getByTestId('reading-viewer').press('3');
  await expect(ct.getByTestId('wl-axial')).not.toHaveText(ctWindow!);
  await expect(mr.getByTestId('wl-axial')).toHaveText(mrWindow!);
  await page.screenshot({ path: join(artifactsDir, 'series-panes-1x2.png') });

  // A projection series dropped on the second pane opens in the 2D viewer there.
  await thumbnail(page, 'CR').dragTo(ct);
  await expect(ct.getByTestId('projection-viewer')).toBeVisible({ timeout: 60_000 });
  await expect(ct.getByTestId('proj-wl')).toHaveText(/^W \d+ L -?\d+$/);
  await expect(mr.getByTestId('wl-axial')).toHaveText(mrWindow!);

  // Layout changes unmount the panes' viewers: the live WebGL contexts stay bounded by the panes shown.
  await page.getByTestId('series-layout-2x2').click();
  await expect(page.getByTestId('series-pane')).toHaveCount(4);
  await readyIn(pane(page, 3));
  await expect(pane(page, 4).getByTestId('series-pane-empty')).toBeVisible(); // three series, four panes
  // The active pane is the one last clicked (the CR's); make the MR's active, so 1x1 shows the MR.
  await mr.getByTestId('reading-viewer').click();
  await expect(mr).toHaveClass(/active/);
  for (const layout of ['1x1', '2x2', '1x2', '1x1'] as const) {
    await page.getByTestId(`series-layout-${layout}`).click();
    await expect(page.getByTestId('series-pane')).toHaveCount({ '1x1': 1, '1x2': 2, '2x2': 4 }[layout]);
    await expect(page.getByTestId('reading-viewer').first()).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
    const viewers = await page.getByTestId('reading-viewer').count();
    await expect.poll(async () => (await webGlContexts(page)).live, { timeout: 30_000, message: `${layout}: ${viewers} viewer(s)` }).toBeLessThanOrEqual(baseline - 1 + viewers);
  }
  expect(await pane(page, 1).getAttribute('data-volume-id')).toBe(mrId);
  expect(await page.getByTestId('reading-viewer').count()).toBe(1);
  await expect.poll(async () => (await webGlContexts(page)).live, { timeout: 30_000 }).toBeLessThanOrEqual(baseline);
  const stats = await webGlContexts(page);
  expect(stats.created - baseline).toBeGreaterThan(4); // the layouts above did create (and release) several
});
