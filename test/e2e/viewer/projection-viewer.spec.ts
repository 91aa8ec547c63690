import type { Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, startHost, test, type RunningHost } from '../support/browser-host-fixture';
import { requireSharedData } from '../../support/shared-data';

// With CI=true, missing real data fails this spec instead of skipping it.
requireSharedData();

/**
 * Modality-aware display on real data: the SIIM CR and the NIH DX open in the 2D image viewer (no
 * MPR panes), with their orientation labels, and lengths in mm / in pixels; the MONOCHROME1
 * variant is rendered inverted (rendered grey levels read through the automation hook); the brain
 * MR keeps MPR with its own window, never a CT preset. The CR and its MONOCHROME1 variant share
 * their UIDs, so the variant gets a host of its own.
 */
const data = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..', '..', 'shared', 'data');
const cr = join(data, 'cxr', 'siim_CR_jpegbaseline.dcm');
const mono1 = join(data, 'cxr', 'siim_CR_jpegbaseline_MONOCHROME1_variant.dcm');
const dx = join(data, 'cxr', 'nih_cxr14_DX_sc_8bit.dcm');
const mr = join(data, 'mr', 'brain_t1_sag');

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1600, height: 900 } });

type Stopper = () => Promise<void>;
const stops: Stopper[] = [];
let host: RunningHost;
let page: Page;

interface Snapshot {
  volumeId: string | null;
  modality: string | null;
  invert: boolean;
  windowLevel: { center: number; width: number };
  options: { id: string; source: string }[];
  labels: { top: string; bottom: string; left: string; right: string; source: string | null };
  shapes: { shape: string; text: string; regionId: string | null }[];
  renderCount: number;
}
type Hook = { snapshot(): Snapshot; storedValue(x: number, y: number): number | null; renderedGrey(x: number, y: number): number | null };
const snap = (p: Page) => p.evaluate(() => (globalThis as unknown as { __RADGROUND_PROJECTION__: Hook }).__RADGROUND_PROJECTION__.snapshot());

async function call<T>(h: RunningHost, p: Page, channel: string, body: unknown): Promise<T> {
  const res = await p.request.post(`${h.origin}/api/call/${channel}`, { data: body, headers: { authorization: `Bearer ${h.token}` } });
  const envelope = (await res.json()) as { ok: boolean; value?: T; error?: unknown };
  if (!envelope.ok) throw new Error(`${channel} failed: ${JSON.stringify(envelope.error)}`);
  return envelope.value!;
}

async function openStudy(p: Page, rowText: string): Promise<void> {
  await p.getByTestId('back-to-worklist').click({ timeout: 2_000 }).catch(() => undefined);
  await p.getByTestId('worklist-row').filter({ hasText: rowText }).dblclick();
}

async function openProjection(p: Page, rowText: string): Promise<void> {
  await openStudy(p, rowText);
  await expect(p.getByTestId('projection-viewer')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await p.waitForFunction(() => ((globalThis as unknown as { __RADGROUND_PROJECTION__?: Hook }).__RADGROUND_PROJECTION__?.snapshot().renderCount ?? 0) > 0);
}

/** The extreme stored values of the middle row, and where they are. */
async function darkAndBright(p: Page): Promise<{ lo: [number, number]; hi: [number, number] }> {
  return p.evaluate(() => {
    const hook = (globalThis as unknown as { __RADGROUND_PROJECTION__: Hook }).__RADGROUND_PROJECTION__;
    let lo: [number, number] = [0, 512];
    let hi: [number, number] = [0, 512];
    for (let x = 0; x < 1024; x++) {
      const v = hook.storedValue(x, 512)!;
      if (v < hook.storedValue(lo[0], 512)!) lo = [x, 512];
      if (v > hook.storedValue(hi[0], 512)!) hi = [x, 512];
    }
    return { lo, hi };
  });
}
const grey = (p: Page, at: [number, number]) =>
  p.evaluate(([x, y]) => (globalThis as unknown as { __RADGROUND_PROJECTION__: Hook }).__RADGROUND_PROJECTION__.renderedGrey(x, y), at);

/** Draws a horizontal line of `screenPx` CSS px across the middle of the 2D image. */
async function drawLength(p: Page, screenPx: number): Promise<void> {
  await p.getByTestId('proj-tool-length').click();
  const box = (await p.getByTestId('projection-stage').boundingBox())!;
  const y = box.y + box.height / 2;
  const x0 = box.x + box.width / 2 - screenPx / 2;
  await p.mouse.move(x0, y);
  await p.mouse.down();
  await p.mouse.move(x0 + screenPx / 2, y, { steps: 4 });
  await p.mouse.move(x0 + screenPx, y, { steps: 4 });
  await p.mouse.up();
}

test.beforeAll(async ({ browser }) => {
  test.skip(!existsSync(cr) || !existsSync(mr), `real test data not found under ${data}`);
  test.setTimeout(180_000);
  const started = await startHost();
  stops.push(started.stop);
  host = started.host;
  page = await browser.newPage();
  await page.goto(host.url);
  await page.waitForURL(`${host.origin}/`);
  const summary = await call<{ rejected: unknown[]; added: { instances: number } }>(host, page, 'studies.import', { paths: [cr, dx, mr] });
  expect(summary.rejected).toEqual([]);
  await page.reload();
});
test.afterAll(async () => {
  await page?.close();
  for (const stop of stops) await stop();
});

test('the CR opens in the 2D viewer: labels from View Position PA, no MPR panes, no crosshair; a length is in mm and stored as a region', async () => {
  await openProjection(page, '16d7f894');
  await expect(page.getByTestId('reading-viewer')).toHaveCount(0);
  await expect(page.locator('[data-testid^="viewport-"]')).toHaveCount(0);
  await expect(page.locator('svg line.crosshair')).toHaveCount(0);
  for (const [edge, label] of [['right', 'L'], ['left', 'R'], ['top', 'H'], ['bottom', 'F']] as const) {
    await expect(page.getByTestId(`proj-orient-${edge}`)).toHaveText(label);
  }
  const s = await snap(page);
  expect(s).toMatchObject({ modality: 'CR', invert: false });
  expect(s.options.map((o) => o.source)).toEqual(['auto']);
  // MONOCHROME2: brighter stored values are drawn brighter.
  const { lo, hi } = await darkAndBright(page);
  expect(await grey(page, lo)).toBeLessThan((await grey(page, hi))!);

  await drawLength(page, 300);
  await expect.poll(async () => (await snap(page)).shapes[0]?.regionId ?? null, { timeout: 20_000 }).not.toBeNull();
  const shape = (await snap(page)).shapes[0]!;
  expect(shape.text).toMatch(/^\d+\.\d mm$/);
  // 300 CSS px across a 1024-pixel image fitted to the stage, at 0.168 mm per pixel.
  const box = (await page.getByTestId('projection-stage').boundingBox())!;
  const expectedMm = (300 / (Math.min(box.width, box.height) / 1024)) * 0.168;
  expect(Number.parseFloat(shape.text)).toBeGreaterThan(expectedMm * 0.97);
  expect(Number.parseFloat(shape.text)).toBeLessThan(expectedMm * 1.03);
  await expect(page.getByTestId('proj-measure-label')).toHaveText(shape.text);
  // The region is stored, linkable, and anchored in image coordinates to the CR's SOP Instance UID.
  const { regions } = await call<{ regions: { id: string; label: string; image?: { coordinates: string; sopInstanceUid: string } | null }[] }>(host, page, 'regions.list', {
    volumeId: s.volumeId,
  });
  const region = regions.find((r) => r.id === shape.regionId);
  expect(region?.image).toMatchObject({ coordinates: 'image', sopInstanceUid: '1.2.276.0.7230010.3.1.4.8323329.6904.1517875201.850819' });
});

test('the NIH DX (no PixelSpacing, no orientation) opens in the 2D viewer without labels; a length is in pixels and says so', async () => {
  await openProjection(page, 'Covid0000');
  await expect(page.getByTestId('reading-viewer')).toHaveCount(0);
  for (const edge of ['right', 'left', 'top', 'bottom']) await expect(page.getByTestId(`proj-orient-${edge}`)).toHaveText('');
  await expect(page.getByTestId('proj-no-orientation')).toBeVisible();
  await expect(page.getByTestId('proj-spacing')).toHaveText('no pixel spacing');
  expect((await snap(page)).modality).toBe('DX');
  await drawLength(page, 240);
  await expect.poll(async () => (await snap(page)).shapes[0]?.regionId ?? null, { timeout: 20_000 }).not.toBeNull();
  const text = (await snap(page)).shapes[0]!.text;
  expect(text).toMatch(/^\d+ px \(no pixel spacing\)$/);
  const box = (await page.getByTestId('projection-stage').boundingBox())!;
  const expectedPx = 240 / (Math.min(box.width, box.height) / 1024);
  expect(Math.abs(Number.parseInt(text, 10) - expectedPx)).toBeLessThan(expectedPx * 0.03);
});

test('the brain MR keeps MPR with its own window (the file’s Window Center/Width) and an automatic one, never a CT preset', async () => {
  test.setTimeout(180_000);
  const { rows } = await call<{ rows: { studyInstanceUid: string; modalities: string[] }[] }>(host, page, 'studies.list', {});
  const mrStudy = rows.find((r) => r.modalities.includes('MR'))!;
  const { volumes } = await call<{ volumes: { volumeId: string }[] }>(host, page, 'studies.get', { studyInstanceUid: mrStudy.studyInstanceUid });
  const display = await call<{ viewer: string; images: { windows: { center: number; width: number }[] }[] }>(host, page, 'volumes.display', { volumeId: volumes[0]!.volumeId });
  expect(display.viewer).toBe('cross-sectional');
  // Each slice carries its own Window Center/Width; the volume opens with its reference slice's.
  const fileWindows = display.images.flatMap((i) => i.windows.map((w) => `${w.center}/${w.width}`));
  await openStudy(page, 'crlab');
  await expect(page.getByTestId('reading-viewer')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(page.getByTestId('projection-viewer')).toHaveCount(0);
  await expect(page.getByTestId('wl-preset-brain')).toHaveCount(0);
  await expect(page.getByTestId('wl-choice-file-1')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('wl-choice-auto')).toBeVisible();
  const wl = await page.evaluate(() => (globalThis as unknown as { __RADGROUND_VIEWER__: { snapshot(): { windowLevel: { center: number; width: number } } } }).__RADGROUND_VIEWER__.snapshot().windowLevel);
  expect(fileWindows).toContain(`${wl.center}/${wl.width}`);
  // Key 2 (the CT "Mediastinum" preset on CT) picks this series' second window, the automatic one.
  await page.getByTestId('reading-viewer').press('2');
  const auto = await page.evaluate(() => (globalThis as unknown as { __RADGROUND_VIEWER__: { snapshot(): { windowLevel: { center: number; width: number } } } }).__RADGROUND_VIEWER__.snapshot().windowLevel);
  expect(auto).not.toEqual({ center: 40, width: 80 });
  expect(auto).not.toEqual(wl);
});

test('the MONOCHROME1 variant is rendered inverted: low stored values bright', async ({ browser }) => {
  test.skip(!existsSync(mono1), `${mono1} not found`);
  const started = await startHost();
  stops.push(started.stop);
  const p = await browser.newPage();
  try {
    await p.goto(started.host.url);
    await p.waitForURL(`${started.host.origin}/`);
    await call(started.host, p, 'studies.import', { paths: [mono1] });
    await p.reload();
    await openProjection(p, '16d7f894');
    expect((await snap(p)).invert).toBe(true);
    const { lo, hi } = await darkAndBright(p);
    const gLo = (await grey(p, lo))!;
    const gHi = (await grey(p, hi))!;
    expect(gLo).toBeGreaterThan(gHi);
    expect(gLo - gHi).toBeGreaterThan(100);
  } finally {
    await p.close();
  }
});
