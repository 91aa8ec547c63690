import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { VolumeSummary } from '../../../electron/shared/api/channels/study-channels';
import { installTransportForTests } from '../../../renderer/src/api/api-client';
import { useStudyStore } from '../../../renderer/src/study/stores/study-store';

function volume(volumeId: string, modality: string, slices: number): VolumeSummary {
  return {
    volumeId,
    seriesInstanceUid: volumeId,
    frameOfReferenceUid: '1.2.3',
    modality,
    dims: [128, 128, slices],
    spacing: [1, 1, 1],
    origin: [0, 0, 0],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    units: modality === 'CT' ? 'HU' : 'raw',
    invertForDisplay: false,
    defaultWindow: null,
    warnings: [],
  };
}

function answerStudy(volumes: VolumeSummary[]): void {
  const study = { studyInstanceUid: '9.1', patient: { patientId: 'P', name: null, birthDate: null, sex: null }, studyDate: null, studyTime: null, description: null, accessionNumber: null, modalities: ['CT', 'PT'], seriesCount: volumes.length, instanceCount: 1 };
  installTransportForTests({
    kind: 'http',
    async invoke(channel) {
      if (channel !== 'studies.get') return { ok: false, error: { code: 'NOT_FOUND', message: channel } } as never;
      return { ok: true, value: { study, series: [], volumes, priors: [] } } as never;
    },
    subscribe: () => () => undefined,
    importPathsForFiles: async () => [],
  });
}

beforeEach(() => setActivePinia(createPinia()));

describe('study store: the volume a reader starts on', () => {
  it('opens the CT before a longer stack of another modality (the rule the core drafts on)', async () => {
    answerStudy([volume('1.5', 'PT', 300), volume('1.2', 'CT', 60), volume('1.3', 'CT', 240)]);
    const store = useStudyStore();
    await store.open('9.1');
    expect(store.activeVolumeId).toBe('1.3');
  });

  it('without a CT, opens the stack with the most slices', async () => {
    answerStudy([volume('1.7', 'MR', 24), volume('1.8', 'MR', 176)]);
    const store = useStudyStore();
    await store.open('9.1');
    expect(store.activeVolumeId).toBe('1.8');
  });
});

describe('study store: series side by side (1x2, 2x2), one series per pane', () => {
  async function opened(): Promise<ReturnType<typeof useStudyStore>> {
    answerStudy([volume('1.1', 'CT', 60), volume('1.2', 'MR', 24), volume('1.3', 'CR', 1)]);
    const store = useStudyStore();
    await store.open('9.1');
    return store;
  }

  it('new panes get the series not shown yet, in list order; a fourth pane with none left is empty', async () => {
    const store = await opened();
    expect(store.paneVolumeIds).toEqual(['1.1']);
    store.setLayout('1x2');
    expect(store.paneVolumeIds).toEqual(['1.1', '1.2']);
    store.setLayout('2x2');
    expect(store.paneVolumeIds).toEqual(['1.1', '1.2', '1.3', null]);
    store.setLayout('1x1');
    expect(store.paneVolumeIds).toEqual(['1.1']);
    expect(store.activeVolumeId).toBe('1.1');
  });

  it('a series dropped on a pane shows there; a series of another study is refused', async () => {
    const store = await opened();
    store.setLayout('1x2');
    expect(store.showInPane(1, '1.3')).toBe(true);
    expect(store.paneVolumeIds).toEqual(['1.1', '1.3']);
    expect(store.activeVolumeId).toBe('1.1');
    expect(store.showInPane(1, '7.7')).toBe(false);
    expect(store.showInPane(5, '1.2')).toBe(false);
    expect(store.paneVolumeIds).toEqual(['1.1', '1.3']);
  });

  it('the active pane shows the active volume: activating a pane makes its series active, the others keep theirs', async () => {
    const store = await opened();
    store.setLayout('1x2');
    store.activatePane(1);
    expect(store.activePane).toBe(1);
    expect(store.activeVolumeId).toBe('1.2');
    expect(store.paneVolumeIds).toEqual(['1.1', '1.2']);
    store.activeVolumeId = '1.3'; // a click in the series list
    expect(store.paneVolumeIds).toEqual(['1.1', '1.3']);
    store.setLayout('2x2');
    expect(store.paneVolumeIds).toEqual(['1.1', '1.3', '1.2', null]);
    store.activatePane(3); // empty: waits for a drop
    expect(store.activePane).toBe(1);
    store.setLayout('1x1'); // the active series stays on screen
    expect(store.activePane).toBe(0);
    expect(store.paneVolumeIds).toEqual(['1.3']);
    expect(store.activeVolumeId).toBe('1.3');
  });
});
