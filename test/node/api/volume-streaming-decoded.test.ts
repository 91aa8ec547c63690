// volumes.getChunk before any volume is built: a plain stack's chunks are decoded by themselves
// (no whole volume in the host), and must equal the built volume's slices, voxel type and scalar
// range; a tilted or compressed stack falls back to building (and caching) its volume.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../electron/cli/with-core';
import { demoStudiesDir, ensureDemoStudies } from '../../../electron/core/demo';
import type { BrowserHost } from '../../../electron/host/browser-host';
import { createApiClient } from '../../../renderer/src/api/api-client';
import { createHttpTransport } from '../../../renderer/src/api/http-transport';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';
import { createTestCore } from '../../support/test-core';
import { bearerFetch, startTestHost } from '../../support/test-host';

const hasData = requireSharedData();

describe.skipIf(!hasData)(`volumes.getChunk without a built volume (${hasData ? 'A0001, the demo CT, a JPEG 2000 CT, the gantry-tilt CT' : NO_SHARED_DATA_REASON})`, () => {
  let env: Awaited<ReturnType<typeof createTestCore>>;
  let host: BrowserHost;
  beforeAll(async () => {
    env = await createTestCore();
    host = await startTestHost(env.core);
  });
  afterAll(async () => {
    await host.close();
    await env.dispose();
  });

  /** Every chunk of `step` slices over HTTP (last first, then from 0; one after the other or all at once), then the whole volume. */
  async function streamThenWhole(dir: string, step: number, atOnce = false, core = env, server = host) {
    const summary = await call(core.core, 'studies.import', { paths: [dir.startsWith('/') ? dir : sharedData('ct', dir)] });
    const volumeId = summary.volumes[0]!.volumeId;
    const api = createApiClient(createHttpTransport({ baseUrl: `http://127.0.0.1:${server.port}`, fetch: bearerFetch(server.token) }));
    const first = await api['volumes.getChunk']({ volumeId, start: 0, count: 1 });
    const d = first.meta.dims[2];
    const starts = [Math.floor((d - 1) / step) * step];
    for (let s = 0; s < d; s += step) if (s !== starts[0]) starts.push(s);
    const get = (start: number) => api['volumes.getChunk']({ volumeId, start, count: step });
    const chunks = [];
    if (atOnce) chunks.push(...(await Promise.all(starts.map(get))));
    else for (const start of starts) chunks.push(await get(start));
    const builtDuringStreaming = core.core.volumes.cachedVolumeIds().includes(volumeId);
    const whole = await call(core.core, 'volumes.get', { volumeId });
    return { volumeId, chunks, whole, builtDuringStreaming };
  }

  function expectSlicesOfWhole({ chunks, whole }: Awaited<ReturnType<typeof streamThenWhole>>) {
    const [w, h, d] = whole.meta.dims;
    const sliceBytes = (whole.data.byteLength / (w * h * d)) * w * h;
    let covered = 0;
    for (const { meta, data } of chunks) {
      expect(meta).toMatchObject({ dims: whole.meta.dims, dataType: whole.meta.dataType, scalarRange: whole.meta.scalarRange });
      expect(data.byteLength).toBe(meta.count * sliceBytes);
      expect(Buffer.compare(Buffer.from(data), Buffer.from(whole.data.subarray(meta.start * sliceBytes, (meta.start + meta.count) * sliceBytes)))).toBe(0);
      covered += meta.count;
    }
    expect(covered).toBe(d);
  }

  it('A0001 (Int16): chunks decoded by themselves equal the built volume, and no volume is built while streaming', async () => {
    const r = await streamThenWhole('chest_lung_pet_ct_dx_A0001', 16);
    expect(r.whole.meta.dataType).toBe('int16');
    expect(r.builtDuringStreaming).toBe(false);
    expectSlicesOfWhole(r);
  });

  it('A0001 again in a fresh core, its chunks asked for all at once: the same', async () => {
    const fresh = await createTestCore();
    const freshHost = await startTestHost(fresh.core);
    try {
      const r = await streamThenWhole('chest_lung_pet_ct_dx_A0001', 5, true, fresh, freshHost);
      expect(r.builtDuringStreaming).toBe(false);
      expectSlicesOfWhole(r);
    } finally {
      await freshHost.close();
      await fresh.dispose();
    }
  });

  it('the generated demo CT (Float32 voxels): the same', async () => {
    await ensureDemoStudies(env.dataDir);
    const r = await streamThenWhole(join(demoStudiesDir(env.dataDir), 'current'), 16);
    expect(r.whole.meta.dataType).toBe('float32');
    expect(r.builtDuringStreaming).toBe(false);
    expectSlicesOfWhole(r);
  });

  it('a JPEG 2000 CT (decoding it twice would double its time) is built whole by its first chunk', async () => {
    const r = await streamThenWhole('upper_abdomen_j2k', 7);
    expect(r.builtDuringStreaming).toBe(true);
    expectSlicesOfWhole(r);
  });

  it('the gantry-tilt CT (sheared in-plane) is built whole by its first chunk, and its chunks are views of it', async () => {
    const r = await streamThenWhole('head_gantry_tilt', 10);
    expect(r.builtDuringStreaming).toBe(true);
    expectSlicesOfWhole(r);
  });
});
