import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SeriesSummary, StudySummary, VolumeSummary } from '../../../electron/shared/api/channels/study-channels';
import { pickReadingVolume } from '../../../electron/shared/geometry/reading-volume';
import { useApi } from '../api/api-client';

/** The study being read: its series, its volumes, the same patient's priors, and the active volume. */
export const useStudyStore = defineStore('study', () => {
  const study = ref<StudySummary | null>(null);
  const series = ref<SeriesSummary[]>([]);
  const volumes = ref<VolumeSummary[]>([]);
  const priors = ref<StudySummary[]>([]);
  const activeVolumeId = ref<string | null>(null);
  const error = ref<string | null>(null);

  const activeVolume = computed(() => volumes.value.find((v) => v.volumeId === activeVolumeId.value) ?? null);

  async function open(studyInstanceUid: string): Promise<void> {
    const { api } = useApi();
    try {
      const detail = await api['studies.get']({ studyInstanceUid });
      study.value = detail.study;
      series.value = detail.series;
      volumes.value = detail.volumes;
      priors.value = detail.priors;
      activeVolumeId.value = pickReadingVolume(detail.volumes)?.volumeId ?? null;
      error.value = null;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  function close(): void {
    study.value = null;
    series.value = [];
    volumes.value = [];
    priors.value = [];
    activeVolumeId.value = null;
  }

  return { study, series, volumes, priors, activeVolumeId, activeVolume, error, open, close };
});
