import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { VolumeSummary } from '../../../electron/shared/api/channels/study-channels';
import { installTransportForTests } from '../../../renderer/src/api/api-client';
import { useStudyStore } from '../../../renderer/src/study/study-store';

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
