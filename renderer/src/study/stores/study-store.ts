import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SeriesSummary, StudySummary, VolumeSummary } from '../../../../electron/shared/api/channels/study-channels';
import { pickReadingVolume } from '../../../../electron/shared/geometry/reading-volume';
import { useApi } from '../../api/api-client';

/** How many series are shown side by side: one, two (1x2) or four (2x2), each in its own viewer. */
export type SeriesLayout = '1x1' | '1x2' | '2x2';
export const SERIES_LAYOUTS: readonly SeriesLayout[] = ['1x1', '1x2', '2x2'];
const PANE_COUNT: Record<SeriesLayout, number> = { '1x1': 1, '1x2': 2, '2x2': 4 };

/**
 * The study being read: its series, its volumes, the same patient's priors, and the active volume. With
 * several panes (1x2, 2x2) each pane shows its own series; the active pane's series is the active volume
 * (the one the report panel, the series list's highlight and compare use).
 */
export const useStudyStore = defineStore('study', () => {
  const study = ref<StudySummary | null>(null);
  const series = ref<SeriesSummary[]>([]);
  const volumes = ref<VolumeSummary[]>([]);
  const priors = ref<StudySummary[]>([]);
  const activeVolumeId = ref<string | null>(null);
  const error = ref<string | null>(null);
  const layout = ref<SeriesLayout>('1x1');
  /** The series of each pane beyond the active one's (null: an empty pane, waiting for a drop). */
  const panes = ref<Array<string | null>>([null]);
  const activePane = ref(0);

  const activeVolume = computed(() => volumes.value.find((v) => v.volumeId === activeVolumeId.value) ?? null);
  const isVolumeOfStudy = (volumeId: string) => volumes.value.some((v) => v.volumeId === volumeId);

  /** The series each pane shows: the active pane always shows the active volume. */
  const paneVolumeIds = computed(() => panes.value.map((id, i) => (i === activePane.value ? activeVolumeId.value : id)));

  /**
   * Switches the layout. Panes keep their series; new panes get the study's series not shown yet, in
   * list order (empty when there are none left). The active series stays on screen and active: in the
   * first pane when its own pane goes away.
   */
  function setLayout(next: SeriesLayout): void {
    const shown = paneVolumeIds.value.slice(0, PANE_COUNT[next]);
    if (activePane.value >= shown.length) {
      // The active pane goes away: its series moves to the first pane, which becomes the active one.
      shown[0] = activeVolumeId.value;
      activePane.value = 0;
    }
    const unused = volumes.value.map((v) => v.volumeId).filter((id) => !shown.includes(id));
    while (shown.length < PANE_COUNT[next]) shown.push(unused.shift() ?? null);
    panes.value = shown;
    activeVolumeId.value = shown[activePane.value] ?? activeVolumeId.value;
    layout.value = next;
  }

  /** Shows a series of this study in a pane (a thumbnail dropped on it); false when it is not this study's. */
  function showInPane(pane: number, volumeId: string): boolean {
    if (!isVolumeOfStudy(volumeId) || pane < 0 || pane >= panes.value.length) return false;
    panes.value = panes.value.map((id, i) => (i === pane ? volumeId : id));
    if (pane === activePane.value) activeVolumeId.value = volumeId;
    return true;
  }

  /** Makes a pane the active one (a click in it): its series becomes the active volume. */
  function activatePane(pane: number): void {
    if (pane < 0 || pane >= panes.value.length || pane === activePane.value) return;
    const volumeId = panes.value[pane];
    if (!volumeId) return; // an empty pane waits for a drop
    panes.value = paneVolumeIds.value;
    activePane.value = pane;
    activeVolumeId.value = volumeId;
  }

  async function open(studyInstanceUid: string): Promise<void> {
    const { api } = useApi();
    try {
      const detail = await api['studies.get']({ studyInstanceUid });
      study.value = detail.study;
      series.value = detail.series;
      volumes.value = detail.volumes;
      priors.value = detail.priors;
      activeVolumeId.value = pickReadingVolume(detail.volumes)?.volumeId ?? null;
      layout.value = '1x1';
      panes.value = [null];
      activePane.value = 0;
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
    layout.value = '1x1';
    panes.value = [null];
    activePane.value = 0;
  }

  return {
    study,
    series,
    volumes,
    priors,
    activeVolumeId,
    activeVolume,
    error,
    layout,
    panes,
    activePane,
    paneVolumeIds,
    setLayout,
    showInPane,
    activatePane,
    open,
    close,
  };
});
