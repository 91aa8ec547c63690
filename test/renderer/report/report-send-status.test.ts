/**
 * The report panel's PACS send lines as rendered: one line per node from pacs.sends, updated when
 * the queue's pacs.sends.changed events arrive, "Retry now" on a failed send calling pacs.retrySend.
 */
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PacsNodeView, PacsSendView } from '../../../electron/shared/api/channels/pacs-channels';
import type { ApiEvent } from '../../../electron/shared/api/events';
import { installTransportForTests } from '../../../renderer/src/api/api-client';
import { formatLocalTime } from '../../../renderer/src/report/local-time';
import ReportSendStatus from '../../../renderer/src/report/ReportSendStatus.vue';
import { pacsSend } from './support/pacs-send';

const nodes: PacsNodeView[] = [
  { id: 'main', name: 'Main PACS', url: 'https://pacs.example/dicom-web', auth: { kind: 'none' }, sendAfterSigning: true, hasSecret: false },
  { id: 'dead', name: 'Old PACS', url: 'https://old.example/dicom-web', auth: { kind: 'none' }, sendAfterSigning: true, hasSecret: false },
];
const row = (id: number, nodeId: string, over: Partial<PacsSendView> = {}): PacsSendView => pacsSend({ id, nodeId, ...over });

describe('ReportSendStatus', () => {
  let sends: PacsSendView[];
  let calls: { channel: string; payload: unknown }[];
  let listeners: ((e: ApiEvent) => void)[];
  const emit = (e: ApiEvent) => listeners.forEach((l) => l(e));

  beforeEach(() => {
    sends = [row(1, 'main'), row(2, 'dead')];
    calls = [];
    listeners = [];
    installTransportForTests({
      kind: 'http',
      async invoke(channel, payload) {
        calls.push({ channel, payload });
        if (channel === 'pacs.sends') return { ok: true, value: { sends: structuredClone(sends) } };
        if (channel === 'pacs.nodes.list') return { ok: true, value: { nodes } };
        if (channel === 'pacs.retrySend') {
          const s = sends.find((x) => x.id === (payload as { id: number }).id)!;
          s.status = 'queued';
          return { ok: true, value: s };
        }
        return { ok: false, error: { code: 'NOT_FOUND', message: channel } };
      },
      subscribe(listener) {
        listeners.push(listener);
        return () => (listeners = listeners.filter((l) => l !== listener));
      },
      importPathsForFiles: async () => [],
    });
  });

  const lines = (w: ReturnType<typeof mount>) =>
    w.findAll('[data-testid="send-row"]').map((r) => `${r.attributes('data-state')}: ${r.findAll('span, button').map((e) => e.text()).join(' | ')}`);

  it('shows each node, follows the queue live, and keeps a send that keeps failing visible with "Retry now"', async () => {
    const w = mount(ReportSendStatus, { props: { reportId: 'r1' } });
    await flushPromises();
    expect(calls.find((c) => c.channel === 'pacs.sends')?.payload).toEqual({ reportId: 'r1' });
    expect(lines(w)).toEqual(['queued: Main PACS | queued', 'queued: Old PACS | queued']);

    sends = [row(1, 'main', { status: 'sent', attempts: 1, updatedAt: '2026-12-07T10:00:03.000Z' }), row(2, 'dead', { attempts: 1, lastError: 'connect ECONNREFUSED 127.0.0.1:9', nextAttemptAt: '2026-12-07T10:00:08.000Z' })];
    emit({ type: 'pacs.sends.changed', id: 1, status: 'sent' });
    await flushPromises();
    expect(lines(w)).toEqual([
      `sent: Main PACS | sent at ${formatLocalTime('2026-12-07T10:00:03.000Z')}`,
      `retrying: Old PACS | failed: connect ECONNREFUSED 127.0.0.1:9, retrying at ${formatLocalTime('2026-12-07T10:00:08.000Z')} | Retry now`,
    ]);

    sends[1] = row(2, 'dead', { status: 'failed', attempts: 10, lastError: 'connect ECONNREFUSED 127.0.0.1:9' });
    emit({ type: 'pacs.sends.changed', id: 2, status: 'failed' });
    await flushPromises();
    expect(lines(w)[1]).toBe('failed: Old PACS | failed: connect ECONNREFUSED 127.0.0.1:9; gave up after 10 attempts | Retry now');

    await w.get('[data-node="dead"] [data-testid="send-action"]').trigger('click');
    await flushPromises();
    expect(calls.filter((c) => c.channel === 'pacs.retrySend').map((c) => c.payload)).toEqual([{ id: 2 }]);
    expect(w.get('[data-node="dead"]').attributes('data-state')).toBe('retrying');
  });

  it('stops listening when unmounted', async () => {
    const w = mount(ReportSendStatus, { props: { reportId: 'r1' } });
    await flushPromises();
    w.unmount();
    expect(listeners).toEqual([]);
  });
});
