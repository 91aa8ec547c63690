import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../electron/cli/with-core';
import type { BrowserHost } from '../../../electron/host/browser-host';
import { registerIpcTransport } from '../../../electron/main/ipc-transport';
import { APP_ORIGIN } from '../../../electron/main/trusted-sender';
import { buildPreloadBridge } from '../../../electron/preload/build-preload-bridge';
import { createApiClient } from '../../../renderer/src/api/api-client';
import { createHttpTransport } from '../../../renderer/src/api/http-transport';
import { createIpcTransport } from '../../../renderer/src/api/ipc-transport';
import { decodePng } from '../../e2e/viewer/support/png';
import { makeColorDicom, type ColorDicom } from '../../support/color-dicom';
import { hasDcmtk, NO_DCMTK_REASON } from '../../support/dcmtk';
import { createFakeIpcPair } from '../../support/fake-ipc';
import { requireSharedData, sharedData } from '../../support/shared-data';
import { createTestCore } from '../../support/test-core';
import { bearerFetch, startTestHost } from '../../support/test-host';

const hasData = requireSharedData();
if (hasData && !hasDcmtk) console.warn(`color images skipped: ${NO_DCMTK_REASON}`);

/** Issue 14.2: color images reach the screen through `images.rgb` (both transports) and the series thumbnail. */
describe.skipIf(!hasData || (!hasDcmtk && process.env.CI !== 'true'))('color images (RGB secondary capture made from a real CT slice)', () => {
  let env: Awaited<ReturnType<typeof createTestCore>>;
  let host: BrowserHost;
  let dir: string;
  let color: ColorDicom;
  let volumeId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radground-color-'));
    color = makeColorDicom(sharedData('ct', 'chest_lung_pet_ct_dx_A0001', '1-30.dcm'), dir);
    env = await createTestCore();
    const summary = await call(env.core, 'studies.import', { paths: [color.file] });
    expect(summary.rejected).toEqual([]);
    volumeId = summary.volumes[0]!.volumeId;
    host = await startTestHost(env.core);
  });
  afterAll(async () => {
    await host?.close();
    await env?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  function expectStoredColors(data: Uint8Array): void {
    expect(data.length).toBe(color.rows * color.columns * 3);
    let mismatches = 0;
    for (let y = 0; y < color.rows; y += 7) {
      for (let x = 0; x < color.columns; x += 5) {
        const o = (y * color.columns + x) * 3;
        const [r, g, b] = color.expected(x, y);
        if (data[o] !== r || data[o + 1] !== g || data[o + 2] !== b) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  }

  it('the series opens in the 2D viewer as RGB; volumes.get refuses it, images.rgb gives its exact colors', async () => {
    const display = await call(env.core, 'volumes.display', { volumeId });
    expect(display).toMatchObject({ viewer: 'projection', samplesPerPixel: 3, photometricInterpretation: 'RGB' });
    await expect(call(env.core, 'volumes.get', { volumeId })).rejects.toThrow(/color|grey/);
    const { meta, data } = await call(env.core, 'images.rgb', { volumeId, index: 0 });
    expect(meta).toEqual({ rows: color.rows, columns: color.columns, bits: 8, photometricInterpretation: 'RGB' });
    expectStoredColors(data);
    await expect(call(env.core, 'images.rgb', { volumeId, index: 1 })).rejects.toThrow(/no image 1/);
  });

  it('travels as binary over HTTP and IPC, with the same bytes', async () => {
    const http = createApiClient(createHttpTransport({ baseUrl: `http://127.0.0.1:${host.port}`, fetch: bearerFetch(host.token) }));
    expectStoredColors((await http['images.rgb']({ volumeId, index: 0 })).data);
    const pair = createFakeIpcPair({ url: `${APP_ORIGIN}/index.html`, parent: null });
    registerIpcTransport(pair.ipcMain, env.core.dispatch);
    const ipc = createApiClient(createIpcTransport(buildPreloadBridge(pair.ipcRenderer)));
    const { data } = await ipc['images.rgb']({ volumeId, index: 0 });
    expect(data).toBeInstanceOf(Uint8Array);
    expectStoredColors(data);
  });

  it('the series thumbnail is in color: each thumbnail pixel is the color of the image pixel it samples', async () => {
    const { meta, data } = await call(env.core, 'volumes.thumbnail', { volumeId });
    const png = decodePng(Buffer.from(data));
    expect([png.width, png.height]).toEqual([meta.width, meta.height]);
    const scale = meta.width / color.columns;
    let colored = 0;
    for (let y = 0; y < png.height; y += 3) {
      for (let x = 0; x < png.width; x += 3) {
        const o = (y * png.width + x) * 4;
        const expected = color.expected(Math.floor(x / scale), Math.floor(y / scale));
        expect([png.data[o], png.data[o + 1], png.data[o + 2]]).toEqual(expected);
        if (expected[0] !== expected[1]) colored++;
      }
    }
    expect(colored).toBeGreaterThan(100);
  });

  it('shapes on a color image: lengths in px without pixel spacing; ROI statistics of the luminance', async () => {
    const length = await call(env.core, 'regions.addImageShape', { volumeId, k: 0, shape: 'length', points: [[100, 200], [400, 200]] });
    expect(length.text).toBe('300 px (no pixel spacing)');
    const box = await call(env.core, 'regions.addImageShape', { volumeId, k: 0, shape: 'rectangle', points: [[200, 180], [320, 300]] });
    let n = 0;
    let sum = 0;
    for (let y = 180; y <= 300; y++) {
      for (let x = 200; x <= 320; x++) {
        const [r, g, b] = color.expected(x, y);
        sum += 0.299 * r + 0.587 * g + 0.114 * b;
        n++;
      }
    }
    expect(box.stats!.pixelCount).toBe(n);
    expect(box.stats!.mean).toBeCloseTo(sum / n, 3);
    expect(box.text).toMatch(/luminance mean \d+, SD \d+$/);
    expect(box.region.meanHu).toBeNull();
  });

  it('a grey image is refused by images.rgb with the reason', async () => {
    const ct = await call(env.core, 'studies.import', { paths: [sharedData('ct', 'chest_lung_pet_ct_dx_A0001', '1-30.dcm')] });
    await expect(call(env.core, 'images.rgb', { volumeId: ct.volumes[0]!.volumeId, index: 0 })).rejects.toThrow(/grey-scale/);
  });
});
