/**
 * The persistent send queue against a real Orthanc: a send whose Orthanc is killed while the
 * request is in flight stays queued with its error and a backoff, survives closing the app, and
 * completes by itself after Orthanc restarts and the app starts again; closing the app mid-send
 * does not count as an attempt; an addendum through the API is queued for the send-after-signing
 * node as a new version.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { createLogger } from '../../../electron/core/logging/logger';
import { searchSeries } from '../../../electron/core/pacs';
import { call } from '../../../electron/cli/with-core';
import type { PacsSendView } from '../../../electron/shared/api/channels/pacs-channels';
import { requireOrthanc, startOrthanc, type TestOrthanc } from '../../support/orthanc';
import { projectRoot, requireSharedData } from '../../support/shared-data';
import { signedA0001Report } from '../../support/signed-a0001';
import { join } from 'node:path';

const STUDY = '1.3.6.1.4.1.14519.5.2.1.6655.2359.165554066086145834377508507990';

async function until<T>(what: string, get: () => T | Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!(requireSharedData() && requireOrthanc()))('PACS send queue with a real Orthanc', () => {
  let orthanc: TestOrthanc;
  let fixture: Awaited<ReturnType<typeof signedA0001Report>>;
  const open = () => createAppCore({ dataDir: fixture.dataDir, logger: createLogger({ write: () => {} }), modelsDir: join(projectRoot, 'native-models') });
  const sendsOf = async (core: AppCore) => (await call(core, 'pacs.sends', { reportId: fixture.reportId })).sends;
  const byNode = (sends: PacsSendView[], nodeId: string) => sends.find((s) => s.nodeId === nodeId);

  beforeAll(async () => {
    [orthanc, fixture] = await Promise.all([startOrthanc(), signedA0001Report()]);
  });
  afterAll(async () => {
    orthanc?.resume();
    await orthanc?.stop();
    if (fixture) rmSync(fixture.dataDir, { recursive: true, force: true });
  });

  it('Orthanc killed during a send: the send stays queued with its error, and completes after Orthanc and the app restart', async () => {
    let core = await open();
    await call(core, 'pacs.nodes.save', { node: { id: 'orthanc', name: 'Test Orthanc', url: orthanc.dicomWeb, auth: { kind: 'none' }, sendAfterSigning: false } });
    orthanc.pause();
    const queued = await call(core, 'pacs.send', { reportId: fixture.reportId, nodeId: 'orthanc' });
    expect(queued.status).toBe('queued');
    await until('the send in flight', () => sendsOf(core), (s) => byNode(s, 'orthanc')?.status === 'sending');
    await orthanc.kill();
    const failed = await until('the failed attempt', () => sendsOf(core), (s) => byNode(s, 'orthanc')?.attempts === 1);
    const send = byNode(failed, 'orthanc')!;
    expect(send.status).toBe('queued');
    expect(send.lastError).toMatch(/ECONNRESET|socket hang up|ECONNREFUSED|EPIPE/);
    // Backoff: the first retry is 5 s after the failure, not at once.
    expect(Date.parse(send.nextAttemptAt) - Date.parse(send.updatedAt)).toBe(5_000);
    expect(send.sent).toEqual([]);
    await core.close(); // the app is closed with the send still queued

    await orthanc.restart();
    core = await open();
    try {
      const done = await until('the resumed send', () => sendsOf(core), (s) => byNode(s, 'orthanc')?.status === 'sent');
      const sent = byNode(done, 'orthanc')!;
      expect(sent.attempts).toBe(2);
      expect(sent.lastError).toBeNull();
      expect(sent.sent.map((x) => x.sopClassUid).sort()).toEqual(['1.2.840.10008.5.1.4.1.1.66.4', '1.2.840.10008.5.1.4.1.1.88.34']);
      const series = await searchSeries({ url: orthanc.dicomWeb, auth: { kind: 'none' } }, STUDY);
      expect(series.map((s) => s.modality).sort()).toEqual(['SEG', 'SR']);
    } finally {
      await core.close();
    }
  });

  it('closing the app mid-send leaves the send queued without counting an attempt; the next start sends it', async () => {
    let core = await open();
    await call(core, 'pacs.nodes.save', { node: { id: 'second', name: 'Same Orthanc again', url: orthanc.dicomWeb, auth: { kind: 'none' }, sendAfterSigning: false } });
    orthanc.pause();
    await call(core, 'pacs.send', { reportId: fixture.reportId, nodeId: 'second' });
    await until('the send in flight', () => sendsOf(core), (s) => byNode(s, 'second')?.status === 'sending');
    await core.close();
    orthanc.resume();
    core = await open();
    try {
      const done = await until('the resumed send', () => sendsOf(core), (s) => byNode(s, 'second')?.status === 'sent');
      expect(byNode(done, 'second')!.attempts).toBe(1);
    } finally {
      await core.close();
    }
  });

  it('an addendum signed through the API is queued for every send-after-signing node as a new version, and sent', async () => {
    const core = await open();
    try {
      await call(core, 'pacs.nodes.save', { node: { id: 'orthanc', name: 'Test Orthanc', url: orthanc.dicomWeb, auth: { kind: 'none' }, sendAfterSigning: true } });
      const before = (await sendsOf(core)).length;
      await call(core, 'reports.addAddendum', { reportId: fixture.reportId, text: 'Addendum: compared with outside images, no change.', author: 'Jane Reader' });
      const sends = await until('the addendum send', () => sendsOf(core), (s) => s.length === before + 1 && s[0]!.status === 'sent');
      expect(sends[0]!.nodeId).toBe('orthanc');
      expect(sends.filter((s) => s.nodeId === 'orthanc').map((s) => s.contentHash)).toHaveLength(2);
    } finally {
      await core.close();
    }
  });

  it('a node whose token is not held refuses to send with AUTH; nodes never store secrets on disk', async () => {
    const core = await open();
    try {
      const nodes = await call(core, 'pacs.nodes.save', { node: { id: 'secure', name: 'Token node', url: orthanc.dicomWeb, auth: { kind: 'bearer' }, sendAfterSigning: false }, secret: 's3cret-token' });
      expect(nodes.nodes.find((n) => n.id === 'secure')!.hasSecret).toBe(true);
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(join(fixture.dataDir, 'pacs-nodes.json'), 'utf8')).not.toContain('s3cret-token');
    } finally {
      await core.close();
    }
    const again = await open();
    try {
      expect((await call(again, 'pacs.nodes.list', {})).nodes.find((n) => n.id === 'secure')!.hasSecret).toBe(false);
      await expect(call(again, 'pacs.send', { reportId: fixture.reportId, nodeId: 'secure' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    } finally {
      await again.close();
    }
  });
});
