import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerIpcTransport } from '../../../electron/main/ipc-transport';
import { APP_ORIGIN } from '../../../electron/main/trusted-sender';
import { buildPreloadBridge } from '../../../electron/preload/build-preload-bridge';
import { apiContract, channelNames } from '../../../electron/shared/api/contract';
import { createFakeIpcPair } from '../../support/fake-ipc';
import { hostedTestCore } from '../../support/hosted-test-core';

/** Payloads no channel accepts: every request is a strict object. */
const MALFORMED: { label: string; payload: unknown }[] = [
  { label: 'null', payload: null },
  { label: 'a number', payload: 42 },
  { label: 'a string', payload: 'select * from studies' },
  { label: 'an array', payload: [1, 2, 3] },
  { label: 'an unknown field', payload: { __unexpected__: true } },
];

describe('malformed payloads are refused with BAD_REQUEST on every channel', () => {
  const t = hostedTestCore();

  it('declares every request as a strict object, so unknown fields cannot slip through', () => {
    for (const name of channelNames) {
      const request = apiContract[name].request as z.ZodType;
      expect(request, name).toBeInstanceOf(z.ZodObject);
      expect(request.safeParse({ __unexpected__: true }).success, name).toBe(false);
    }
  });

  for (const name of channelNames) {
    for (const { label, payload } of MALFORMED) {
      it(`${name} refuses ${label} over IPC and HTTP`, async () => {
        const pair = createFakeIpcPair({ url: `${APP_ORIGIN}/index.html`, parent: null });
        registerIpcTransport(pair.ipcMain, t.env.core.dispatch);
        const viaIpc = await buildPreloadBridge(pair.ipcRenderer).api[name](payload);
        expect(viaIpc).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

        const res = await fetch(`http://127.0.0.1:${t.host.port}/api/call/${name}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t.host.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(payload),
        });
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      });
    }
  }
});
