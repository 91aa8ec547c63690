import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerIpcTransport } from '../../../electron/main/ipc-transport';
import { APP_ORIGIN } from '../../../electron/main/trusted-sender';
import { buildPreloadBridge } from '../../../electron/preload/build-preload-bridge';
import { channelNames, ipcChannelFor, IPC_EVENT_CHANNEL } from '../../../electron/shared/api/contract';
import { ApiCallError } from '../../../electron/shared/api/envelope';
import type { ApiEvent } from '../../../electron/shared/api/events';
import { createApiClient } from '../../../renderer/src/api/api-client';
import { createIpcTransport } from '../../../renderer/src/api/ipc-transport';
import { createFakeIpcPair } from '../../support/fake-ipc';
import { createTestCore } from '../../support/test-core';

describe('contract over Electron IPC (fake ipcMain/ipcRenderer)', () => {
  let env: Awaited<ReturnType<typeof createTestCore>>;
  beforeEach(async () => {
    env = await createTestCore();
  });
  afterEach(async () => env.dispose());

  function connect(frameUrl: string, parent: unknown | null = null) {
    const pair = createFakeIpcPair({ url: frameUrl, parent });
    const unregister = registerIpcTransport(pair.ipcMain, env.core.dispatch);
    const bridge = buildPreloadBridge(pair.ipcRenderer);
    return { pair, unregister, bridge, api: createApiClient(createIpcTransport(bridge)) };
  }

  it('registers exactly one handler per contract channel and removes them all', () => {
    const { pair, unregister } = connect(`${APP_ORIGIN}/index.html`);
    expect([...pair.handlers.keys()].sort()).toEqual(channelNames.map(ipcChannelFor).sort());
    unregister();
    expect(pair.handlers.size).toBe(0);
  });

  it('round-trips typed calls from the renderer client to the core', async () => {
    const { api, bridge } = connect(`${APP_ORIGIN}/index.html`);
    expect(Object.keys(bridge.api).sort()).toEqual([...channelNames].sort());
    const info = await api['app.getInfo']({});
    expect(info).toMatchObject({ name: 'RadGround', transport: 'ipc', dataDir: env.dataDir });
    const pong = await api['app.ping']({ nonce: 'abc' });
    expect(pong.nonce).toBe('abc');
    expect(Number.isNaN(Date.parse(pong.serverTime))).toBe(false);
  });

  it('refuses calls from an iframe or a foreign origin with FORBIDDEN', async () => {
    for (const { url, parent } of [
      { url: `${APP_ORIGIN}/index.html`, parent: {} },
      { url: 'https://evil.example/index.html', parent: null },
      { url: 'file:///tmp/index.html', parent: null },
    ]) {
      const { api, unregister } = connect(url, parent);
      const error = await api['app.ping']({ nonce: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiCallError);
      expect((error as ApiCallError).code).toBe('FORBIDDEN');
      unregister();
    }
  });

  it('delivers core events to the renderer through the preload', () => {
    const { pair, bridge } = connect(`${APP_ORIGIN}/index.html`);
    const received: ApiEvent[] = [];
    const stop = bridge.onEvent((e) => received.push(e));
    env.core.events.subscribe((e) => pair.sendToRenderer(IPC_EVENT_CHANNEL, e));
    env.core.events.publish({ type: 'studies.changed' });
    stop();
    env.core.events.publish({ type: 'studies.changed' });
    expect(received).toEqual([{ type: 'studies.changed' }]);
  });
});
