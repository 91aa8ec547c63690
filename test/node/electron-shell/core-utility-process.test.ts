// The desktop app's core in its own process (issue 13): the real utility entry, bundled as the
// app bundles it, runs in a Node child under a parentPort adapter (Electron's utilityProcess is
// not available here); main's router and IPC registration talk to it over the port.
import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreRouter, registerRoutedIpc, type CoreRouter } from '../../../electron/main/core-router';
import type { ApiEnvelope } from '../../../electron/shared/api/envelope';
import type { ApiEvent } from '../../../electron/shared/api/events';
import { startCoreUtilityChild, type CoreUtilityChild } from '../../support/core-utility-child';
import { createFakeIpcPair } from '../../support/fake-ipc';
import { pingStats } from '../../support/pinger';
import { projectRoot, requireSharedData, sharedData } from '../../support/shared-data';

const hasData = requireSharedData();
const trustedFrame = { url: 'app://radground/index.html', parent: null };

describe.skipIf(!hasData)('the core in a utility process, reached through main’s router', () => {
  let dataDir: string;
  let utility: CoreUtilityChild;
  let router: CoreRouter;
  /** Every message main posted to the core (to see what never left main). */
  const posted: unknown[] = [];
  const events: ApiEvent[] = [];
  let volumeId: string;
  let dims: [number, number, number];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'radground-utility-'));
    utility = await startCoreUtilityChild({ dataDir, modelsDir: join(projectRoot, 'native-models'), demo: false });
    const send = utility.port.postMessage;
    router = createCoreRouter({ ...utility.port, postMessage: (m, t) => (posted.push(m), send(m, t)) });
    router.onEvent((e) => events.push(e));
    await router.ready;
  }, 60_000);
  afterAll(async () => {
    await utility?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const unwrap = <T>(envelope: ApiEnvelope<unknown>): T => {
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
    return envelope.value as T;
  };

  it('imports a shared series through the renderer’s IPC path, with its progress events', async () => {
    const { ipcMain, ipcRenderer } = createFakeIpcPair(trustedFrame);
    registerRoutedIpc(ipcMain, router);
    const envelope = (await ipcRenderer.invoke('radground:studies.import', { paths: [sharedData('ct', 'chest_lung_pet_ct_dx_A0001')] })) as ApiEnvelope<unknown>;
    const summary = unwrap<{ volumes: { volumeId: string; dims: [number, number, number] }[] }>(envelope);
    volumeId = summary.volumes[0]!.volumeId;
    dims = summary.volumes[0]!.dims;
    expect(dims).toEqual([512, 512, 64]);
    const progress = events.filter((e) => e.type === 'import.progress');
    expect(progress.map((e) => e.phase)).toContain('done');
    expect(events.some((e) => e.type === 'studies.changed')).toBe(true);
  });

  it('a cancelled call answers CANCELLED, the late result is dropped, and the core goes on serving', async () => {
    const controller = new AbortController();
    // The first whole-volume read decodes 64 files: it is still running when the cancel arrives.
    const pending = router.call('volumes.get', { volumeId }, controller.signal);
    controller.abort();
    const envelope = await pending;
    expect(envelope).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(posted.at(-1)).toMatchObject({ type: 'cancel' });
    expect(unwrap<{ nonce: string }>(await router.call('app.ping', { nonce: 'after-cancel' })).nonce).toBe('after-cancel');
  });

  it('an analysis whose window is destroyed is cancelled in the core (its run is recorded cancelled)', async () => {
    const { ipcMain, handlers } = createFakeIpcPair(trustedFrame);
    registerRoutedIpc(ipcMain, router);
    const sender = new EventEmitter();
    const started = new Promise<void>((resolve) => {
      const stop = router.onEvent((e) => e.type === 'analysis.progress' && e.phase === 'preprocess' && (stop(), resolve()));
    });
    const answer = handlers.get('radground:analysis.run')!({ senderFrame: trustedFrame, sender } as never, { volumeId }) as Promise<ApiEnvelope<unknown>>;
    await started;
    sender.emit('destroyed');
    expect(await answer).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(sender.listenerCount('destroyed')).toBe(0);
    const db = new Database(join(dataDir, 'radground.sqlite'), { readonly: true });
    try {
      const statusOfLastRun = () => (db.prepare('SELECT status FROM model_runs ORDER BY id DESC LIMIT 1').get() as { status: string } | undefined)?.status;
      for (let i = 0; i < 300 && statusOfLastRun() === 'running'; i++) await new Promise((r) => setTimeout(r, 100));
      expect(statusOfLastRun()).toBe('cancelled');
    } finally {
      db.close();
    }
  }, 60_000);

  it('volumes come back as bytes: a chunk is exactly its slices (the decoded slice k agrees), the whole volume its voxels', async () => {
    const sliceBytes = dims[0] * dims[1] * 2;
    const chunk = unwrap<{ meta: { start: number; count: number; dataType: string }; data: Uint8Array }>(
      await router.call('volumes.getChunk', { volumeId, start: 10, count: 3 }),
    );
    expect(chunk.meta).toMatchObject({ start: 10, count: 3, dataType: 'int16' });
    expect(chunk.data).toBeInstanceOf(Uint8Array);
    // Only the chunk's bytes crossed, not the cached volume's buffer behind the core's view.
    expect(chunk.data.byteLength).toBe(3 * sliceBytes);
    expect(chunk.data.buffer.byteLength).toBeLessThan(4 * sliceBytes);
    const slice = unwrap<{ meta: { k: number }; data: Uint8Array }>(await router.call('volumes.getSlice', { volumeId, k: 11 }));
    expect(slice.meta.k).toBe(11);
    expect(Buffer.from(slice.data).equals(Buffer.from(chunk.data.subarray(sliceBytes, 2 * sliceBytes)))).toBe(true);
    const whole = unwrap<{ data: Uint8Array }>(await router.call('volumes.get', { volumeId }));
    expect(whole.data.byteLength).toBe(64 * sliceBytes);
    expect(Buffer.from(whole.data.subarray(10 * sliceBytes, 13 * sliceBytes)).equals(Buffer.from(chunk.data))).toBe(true);
  });

  it('main answers an untrusted sender FORBIDDEN and a malformed payload BAD_REQUEST without reaching the core', async () => {
    const untrusted = createFakeIpcPair({ url: 'https://evil.example/index.html', parent: null });
    registerRoutedIpc(untrusted.ipcMain, router);
    const iframe = createFakeIpcPair({ url: 'app://radground/index.html', parent: {} });
    registerRoutedIpc(iframe.ipcMain, router);
    const trusted = createFakeIpcPair(trustedFrame);
    registerRoutedIpc(trusted.ipcMain, router);
    const before = posted.length;
    expect(await untrusted.ipcRenderer.invoke('radground:app.ping', { nonce: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await iframe.ipcRenderer.invoke('radground:app.ping', { nonce: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const bad of [{ volumeId: '1.2; drop table', start: 0, count: 1 }, { volumeId, start: -1, count: 1 }, { volumeId, start: 0, count: 1, extra: true }, 'text', null]) {
      expect(await trusted.ipcRenderer.invoke('radground:volumes.getChunk', bad), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(await router.call('no.such.channel', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(posted.length).toBe(before);
  });

  it('the core answers a message that is not of the wire format BAD_REQUEST (it never throws)', async () => {
    const answer = new Promise<unknown>((resolve) => {
      const stop = utility.port.onMessage((m) => {
        if ((m as { id?: number }).id === 987_654) {
          stop();
          resolve(m);
        }
      });
    });
    utility.port.postMessage({ type: 'request', id: 987_654, channel: 42, payload: {} });
    expect(await answer).toMatchObject({ type: 'response', id: 987_654, envelope: { ok: false, error: { code: 'BAD_REQUEST' } } });
    expect(unwrap<{ nonce: string }>(await router.call('app.ping', { nonce: 'still-here' })).nonce).toBe('still-here');
  });

  it('stall guard: app.ping every 20 ms through the router during analysis.run never waits 1 s', async () => {
    const latencies: number[] = [];
    let running = true;
    const pinger = (async () => {
      for (let n = 0; running; n++) {
        const t0 = performance.now();
        unwrap(await router.call('app.ping', { nonce: `p${n}` }));
        const ms = performance.now() - t0;
        latencies.push(ms);
        await new Promise((r) => setTimeout(r, Math.max(0, 20 - ms)));
      }
    })();
    const result = unwrap<{ regions: { kind: string }[] }>(await router.call('analysis.run', { volumeId }));
    running = false;
    await pinger;
    expect(result.regions.some((r) => r.kind === 'finding')).toBe(true);
    expect(latencies.length).toBeGreaterThan(20);
    expect(pingStats(latencies).max).toBeLessThan(1000);
  }, 120_000);
});
