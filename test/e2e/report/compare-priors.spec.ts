import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, expect, startHost, test, type RunningHost } from '../support/browser-host-fixture';

/**
 * Reading with priors on a fresh `serve --demo` (the demo makes a current exam and a prior with
 * planted changes): Compare hangs both exams, scrolling one scrolls the other to the corresponding
 * anatomy through the registration, a change sentence lights the lesion in both viewers, and
 * "unchanged" typed over the grown mass is an error.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1600, height: 900 } });

type Vec3 = [number, number, number];
type Lesion = { id: string; centre: Vec3; diameterMm: number };
type Snapshot = { crosshair: Vec3; highlight: { id: string } | null; renderCount: number; volumeId: string | null };

let host: RunningHost;
let stop: () => Promise<void>;
let page: Page;
let lesions: { current: Lesion[]; prior: Lesion[] };

const snap = (viewer: 'current' | 'prior') =>
  page.evaluate((v) => (globalThis as unknown as { __RADGROUND_VIEWERS__: Record<string, { snapshot(): Snapshot }> }).__RADGROUND_VIEWERS__[v]!.snapshot(), viewer);
const call = (viewer: 'current' | 'prior', method: string, ...args: unknown[]) =>
  page.evaluate(([v, m, a]) => (globalThis as unknown as { __RADGROUND_VIEWERS__: Record<string, Record<string, (...x: unknown[]) => unknown>> }).__RADGROUND_VIEWERS__[v as string]![m]!(...(a)), [viewer, method, args] as const);

/** Row-major 4x4 rigid PRIOR -> CURRENT applied inversely (CURRENT -> PRIOR). */
function toPrior(m: number[], p: Vec3): Vec3 {
  const d = [p[0] - m[3]!, p[1] - m[7]!, p[2] - m[11]!];
  return [0, 1, 2].map((c) => m[c]! * d[0]! + m[4 + c]! * d[1]! + m[8 + c]! * d[2]!) as Vec3;
}
/** The report row whose text matches (textarea values are not text content). */
async function rowWhere(pattern: RegExp) {
  const texts = await page.getByTestId('sentence-text').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
  const i = texts.findIndex((t) => pattern.test(t));
  expect(i, `a sentence matching ${pattern}: ${texts.join(' | ')}`).toBeGreaterThanOrEqual(0);
  return page.getByTestId('report-sentence').nth(i);
}
const dist = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  ({ host, stop } = await startHost(['--demo']));
  const manifest = JSON.parse(readFileSync(join(host.dataDir, 'demo', 'demo-manifest.json'), 'utf8'));
  lesions = { current: manifest.exams.current.lesions, prior: manifest.exams.prior.lesions };
  page = await browser.newPage();
  await page.goto(host.url);
  await expect(page.getByTestId('reading-viewer')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
});
test.afterAll(async () => {
  await page?.close();
  await stop?.();
});

let matrix: number[];

test('Compare hangs the current exam (left) and the default prior (right), both drawn', async () => {
  test.setTimeout(280_000);
  await expect(page.getByTestId('prior-item')).toHaveCount(1);
  await expect(page.getByTestId('prior-item').locator('input')).toBeChecked();
  await expect(page.getByTestId('prior-item')).toContainText('2023-03-15');
  await page.getByTestId('compare-button').click();
  await expect(page.getByTestId('registration-info')).toBeVisible({ timeout: 240_000 });
  const current = page.locator('[data-testid="reading-viewer"][data-viewer-id="current"]');
  const prior = page.locator('[data-testid="reading-viewer"][data-viewer-id="prior"]');
  await expect(current).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(prior).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect.poll(async () => (await snap('prior')).renderCount, { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-first-images-ms', /\d+/, { timeout: 60_000 });
  // Each exam hangs 1x1 axial with its own volume.
  await expect(current.getByTestId('viewport-axial')).toBeVisible();
  await expect(prior.getByTestId('viewport-axial')).toBeVisible();
  expect((await snap('current')).volumeId).not.toBe((await snap('prior')).volumeId);
  matrix = (await page.getByTestId('registration-info').getAttribute('data-matrix'))!.split(',').map(Number);
  expect(matrix).toHaveLength(16);
  await page.screenshot({ path: join(artifactsDir, 'compare-hung.png') });
});

test('scrolling one exam scrolls the other to the corresponding anatomy (through the registration)', async () => {
  const current = page.locator('[data-testid="reading-viewer"][data-viewer-id="current"]');
  const mass = (l: Lesion[]) => l.reduce((a, b) => (b.diameterMm > a.diameterMm ? b : a));
  await call('current', 'jumpTo', mass(lesions.current).centre);
  // The prior's planes are at the prior's mass: the registration maps the anatomy, not the coordinates.
  await expect.poll(async () => dist((await snap('prior')).crosshair, mass(lesions.prior).centre)).toBeLessThan(6);
  const box = (await current.getByTestId('viewport-axial').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 4; i++) {
    const before = (await snap('prior')).crosshair[2];
    await page.mouse.wheel(0, 100);
    await expect.poll(async () => (await snap('prior')).crosshair[2]).not.toBe(before);
    const c = await snap('current');
    const p = await snap('prior');
    const expected = toPrior(matrix, c.crosshair);
    expect(Math.abs(p.crosshair[2] - expected[2])).toBeLessThanOrEqual(2); // within half a 2.5 mm slice + snapping
    const loc = Number((await page.locator('[data-viewer-id="prior"] [data-testid="slice-location-axial"]').textContent())!.replace(/[^-\d.]/g, ''));
    expect(Math.abs(loc - p.crosshair[2])).toBeLessThan(0.11);
  }
});

test('a drafted change sentence is linked to both exams; hovering it outlines the lesion in both viewers', async () => {
  test.setTimeout(280_000);
  await page.getByTestId('draft-report').click();
  await expect(page.getByTestId('report-status')).toHaveText('draft', { timeout: 240_000 });
  const change = await rowWhere(/mass measures \d+ mm .*previously \d+ mm on 2023-03-15 .*; increased\./);
  await rowWhere(/ of 2023-03-15\.$/); // the comparison section names the prior exam and its date
  const ids = (await change.getAttribute('data-region-ids'))!.split(' ');
  expect(ids).toHaveLength(2);
  await change.hover();
  await expect.poll(async () => [(await snap('current')).highlight?.id, (await snap('prior')).highlight?.id].sort()).toEqual([...ids].sort());
  await expect(page.locator('[data-viewer-id="current"] [data-testid="viewport-axial"] [data-testid="highlight-outline"]').first()).toBeVisible();
  await expect(page.locator('[data-viewer-id="prior"] [data-testid="viewport-axial"] [data-testid="highlight-outline"]').first()).toBeVisible();
  await page.screenshot({ path: join(artifactsDir, 'compare-change-hover.png') });
});

test('"unchanged" typed over the grown mass gets the change error', async () => {
  await page.getByTestId('new-sentence').fill('The left upper lung zone mass is unchanged.');
  await page.getByTestId('add-sentence').click();
  await expect.poll(async () => (await page.getByTestId('sentence-text').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value))).some((t) => /mass is unchanged/.test(t)), { timeout: 30_000 }).toBe(true);
  const row = await rowWhere(/mass is unchanged/);
  await expect(row.locator('[data-kind="change_mismatch"][data-severity="error"]')).toHaveCount(1, { timeout: 30_000 });
});
