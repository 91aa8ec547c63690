import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { StudyComparisonDto } from '../../../../electron/shared/api/channels/compare-channels';
import type { ReportView } from '../../../../electron/shared/api/channels/report-schemas';
import type { SeriesSummary, StudySummary, VolumeSummary } from '../../../../electron/shared/api/channels/study-channels';
import { useApi } from '../../api/api-client';
import { defaultPrior, type PriorInfo } from '../prior-choice';

const bodyPartsOf = (series: readonly SeriesSummary[]) => [...new Set(series.map((s) => s.bodyPart?.toUpperCase()).filter((b): b is string => !!b))];

/**
 * Reading with priors: the same patient's priors (date, modality, description, report status), the
 * one chosen (default: the most recent of the same modality and body part), and, in compare mode,
 * the comparison from the core (registration PRIOR -> CURRENT, tracked lesions), the prior's reading
 * volume and its signed report.
 */
export const useCompareStore = defineStore('compare', () => {
  const currentStudyUid = ref<string | null>(null);
  const priors = ref<PriorInfo[]>([]);
  const selectedPriorUid = ref<string | null>(null);
  const active = ref(false);
  const comparison = shallowRef<StudyComparisonDto | null>(null);
  const priorReport = shallowRef<ReportView | null>(null);
  const busy = ref<string | null>(null);
  const error = ref<string | null>(null);
  const linkWindowLevel = ref(false);
  /** Each prior's volumes (its series thumbnails can be dragged onto the prior pane). */
  const priorVolumes = shallowRef<ReadonlyMap<string, VolumeSummary[]>>(new Map());
  /** A series the reader dragged onto the prior pane, instead of the compared one. */
  const priorVolumeOverride = ref<string | null>(null);
  /** When Compare was pressed (performance.now()), for the benchmark. */
  const startedAt = ref<number | null>(null);

  const selectedPrior = computed(() => priors.value.find((p) => p.studyInstanceUid === selectedPriorUid.value) ?? null);
  const priorVolumeId = computed(() => (comparison.value ? (priorVolumeOverride.value ?? comparison.value.prior.volumeId) : null));
  const selectedPriorVolumes = computed(() => (selectedPriorUid.value ? (priorVolumes.value.get(selectedPriorUid.value) ?? []) : []));
  const matrix = computed(() => comparison.value?.registration.matrix ?? null);

  /** Lists the priors of the open study with their body parts and report status, and picks the default. */
  async function loadPriors(current: StudySummary, currentSeries: readonly SeriesSummary[], list: readonly StudySummary[]): Promise<void> {
    const { api } = useApi();
    stop();
    currentStudyUid.value = current.studyInstanceUid;
    priors.value = [];
    selectedPriorUid.value = null;
    error.value = null;
    const volumesOf = new Map<string, VolumeSummary[]>();
    try {
      const infos = await Promise.all(
        list.map(async (p): Promise<PriorInfo> => {
          const [detail, reports] = await Promise.all([api['studies.get']({ studyInstanceUid: p.studyInstanceUid }), api['reports.listForStudy']({ studyInstanceUid: p.studyInstanceUid })]);
          volumesOf.set(p.studyInstanceUid, detail.volumes);
          return {
            studyInstanceUid: p.studyInstanceUid,
            studyDate: p.studyDate,
            studyTime: p.studyTime,
            description: p.description,
            modalities: p.modalities,
            bodyParts: bodyPartsOf(detail.series),
            reportStatus: reports.reports[0]?.status ?? null,
          };
        }),
      );
      if (currentStudyUid.value !== current.studyInstanceUid) return;
      priors.value = infos;
      priorVolumes.value = volumesOf;
      selectedPriorUid.value = defaultPrior({ modalities: current.modalities, bodyParts: bodyPartsOf(currentSeries) }, infos)?.studyInstanceUid ?? infos[0]?.studyInstanceUid ?? null;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  function choose(studyInstanceUid: string): void {
    if (selectedPriorUid.value === studyInstanceUid) return;
    selectedPriorUid.value = studyInstanceUid;
    priorVolumeOverride.value = null;
    if (active.value) void start();
  }

  /** Compare: registration and tracking in the core (cached per pair), then the prior's signed report. */
  async function start(): Promise<void> {
    const current = currentStudyUid.value;
    const prior = selectedPriorUid.value;
    if (!current || !prior) return;
    const { api } = useApi();
    startedAt.value = performance.now();
    active.value = true;
    comparison.value = null;
    priorReport.value = null;
    busy.value = 'Registering the prior…';
    try {
      const result = await api['compare.run']({ currentStudyInstanceUid: current, priorStudyInstanceUid: prior });
      if (selectedPriorUid.value !== prior || !active.value) return;
      comparison.value = result;
      error.value = null;
      priorReport.value = await signedReportOf(prior);
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      busy.value = null;
    }
  }

  async function signedReportOf(studyInstanceUid: string): Promise<ReportView | null> {
    const { api } = useApi();
    const signed = (await api['reports.listForStudy']({ studyInstanceUid })).reports.find((r) => r.status === 'final' || r.status === 'amended');
    return signed ? api['reports.get']({ reportId: signed.id }) : null;
  }

  /**
   * Shows another series of the chosen prior in the prior pane (a dragged thumbnail); the compared
   * series again when it is that one. Series of other studies are refused (false).
   */
  function showPriorSeries(volumeId: string): boolean {
    if (!comparison.value || !selectedPriorVolumes.value.some((v) => v.volumeId === volumeId)) return false;
    priorVolumeOverride.value = volumeId === comparison.value.prior.volumeId ? null : volumeId;
    return true;
  }

  /** Re-pair, unpair or reset a lesion pair by hand (`compare.repair`); the core re-tracks and saves it with the pair. */
  async function repair(currentRegionId: string, priorRegionId: string, action: 'pair' | 'unpair' | 'reset'): Promise<void> {
    const registrationId = comparison.value?.registration.id;
    if (!registrationId) return;
    await update(() => useApi().api['compare.repair']({ registrationId, currentRegionId, priorRegionId, action }));
  }

  /** The reader's shift of the prior (mm, current exam's patient axes) after the automatic registration (`compare.nudge`). */
  async function nudge(translationMm: [number, number, number]): Promise<void> {
    const registrationId = comparison.value?.registration.id;
    if (!registrationId) return;
    await update(() => useApi().api['compare.nudge']({ registrationId, translationMm }));
  }

  async function update(call: () => Promise<StudyComparisonDto>): Promise<void> {
    const prior = selectedPriorUid.value;
    try {
      const result = await call();
      if (selectedPriorUid.value === prior && active.value) comparison.value = result;
      error.value = null;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  function stop(): void {
    active.value = false;
    priorVolumeOverride.value = null;
    comparison.value = null;
    priorReport.value = null;
    startedAt.value = null;
  }

  function reset(): void {
    stop();
    currentStudyUid.value = null;
    priors.value = [];
    priorVolumes.value = new Map();
    selectedPriorUid.value = null;
  }

  return { priors, selectedPriorUid, selectedPrior, active, comparison, priorReport, busy, error, linkWindowLevel, startedAt, priorVolumes, priorVolumeId, selectedPriorVolumes, matrix, loadPriors, choose, start, showPriorSeries, repair, nudge, stop, reset };
});
