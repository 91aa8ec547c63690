import { existsSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { requireSharedData, sharedData } from '../../support/shared-data';
import { expect, startHost, test } from '../support/browser-host-fixture';
import { countNonBackground, meanAbsDiff } from './support/png';
import { afterRender, sliceNumber, viewportShot } from './support/viewer-page';

// With CI=true, missing real data fails this spec instead of skipping it.
const hasData = requireSharedData();

/**
 * Streaming on a real CT whose scalars are Int16 (A0001, 512x512x64): where WebGL2 lacks
 * EXT_texture_norm16 (SwiftShader), vtk.js keeps Int16 in a float texture, and the chunks that
 * arrive after the first frame are written straight into it (renderer/src/viewer/vtk/streamed-slices.ts).
 * The settled 2D views, including an axial slice of the chunk that arrived last and the coronal and
 * sagittal views (which sample every chunk), must equal pixel for pixel those of the same volume
 * loaded in one chunk (vtk.js's own full upload).
 */
const a0001 = sharedData('ct', 'chest_lung_pet_ct_dx_A0001');

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1440, height: 760 } });

let stop: (() => Promise<void>) | undefined;
let page: Page;
const consoleErrors: string[] = [];

interface TextureCalls {
  storage: { internalFormat: number; height: number; depth: number }[];
  writes: { y: number; z: number; height: number; depth: number; type: number; array: string }[];
}

test.beforeAll(async ({ browser }) => {
  test.skip(!hasData || !existsSync(a0001), `real test data not found at ${a0001}`);
  test.setTimeout(300_000);
  const started = await startHost();
  stop = started.stop;
  page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  // Record the 3D texture uploads (allocation format, and each write's rows, slices and data type).
  await page.addInitScript(() => {
    const calls: TextureCalls = { storage: [], writes: [] };
    (globalThis as unknown as { __texCalls: TextureCalls }).__texCalls = calls;
    const proto = WebGL2RenderingContext.prototype;
    const storage = proto.texStorage3D;
    proto.texStorage3D = function (this: WebGL2RenderingContext, ...a: Parameters<typeof storage>) {
      calls.storage.push({ internalFormat: a[2], height: a[4], depth: a[5] });
      return storage.apply(this, a);
    };
    const sub = proto.texSubImage3D as (...a: unknown[]) => void;
    proto.texSubImage3D = function (this: WebGL2RenderingContext, ...a: unknown[]) {
      if (a[0] === this.TEXTURE_3D) {
        calls.writes.push({ y: a[3] as number, z: a[4] as number, height: a[6] as number, depth: a[7] as number, type: a[9] as number, array: (a[10] as object | null)?.constructor?.name ?? 'null' });
      }
      return sub.apply(this, a);
    };
  });
  await page.goto(started.host.url);
  await page.getByTestId('import-path').fill(a0001);
  await page.getByTestId('import-button').click();
  await expect(page.getByTestId('import-result')).toContainText('Imported 64 new images', { timeout: 60_000 });
});
test.afterAll(async () => {
  await page?.close();
  await stop?.();
});

type Chunk = { start: number; count: number };
const texCalls = () => page.evaluate(() => (globalThis as unknown as { __texCalls: TextureCalls }).__texCalls);
const resetTexCalls = () =>
  page.evaluate(() => {
    const c = (globalThis as unknown as { __texCalls: TextureCalls }).__texCalls;
    c.storage.length = 0;
    c.writes.length = 0;
  });
type WindowLevel = { center: number; width: number };
const autoWindow = () =>
  page.evaluate(() => (globalThis as unknown as { __RADGROUND_VIEWER__?: { snapshot(): { autoWindow: WindowLevel | null } } }).__RADGROUND_VIEWER__?.snapshot().autoWindow ?? null);
const renderCount = () =>
  page.evaluate(() => (globalThis as unknown as { __RADGROUND_VIEWER__?: { snapshot(): { renderCount: number } } }).__RADGROUND_VIEWER__?.snapshot().renderCount ?? 0);

/** Every slice in and no render for 500 ms. */
async function settled(): Promise<void> {
  await expect(page.getByTestId('reading-viewer')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  let last = -1;
  await expect
    .poll(
      async () => {
        const n = await renderCount();
        const stable = n > 0 && n === last;
        last = n;
        return stable;
      },
      { timeout: 120_000, intervals: [500] },
    )
    .toBe(true);
}

/** Axial plane to slice index k (0-based), by the wheel's own step; then the three 2D views. */
async function sliceViewsAt(k: number, name: string) {
  const scroll = (delta: number) =>
    afterRender(page, () =>
      page.evaluate((d) => (globalThis as unknown as { __RADGROUND_VIEWER__: { scrollSlice(v: string, d: number): void } }).__RADGROUND_VIEWER__.scrollSlice('axial', d), delta),
    );
  const at = async () => (await sliceNumber(page, 'axial')) - 1;
  const before = await at();
  const probe = before === 0 ? 1 : -1;
  await scroll(probe);
  const step = ((await at()) - before) * probe; // slice index change per +1 scroll step (+1 or -1)
  expect(Math.abs(step)).toBe(1);
  if ((await at()) !== k) await scroll((k - (await at())) * step);
  expect(await at()).toBe(k);
  await settled();
  return Promise.all((['axial', 'coronal', 'sagittal'] as const).map((v) => viewportShot(page, v, { name: `int16-${name}-${v}` })));
}

async function backToWorklist(): Promise<void> {
  if (await page.getByTestId('back-to-worklist').count()) await page.getByTestId('back-to-worklist').click();
  await expect(page.locator('canvas')).toHaveCount(0);
}

test('an Int16 CT streamed chunk by chunk renders exactly as its one-chunk load (axial slice of the last chunk, coronal, sagittal)', async () => {
  test.setTimeout(360_000);
  await backToWorklist();
  // 1. Streamed: the first chunk alone until the first frame (the texture then exists), then the rest.
  const chunks: Chunk[] = [];
  let releaseRest!: () => void;
  const restHeld = new Promise<void>((r) => (releaseRest = r));
  await page.route('**/api/call/volumes.getChunk', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as Chunk;
    chunks.push({ start: body.start, count: body.count });
    if (chunks.length > 1) await restHeld;
    await route.continue();
  });
  let streamed: Awaited<ReturnType<typeof sliceViewsAt>>;
  let streamedWindow: WindowLevel | null;
  let late: Chunk;
  let lateWrites: TextureCalls['writes'];
  let storage: TextureCalls['storage'];
  try {
    await resetTexCalls();
    await page.getByTestId('worklist-row').first().dblclick();
    await expect.poll(renderCount, { timeout: 120_000 }).toBeGreaterThan(0);
    const first = await texCalls();
    storage = first.storage;
    const depth = storage[0]?.depth ?? 0;
    // The first chunk went in slabs too: no write of the whole volume at once.
    expect(first.writes.length).toBeGreaterThan(0);
    expect(first.writes.every((w) => w.depth < depth && w.array === 'Float32Array')).toBe(true);
    await resetTexCalls();
    releaseRest();
    await settled();
    expect(chunks.length).toBeGreaterThan(2);
    late = chunks[chunks.length - 1]!;
    const writes = (await texCalls()).writes;
    // The chunks after the first frame went into the existing texture, slices at a time: none was a
    // whole-volume upload (that would be vtk.js rebuilding the texture, not a streamed write).
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((w) => w.depth < depth)).toBe(true);
    lateWrites = writes.filter((w) => w.z + w.depth > late.start && w.z < late.start + late.count);
    // In slices: a write may hold whole slices or a band of one slice's rows (streamed-slices.ts).
    const rows = storage[0]?.height ?? 0;
    const covered = lateWrites.reduce((n, w) => n + ((Math.min(w.z + w.depth, late.start + late.count) - Math.max(w.z, late.start)) * w.height) / rows, 0);
    expect(covered, 'every slice of the last chunk written into the texture, each row once').toBe(late.count);
    streamed = await sliceViewsAt(late.start + Math.floor(late.count / 2), 'streamed');
    streamedWindow = await autoWindow();
  } finally {
    releaseRest();
    await page.unroute('**/api/call/volumes.getChunk');
  }
  // The late slice shows the body (not an unwritten, blank slab).
  expect(countNonBackground(streamed[0]!) / (streamed[0]!.width * streamed[0]!.height)).toBeGreaterThan(0.2);

  // 2. The same volume in ONE chunk: one full texture upload by vtk.js itself, the reference (the
  // viewer otherwise allocates the texture empty and writes it slab by slab, useVtkImageData.ts).
  await backToWorklist();
  await page.evaluate(() => ((globalThis as unknown as { __RADGROUND_VTK_OWN_UPLOAD__: boolean }).__RADGROUND_VTK_OWN_UPLOAD__ = true));
  await resetTexCalls();
  let widened = 0;
  await page.route('**/api/call/volumes.getChunk', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as Chunk & { volumeId: string };
    const dims = (await (await page.request.post(route.request().url().replace('volumes.getChunk', 'volumes.getGeometry'), { data: { volumeId: body.volumeId } })).json()) as {
      value: { dims: [number, number, number] };
    };
    widened++;
    await route.continue({ postData: JSON.stringify({ ...body, start: 0, count: dims.value.dims[2] }) });
  });
  let whole: typeof streamed;
  let wholeWindow: WindowLevel | null;
  try {
    await page.getByTestId('worklist-row').first().dblclick();
    await settled();
    expect(widened).toBe(1);
    // vtk.js's own upload: the whole volume in one write.
    expect((await texCalls()).writes.some((w) => w.z === 0 && w.depth === storage[0]?.depth)).toBe(true);
    whole = await sliceViewsAt(late.start + Math.floor(late.count / 2), 'one-chunk');
    wholeWindow = await autoWindow();
  } finally {
    await page.unroute('**/api/call/volumes.getChunk');
  }
  const diffs = (['axial', 'coronal', 'sagittal'] as const).map((view, i) => ({ view, diff: meanAbsDiff(streamed[i]!, whole[i]!) }));
  process.stdout.write(
    `Int16 streaming: chunks ${JSON.stringify(chunks)}; auto window ${JSON.stringify(streamedWindow!)}; texture ${JSON.stringify(storage)}; last chunk written as ${JSON.stringify(lateWrites)}; mean abs diff ${JSON.stringify(diffs)}\n`,
  );
  for (const { view, diff } of diffs) expect(diff, view).toBe(0);
  // The automatic window: from samples taken chunk by chunk when streamed (the voxels go only to the
  // texture), from the whole volume in the renderer when loaded in one chunk; the same samples.
  expect(streamedWindow!).not.toBeNull();
  expect(streamedWindow!).toEqual(wholeWindow!);
  expect(consoleErrors).toEqual([]);
});

test('where the voxels live only in the texture, losing the WebGL context fetches the volume again and draws it, the reader\'s view kept', async () => {
  test.setTimeout(240_000);
  await backToWorklist();
  await page.evaluate(() => ((globalThis as unknown as { __RADGROUND_VTK_OWN_UPLOAD__: boolean }).__RADGROUND_VTK_OWN_UPLOAD__ = false));
  const requests: Chunk[] = [];
  await page.route('**/api/call/volumes.getChunk', async (route) => {
    requests.push(JSON.parse(route.request().postData() ?? '{}') as Chunk);
    await route.continue();
  });
  try {
    await page.getByTestId('worklist-row').first().dblclick();
    await settled();
    // The reader has moved: 5 slices down, a window preset (lung), a length drawn.
    await page.evaluate(() => (globalThis as unknown as { __RADGROUND_VIEWER__: { scrollSlice(v: 'axial', d: number): void } }).__RADGROUND_VIEWER__.scrollSlice('axial', 5));
    await page.getByTestId('viewport-axial').click();
    await page.keyboard.press('1');
    await page.keyboard.press('m');
    const box = (await page.getByTestId('viewport-axial').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 4 });
    await page.mouse.up();
    await page.keyboard.press('Escape');
    await settled();
    type View = { crosshair: number[]; windowLevel: { center: number; width: number }; measurements: unknown[] };
    const view = () => page.evaluate(() => {
      const s = (globalThis as unknown as { __RADGROUND_VIEWER__: { snapshot(): View } }).__RADGROUND_VIEWER__.snapshot();
      return { crosshair: s.crosshair, windowLevel: s.windowLevel, measurements: s.measurements.length };
    });
    const viewBefore = await view();
    expect(viewBefore.windowLevel).toEqual({ center: -600, width: 1500 });
    expect(viewBefore.measurements).toBe(1);
    const before = await viewportShot(page, 'axial', { name: 'int16-before-context-loss' });
    const firstLoad = requests.length;
    expect(firstLoad).toBeGreaterThan(1);
    await page.evaluate(() => document.querySelector<HTMLCanvasElement>('[data-testid="viewer-canvas-host"] canvas')!.getContext('webgl2')!.getExtension('WEBGL_lose_context')!.loseContext());
    // The texture held the only copy of the voxels: every chunk is asked for again, and drawn.
    await expect.poll(() => requests.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2 * firstLoad);
    await settled();
    const after = await viewportShot(page, 'axial', { name: 'int16-after-context-loss' });
    expect(countNonBackground(after) / (after.width * after.height)).toBeGreaterThan(0.2);
    expect(meanAbsDiff(after, before)).toBe(0);
    expect(await view()).toEqual(viewBefore);
  } finally {
    await page.unroute('**/api/call/volumes.getChunk');
  }
});

test('with the voxels kept whole in the renderer (vtk.js uploads them), the streamed volume renders and windows as with the texture only', async () => {
  test.setTimeout(240_000);
  const open = async (ownUpload: boolean, name: string) => {
    await backToWorklist();
    await page.evaluate((own) => ((globalThis as unknown as { __RADGROUND_VTK_OWN_UPLOAD__: boolean }).__RADGROUND_VTK_OWN_UPLOAD__ = own), ownUpload);
    await resetTexCalls();
    await page.getByTestId('worklist-row').first().dblclick();
    await settled();
    const writes = (await texCalls()).writes;
    return { shots: await sliceViewsAt(40, name), window: await autoWindow(), writes };
  };
  const textureOnly = await open(false, 'texture-only');
  const whole = await open(true, 'kept-whole');
  // Kept whole: vtk.js's own first upload of the whole array (depth 64), then streamed chunks as updated extents.
  expect(whole.writes.some((w) => w.z === 0 && w.depth === 64)).toBe(true);
  expect(textureOnly.writes.every((w) => w.depth < 64)).toBe(true);
  for (const [i, view] of (['axial', 'coronal', 'sagittal'] as const).entries()) expect(meanAbsDiff(textureOnly.shots[i]!, whole.shots[i]!), view).toBe(0);
  expect(textureOnly.window).not.toBeNull();
  expect(textureOnly.window).toEqual(whole.window);
  await page.evaluate(() => ((globalThis as unknown as { __RADGROUND_VTK_OWN_UPLOAD__: boolean }).__RADGROUND_VTK_OWN_UPLOAD__ = false));
});
