import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../electron/cli/with-core';
import type { BrowserHost } from '../../../electron/host/browser-host';
import { callBinaryInto, createApiClient } from '../../../renderer/src/api/api-client';
import { createHttpTransport } from '../../../renderer/src/api/http-transport';
import { requireSharedData, sharedData } from '../../support/shared-data';
import { createTestCore } from '../../support/test-core';
import { bearerFetch, startTestHost } from '../../support/test-host';

const hasData = requireSharedData();

describe.skipIf(!hasData)('progressive volume channels: first slice, then chunks (real A0001 CT over HTTP)', () => {
  let env: Awaited<ReturnType<typeof createTestCore>>;
  let host: BrowserHost;
  let volumeId: string;
  let whole: Awaited<ReturnType<typeof call<'volumes.get'>>>;

  beforeAll(async () => {
    env = await createTestCore();
    const summary = await call(env.core, 'studies.import', { paths: [sharedData('ct', 'chest_lung_pet_ct_dx_A0001')] });
    volumeId = summary.volumes[0]!.volumeId;
    host = await startTestHost(env.core);
  });
  afterAll(async () => {
    await host.close();
    await env.dispose();
  });

  it('volumes.getSlice decodes the middle slice before any volume is built, equal to that slice of the volume', async () => {
    const api = createApiClient(createHttpTransport({ baseUrl: `http://127.0.0.1:${host.port}`, fetch: bearerFetch(host.token) }));
    const { meta, data } = await api['volumes.getSlice']({ volumeId });
    const [w, h, d] = meta.dims;
    expect(meta.k).toBe(Math.round((d - 1) / 2));
    expect(data.byteLength).toBe(w * h * 2);
    expect(meta.sliceWindow.width).toBeGreaterThan(0);
    whole = await call(env.core, 'volumes.get', { volumeId });
    expect(meta.dims).toEqual(whole.meta.dims);
    expect(meta.origin).toEqual(whole.meta.origin);
    const sliceBytes = w * h * 2;
    expect(Buffer.compare(Buffer.from(data), Buffer.from(whole.data.subarray(meta.k * sliceBytes, (meta.k + 1) * sliceBytes)))).toBe(0);
  });

  it('volumes.getChunk read from the response body straight into the destination its meta asks for, byte for byte', async () => {
    const transport = createHttpTransport({ baseUrl: `http://127.0.0.1:${host.port}`, fetch: bearerFetch(host.token) });
    const [w, h] = whole.meta.dims;
    const sliceBytes = w * h * 2;
    const volume = new Uint8Array(whole.data.byteLength);
    let asked: unknown = null;
    const meta = await callBinaryInto('volumes.getChunk', { volumeId, start: 20, count: 16 }, (m) => ((asked = m), volume.subarray(m.start * sliceBytes, (m.start + m.count) * sliceBytes)), transport);
    expect(meta).toMatchObject({ start: 20, count: 16, dataType: 'int16' });
    expect(asked).toEqual(meta);
    expect(Buffer.compare(Buffer.from(volume.subarray(20 * sliceBytes, 36 * sliceBytes)), Buffer.from(whole.data.subarray(20 * sliceBytes, 36 * sliceBytes)))).toBe(0);
    expect(volume.subarray(0, 20 * sliceBytes).every((b) => b === 0)).toBe(true);
    expect(volume.subarray(36 * sliceBytes).every((b) => b === 0)).toBe(true);
    // An error envelope still throws, with nothing written.
    await expect(callBinaryInto('volumes.getChunk', { volumeId: 'no-such-volume', start: 0, count: 1 }, () => new Uint8Array(0), transport)).rejects.toThrow(/volumes.getChunk/);
  });

  it('volumes.getChunk sends only the slices asked for (clipped to the volume), byte for byte', async () => {
    const api = createApiClient(createHttpTransport({ baseUrl: `http://127.0.0.1:${host.port}`, fetch: bearerFetch(host.token) }));
    const [w, h, d] = whole.meta.dims;
    const sliceBytes = w * h * 2;
    const { meta, data } = await api['volumes.getChunk']({ volumeId, start: 10, count: 16 });
    expect(meta).toMatchObject({ start: 10, count: 16, dims: whole.meta.dims, dataType: 'int16', scalarRange: whole.meta.scalarRange });
    expect(data.byteLength).toBe(16 * sliceBytes);
    expect(Buffer.compare(Buffer.from(data), Buffer.from(whole.data.subarray(10 * sliceBytes, 26 * sliceBytes)))).toBe(0);
    const tail = await api['volumes.getChunk']({ volumeId, start: d - 3, count: 16 });
    expect(tail.meta.count).toBe(3);
    expect(tail.data.byteLength).toBe(3 * sliceBytes);
  });

  it('an IPC caller gets a copy of the chunk alone, not a view of the whole volume', async () => {
    const { data } = await env.core.dispatch('volumes.getChunk', { volumeId, start: 0, count: 2 }, { transport: 'ipc' }).then((e) => {
      if (!e.ok) throw new Error(e.error.message);
      return e.value as { data: Uint8Array };
    });
    expect(data.buffer.byteLength).toBe(data.byteLength);
  });
});
