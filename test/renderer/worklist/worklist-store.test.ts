import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../../electron/shared/api/contract';
import type { ApiEvent } from '../../../electron/shared/api/events';
import type { StudySummary } from '../../../electron/shared/api/channels/study-channels';
import { installTransportForTests } from '../../../renderer/src/api/api-client';
import { useWorklistStore } from '../../../renderer/src/worklist/stores/worklist-store';

const study = (uid: string, date: string): StudySummary & { reportStatus: null } => ({
  studyInstanceUid: uid,
  patient: { patientId: 'P1', name: 'DOE^JANE', birthDate: null, sex: 'F' },
  studyDate: date,
  studyTime: null,
  description: 'CT CHEST',
  accessionNumber: null,
  modalities: ['CT'],
  seriesCount: 1,
  instanceCount: 64,
  reportStatus: null,
});

describe('worklist store', () => {
  const calls: { channel: ChannelName; payload: unknown }[] = [];
  let listeners: ((e: ApiEvent) => void)[] = [];
  let rows: (StudySummary & { reportStatus: null })[] = [];

  beforeEach(() => {
    setActivePinia(createPinia());
    calls.length = 0;
    listeners = [];
    rows = [study('1.2.3', '20260101')];
    installTransportForTests({
      kind: 'http',
      async invoke(channel, payload) {
        calls.push({ channel, payload });
        if (channel === 'studies.list') return { ok: true, value: { rows, total: rows.length } };
        return { ok: false, error: { code: 'NOT_FOUND', message: 'nope' } };
      },
      subscribe(listener) {
        listeners.push(listener);
        return () => (listeners = listeners.filter((l) => l !== listener));
      },
      importPathsForFiles: async () => [],
    });
  });

  it('drops empty filters before asking the core', async () => {
    const store = useWorklistStore();
    store.query = { patient: '  ', text: 'chest ', modality: '' };
    await store.refresh();
    expect(calls[0]).toEqual({ channel: 'studies.list', payload: { text: 'chest' } });
    expect(store.rows).toHaveLength(1);
    expect(store.total).toBe(1);
  });

  it('refreshes when the core says studies changed, and stops when asked', async () => {
    const store = useWorklistStore();
    store.follow();
    rows = [study('1.2.3', '20260101'), study('1.2.4', '20250101')];
    listeners.forEach((l) => l({ type: 'studies.changed' }));
    await new Promise((r) => setTimeout(r, 0));
    expect(store.rows.map((r) => r.studyInstanceUid)).toEqual(['1.2.3', '1.2.4']);
    store.stopFollowing();
    expect(listeners).toHaveLength(0);
  });

  it('shows a typed error from the core instead of throwing', async () => {
    installTransportForTests({
      kind: 'http',
      invoke: async () => ({ ok: false, error: { code: 'INTERNAL', message: 'database locked' } }),
      subscribe: () => () => {},
      importPathsForFiles: async () => [],
    });
    const store = useWorklistStore();
    await store.refresh();
    expect(store.error).toMatch(/database locked/);
  });
});
