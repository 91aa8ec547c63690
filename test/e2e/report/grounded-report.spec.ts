import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, expect, startHost, test, type RunningHost } from '../support/browser-host-fixture';
import type { Rgba } from '../viewer/support/png';
import { afterRender, crosshairOnScreen, viewerCall, viewportShot } from '../viewer/support/viewer-page';

/**
 * The grounded report beside the viewer, on a fresh `serve --demo` (its own data folder, so the
 * report is drafted here and nowhere else): hover a sentence -> its region lit and the planes
 * there; pick a region -> its sentences lit; a typed finding is linked to the planted nodule;
 * signing freezes the report.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1600, height: 900 } });

let host: RunningHost;
let stop: () => Promise<void>;
let page: Page;
type Lesion = { id: string; lobe: string; centre: [number, number, number]; diameterMm: number };
let lesions: Lesion[];

/** Pixels whose color differs clearly between two screenshots of one viewport. */
function changedPixels(a: Rgba, b: Rgba): number {
  let n = 0;
  for (let p = 0; p < Math.min(a.data.length, b.data.length); p += 4) {
    if (Math.abs(a.data[p]! - b.data[p]!) + Math.abs(a.data[p + 1]! - b.data[p + 1]!) + Math.abs(a.data[p + 2]! - b.data[p + 2]!) > 60) n++;
  }
  return n;
}

const sentenceTexts = () => page.getByTestId('sentence-text').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
const sentenceIndex = async (pattern: RegExp) => (await sentenceTexts()).findIndex((t) => pattern.test(t));
const crosshair = () =>
  page.evaluate(() => (globalThis as unknown as { __RADGROUND_VIEWER__: { snapshot(): { crosshair: number[] } } }).__RADGROUND_VIEWER__.snapshot().crosshair);

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  ({ host, stop } = await startHost(['--demo']));
  const manifest = JSON.parse(readFileSync(join(host.dataDir, 'demo', 'demo-manifest.json'), 'utf8'));
  lesions = manifest.exams.current.lesions;
  page = await browser.newPage();
  await page.goto(host.url);
  await expect(page.getByTestId('reading-viewer')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
});
test.afterAll(async () => {
  await page?.close();
  await stop?.();
});

test('drafts a grounded report from the analysis: one linked sentence per planted lesion', async () => {
  test.setTimeout(240_000);
  await page.getByTestId('draft-report').click();
  await expect(page.getByTestId('report-status')).toHaveText('draft', { timeout: 200_000 });
  const texts = await sentenceTexts();
  expect(texts.some((t) => /8 mm solid nodule in the right lower lung zone/.test(t))).toBe(true);
  expect(texts.some((t) => /mass in the left upper lung zone/.test(t))).toBe(true);
  // Findings exist: the lungs are never called clear, and no negative is drafted over them.
  expect(texts.join(' ')).not.toMatch(/lungs are clear|no pulmonary nodule/i);
  await page.screenshot({ path: join(artifactsDir, 'report-drafted.png') });
});

/** Mean colorfulness (max channel - min channel) of a small patch: 0 for grey pixels. */
function meanChroma(img: Rgba, cx: number, cy: number, r = 1): number {
  let sum = 0;
  let n = 0;
  for (let y = Math.round(cy - r); y <= Math.round(cy + r); y++)
    for (let x = Math.round(cx - r); x <= Math.round(cx + r); x++) {
      const o = (y * img.width + x) * 4;
      const c = [img.data[o]!, img.data[o + 1]!, img.data[o + 2]!];
      sum += Math.max(...c) - Math.min(...c);
      n++;
    }
  return sum / n;
}

test('the Regions overlay colors the planted nodule in the axial view; hovering it names it', async () => {
  const n3 = lesions.find((l) => l.lobe === 'RLL')!;
  const toggle = page.getByTestId('toggle-regions');
  await expect(toggle).toBeEnabled({ timeout: 20_000 });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.mouse.move(0, 0);
  await afterRender(page, () => viewerCall(page, 'jumpTo', n3.centre));
  const c = await crosshairOnScreen(page, 'axial');
  const on = await viewportShot(page, 'axial', { name: 'regions-on' });
  const on3d = await viewportShot(page, 'volume', { name: 'regions-3d-on' });
  await afterRender(page, () => toggle.click());
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const off = await viewportShot(page, 'axial', { name: 'regions-off' });
  // 3D: the findings are drawn as colored surfaces over the volume rendering, gone with the overlay.
  await expect.poll(async () => changedPixels(on3d, await viewportShot(page, 'volume', { name: 'regions-3d-off' })), { timeout: 30_000 }).toBeGreaterThan(30);
  expect(meanChroma(off, c.x, c.y)).toBeLessThan(8); // grey image only
  expect(meanChroma(on, c.x, c.y)).toBeGreaterThan(30); // the nodule's color over it
  // Background away from the body is left alone.
  expect(meanChroma(on, 4, 4)).toBeLessThan(8);

  await afterRender(page, () => toggle.click());
  const box = (await page.getByTestId('viewport-axial').boundingBox())!;
  await page.mouse.move(box.x + c.x, box.y + c.y);
  const tooltip = page.getByTestId('region-tooltip');
  await expect(tooltip).toHaveText(/^nodule \d+ mm, right lower$/);
  // The legend beside the region list shows the color the overlay draws it in.
  const swatch = page.locator(`[data-testid="region-item"][data-region-id="${await tooltip.getAttribute('data-region-id')}"] [data-testid="region-swatch"]`);
  await expect(swatch).toHaveCount(1);
  const [r, g, b] = (await swatch.evaluate((el) => getComputedStyle(el).backgroundColor)).match(/\d+/g)!.map(Number);
  const mix = (i: number) => on.data[(Math.round(c.y) * on.width + Math.round(c.x)) * 4 + i]!;
  const offGrey = off.data[(Math.round(c.y) * off.width + Math.round(c.x)) * 4]!;
  // overlay pixel = grey + alpha * (color - grey): each channel moves towards the legend color.
  [r!, g!, b!].forEach((v, i) => expect(Math.sign(mix(i) - offGrey) || 0).toBe(Math.sign(v - offGrey) || 0));
  // Clicking the region in the image lights its sentences in the report.
  const regionId = (await tooltip.getAttribute('data-region-id'))!;
  await page.mouse.click(box.x + c.x, box.y + c.y);
  const lit = page.locator('[data-testid="report-sentence"].highlighted');
  await expect(lit).toHaveCount(2);
  for (const ids of await lit.evaluateAll((els) => els.map((e) => e.getAttribute('data-region-ids') ?? ''))) expect(ids.split(' ')).toContain(regionId);
  await page.mouse.move(box.x + 4, box.y + 4);
  await expect(page.getByTestId('region-tooltip')).toHaveCount(0);
});

test('hovering a sentence lights its region and moves the planes to it', async () => {
  const n3 = lesions.find((l) => l.lobe === 'RLL')!;
  const index = await sentenceIndex(/8 mm solid nodule in the right lower lung zone/);
  await page.getByTestId('report-sentence').nth(index).hover();
  await expect.poll(async () => Math.hypot(...(await crosshair()).map((v, i) => v - n3.centre[i]!)), { timeout: 20_000 }).toBeLessThan(4);
  await page.screenshot({ path: join(artifactsDir, 'report-hover-sentence.png') });
});

test('keyboard: Alt+Down moves to the next sentence and lights its region', async () => {
  const index = await sentenceIndex(/6 mm solid nodule in the right upper lung zone/);
  await page.getByTestId('sentence-text').nth(index).focus();
  await page.keyboard.press('Alt+ArrowDown');
  const focused = await page.evaluate(() => (document.activeElement as HTMLTextAreaElement).value);
  expect(focused).toMatch(/5 mm solid nodule in the right mid lung zone/);
  const n2 = lesions.find((l) => l.lobe === 'RML')!;
  await expect.poll(async () => Math.hypot(...(await crosshair()).map((v, i) => v - n2.centre[i]!)), { timeout: 20_000 }).toBeLessThan(4);
  await page.keyboard.press('Escape');
});

test('picking a region highlights its sentences (findings and impression)', async () => {
  const massRegion = page.getByTestId('region-item').filter({ hasText: 'mass' }).first();
  const regionId = await massRegion.getAttribute('data-region-id');
  await massRegion.click();
  // The panel scrolls the lit sentences into view: keep the pointer off the sentences so that none is
  // lit by hovering.
  await page.mouse.move(1, 1);
  // Every sentence linked to the mass lights, and only those: its finding and impression lines, plus
  // a change sentence when the demo's prior was compared earlier in this data folder.
  const linked = (await page.getByTestId('report-sentence').evaluateAll((els) => els.map((e) => e.getAttribute('data-region-ids') ?? ''))).filter((ids) =>
    ids.split(' ').includes(regionId!),
  ).length;
  expect(linked).toBeGreaterThanOrEqual(2);
  const lit = page.locator('[data-testid="report-sentence"].highlighted');
  await expect(lit).toHaveCount(linked);
  for (const ids of await lit.evaluateAll((els) => els.map((e) => e.getAttribute('data-region-ids') ?? ''))) expect(ids.split(' ')).toContain(regionId);
});

test('a typed finding is linked to the planted nodule it names; a finding on the wrong side is not linked, with a warning', async () => {
  const drafted = page.getByTestId('report-sentence').nth(await sentenceIndex(/8 mm solid nodule in the right lower lung zone/));
  const n3RegionId = (await drafted.getAttribute('data-region-ids'))!;
  await page.getByTestId('new-sentence').fill('8 mm nodule in the right lower lobe');
  await page.getByTestId('add-sentence').click();
  await expect.poll(() => sentenceIndex(/^8 mm nodule in the right lower lobe$/), { timeout: 20_000 }).toBeGreaterThan(-1);
  const typed = page.getByTestId('report-sentence').nth(await sentenceIndex(/^8 mm nodule in the right lower lobe$/));
  await expect(typed).toHaveAttribute('data-region-ids', n3RegionId);
  await expect(typed.locator('[data-severity="error"]')).toHaveCount(0);

  await page.getByTestId('new-sentence').fill('A 37 mm mass in the right upper lobe');
  await page.getByTestId('add-sentence').click();
  await expect.poll(() => sentenceIndex(/^A 37 mm mass in the right upper lobe$/), { timeout: 20_000 }).toBeGreaterThan(-1);
  const wrong = page.getByTestId('report-sentence').nth(await sentenceIndex(/^A 37 mm mass in the right upper lobe$/));
  // Nothing on the right fits: "no region found on the right" (a warning), never a wrong-side error without a link.
  await expect(wrong.locator('[data-kind="no_region_on_side"][data-severity="warning"]')).toHaveCount(1);
  await expect(wrong.locator('[data-kind="laterality_mismatch"]')).toHaveCount(0);
  await page.screenshot({ path: join(artifactsDir, 'report-typed-sentences.png') });
});

test('linking by hand: select a sentence, link a region, unlink it; mark preliminary', async () => {
  const index = await sentenceIndex(/^A 37 mm mass in the right upper lobe$/);
  const row = page.getByTestId('report-sentence').nth(index);
  await row.getByTestId('sentence-text').click();
  await expect(row).toHaveClass(/selected/);
  const massRegionId = await page.getByTestId('region-item').filter({ hasText: 'mass' }).first().getAttribute('data-region-id');
  await page.locator(`[data-testid="link-region"][data-region-id="${massRegionId}"]`).click();
  await expect(row.locator(`[data-testid="sentence-link-badge"][data-region-id="${massRegionId}"]`)).toHaveCount(1);
  // Linked by hand to the left mass, the sentence still says right: now the side is wrong (an error).
  await expect(row.locator('[data-kind="laterality_mismatch"][data-severity="error"]')).toHaveCount(1);
  await row.getByTestId('unlink-region').first().click();
  await expect(row.getByTestId('sentence-link-badge')).toHaveCount(0);
  await page.getByTestId('mark-preliminary').click();
  await expect(page.getByTestId('report-status')).toHaveText('preliminary');
});

test('a length drawn on the image is stored as a region that a sentence can be linked to', async () => {
  await page.getByTestId('tool-length').click();
  const box = (await page.getByTestId('viewport-axial').boundingBox())!;
  const y = box.y + box.height * 0.5;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, y, { steps: 4 });
  await page.mouse.up();
  await page.getByTestId('tool-crosshair').click();
  const item = page.getByTestId('region-item').filter({ hasText: 'length' });
  await expect(item).toHaveCount(1);
  const regionId = await item.getAttribute('data-region-id');
  const row = page.getByTestId('report-sentence').nth(await sentenceIndex(/^8 mm nodule in the right lower lobe$/));
  await row.getByTestId('sentence-text').click();
  await page.locator(`[data-testid="link-region"][data-region-id="${regionId}"]`).click();
  await expect(row.locator(`[data-testid="sentence-link-badge"][data-region-id="${regionId}"]`)).toHaveCount(1);
});

test('an ROI drawn in the lung gives its mean HU, SD and area, stored as a linkable region', async () => {
  await page.getByTestId('layout-1x1').click();
  const box = (await page.getByTestId('viewport-axial').boundingBox())!;
  // Jump to a right-lung point away from the nodules: between N1 and N3, lateral.
  const n3 = lesions.find((l) => l.lobe === 'RLL')!;
  // Same axial plane as N3, where an earlier step left the view: only the crosshair moves, and views
  // redraw only when their plane changes, so wait for the crosshair rather than for a frame.
  const target: [number, number, number] = [n3.centre[0] + 15, n3.centre[1] - 25, n3.centre[2]];
  await viewerCall(page, 'jumpTo', target);
  await expect.poll(async () => Math.hypot(...(await crosshair()).map((v, a) => v - target[a]!))).toBeLessThan(2);
  const c = await crosshairOnScreen(page, 'axial');
  await page.getByTestId('tool-roi').click();
  await page.mouse.move(box.x + c.x - 8, box.y + c.y - 8);
  await page.mouse.down();
  await page.mouse.move(box.x + c.x + 8, box.y + c.y + 8, { steps: 4 });
  await expect(page.getByTestId('roi-draft')).toHaveCount(1);
  await page.mouse.up();
  await page.getByTestId('tool-crosshair').click();
  const item = page.getByTestId('region-item').filter({ hasText: 'ROI' });
  await expect(item).toHaveCount(1);
  const text = (await item.textContent())!;
  const [, area, mean] = text.match(/ROI (\d+) mm², mean (-?\d+) HU, SD (\d+)/)!;
  expect(Number(area)).toBeGreaterThan(20);
  // Synthetic lung parenchyma is about -850 HU with ~12 HU noise (small vessels may pass through).
  expect(Number(mean)).toBeGreaterThan(-950);
  expect(Number(mean)).toBeLessThan(-700);
  await page.getByTestId('layout-2x2').click();
});

test('signing needs an override while an error stands, then freezes the report', async () => {
  await page.getByTestId('signer').fill('Dr A. Reader');
  await expect(page.getByTestId('sign-report')).toBeDisabled();
  await page.getByTestId('override-reason').fill('Side confirmed on the images; sentence kept as dictated for the test');
  await page.getByTestId('sign-report').click();
  await expect(page.getByTestId('report-status')).toHaveText('final');
  await expect(page.getByTestId('signed-by')).toContainText('Dr A. Reader');
  await expect(page.getByTestId('new-sentence')).toHaveCount(0);
  for (const readonly of await page.getByTestId('sentence-text').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).readOnly))) {
    expect(readonly).toBe(true);
  }
  // The core refuses writes too, not only the UI.
  const sentenceId = await page.getByTestId('report-sentence').first().getAttribute('data-sentence-id');
  const res = await page.request.post(`${host.origin}/api/call/reports.updateSentence`, {
    data: { sentenceId, text: 'changed after signing' },
    headers: { authorization: `Bearer ${host.token}` },
  });
  expect((await res.json()).error.code).toBe('CONFLICT');
  await page.screenshot({ path: join(artifactsDir, 'report-signed.png') });
});

test('an addendum is appended after signing, and the audit log shows every step with a verified chain', async () => {
  await page.getByTestId('addendum-text').fill('Addendum: discussed with the referring physician.');
  await page.getByTestId('add-addendum').click();
  await expect(page.getByTestId('addendum')).toContainText('discussed with the referring physician');
  await page.getByTestId('audit-toggle').click();
  await expect(page.getByTestId('audit-verification')).toHaveText('Hash chain verified');
  const actions = await page.getByTestId('audit-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
  for (const action of ['create', 'sentence.add', 'link.add', 'link.remove', 'status', 'override', 'sign', 'addendum']) expect(actions).toContain(action);
  await page.screenshot({ path: join(artifactsDir, 'report-audit.png') });
  // The worklist shows the signed state of the study's report.
  await page.getByTestId('back-to-worklist').click();
  await expect(page.getByTestId('report-status-cell').first()).toHaveText('amended');
  await expect(page.getByTestId('report-status-cell').nth(1)).toHaveText('unreported');
});
