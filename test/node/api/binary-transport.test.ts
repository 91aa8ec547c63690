import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../electron/cli/with-core';
import type { BrowserHost } from '../../../electron/host/browser-host';
import { registerIpcTransport } from '../../../electron/main/ipc-transport';
import { APP_ORIGIN } from '../../../electron/main/trusted-sender';
import { buildPreloadBridge } from '../../../electron/preload/build-preload-bridge';
import { BINARY_FRAME_CONTENT_TYPE } from '../../../electron/shared/api/binary-frame';
import { createApiClient } from '../../../renderer/src/api/api-client';
import { createHttpTransport } from '../../../renderer/src/api/http-transport';
import { createIpcTransport } from '../../../renderer/src/api/ipc-transport';
import { createFakeIpcPair } from '../../support/fake-ipc';
import { requireSharedData, sharedData } from '../../support/shared-data';
import { createTestCore } from '../../support/test-core';
import { bearerFetch, startTestHost } from '../../support/test-host';

const hasData = requireSharedData();

describe.skipIf(!hasData)('volumes travel as binary over both transports (real A0001 CT)', () => {
  let env: Awaited<ReturnType<typeof createTestCore>>;
  let host: BrowserHost;
  let volumeId: string;
  let expected: Uint8Array;

  beforeAll(async () => {
    env = await createTestCore();
    const summary = await call(env.core, 'studies.import', { paths: [sharedData('ct', 'chest_lung_pet_ct_dx_A0001')] });
    volumeId = summary.volumes[0]!.volumeId;
    expected = (await call(env.core, 'volumes.get', { volumeId })).data;
    host = await startTestHost(env.core);
  });
  afterAll(async () => {
    await host.close();
    await env.dispose();
  });

  it('HTTP: a framed octet body (not JSON), 8-byte aligned, identical bytes', async () => {
    const raw = await fetch(`http://127.0.0.1:${host.port}/api/call/volumes.get`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}` },
      body: JSON.stringify({ volumeId }),
    });
    expect(raw.headers.get('content-type')).toBe(BINARY_FRAME_CONTENT_TYPE);
    // A JSON number array of these voxels would be several times larger than the raw bytes.
    expect(Number(raw.headers.get('content-length'))).toBeLessThan(expected.byteLength + 64 * 1024);
    await raw.arrayBuffer();

    const api = createApiClient(createHttpTransport({ baseUrl: `http://127.0.0.1:${host.port}`, fetch: bearerFetch(host.token) }));
    const { meta, data } = await api['volumes.get']({ volumeId });
    expect(meta.dims).toEqual([512, 512, 64]);
    expect(data.byteOffset % 8).toBe(0);
    const voxels = new Int16Array(data.buffer, data.byteOffset, data.byteLength / 2);
    expect(Buffer.compare(Buffer.from(data), Buffer.from(expected))).toBe(0);
    expect(voxels.length).toBe(512 * 512 * 64);
  });

  it('IPC: a Uint8Array through structured clone, identical bytes', async () => {
    const pair = createFakeIpcPair({ url: `${APP_ORIGIN}/index.html`, parent: null });
    registerIpcTransport(pair.ipcMain, env.core.dispatch);
    const api = createApiClient(createIpcTransport(buildPreloadBridge(pair.ipcRenderer)));
    const { meta, data } = await api['volumes.get']({ volumeId });
    expect(meta.dataType).toBe('int16');
    expect(data).toBeInstanceOf(Uint8Array);
    expect(Buffer.compare(Buffer.from(data), Buffer.from(expected))).toBe(0);
  });

  it('an unknown volume is a typed NOT_FOUND on both transports', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/api/call/volumes.get`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}` },
      body: JSON.stringify({ volumeId: '1.2.3.4' }),
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
