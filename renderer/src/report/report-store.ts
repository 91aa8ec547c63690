import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { RegionSummary } from '../../../electron/shared/api/channels/analysis-channels';
import type { AuditEntry, ReportView, SectionName, SentenceView } from '../../../electron/shared/api/channels/report-schemas';
import { useApi } from '../api/api-client';
import { useCompareStore } from '../compare/compare-store';
import { useReadingSession } from '../viewer/store/reading-session-store';

/**
 * The grounded report being read: its sentences with their region links and checks, the regions
 * of the analysis, and which sentence/region the reader is pointing at.
 */
export const useReportStore = defineStore('report', () => {
  const report = ref<ReportView | null>(null);
  const regions = ref<RegionSummary[]>([]);
  const busy = ref<string | null>(null);
  const error = ref<string | null>(null);
  const hoveredSentenceId = ref<string | null>(null);
  const selectedSentenceId = ref<string | null>(null);
  const audit = ref<{ entries: AuditEntry[]; ok: boolean } | null>(null);
  const selectedRegionId = ref<string | null>(null);

  const editable = computed(() => report.value !== null && (report.value.status === 'draft' || report.value.status === 'preliminary'));
  /** Regions of the compared prior exam (linkable; change sentences link them). */
  const priorRegions = ref<RegionSummary[]>([]);
  const regionById = computed(() => new Map([...priorRegions.value, ...regions.value].map((r) => [r.id, r])));
  /** What a sentence can be linked to: the analysis' findings and the reader's measurements. */
  const findingRegions = computed(() => regions.value.filter((r) => r.kind === 'finding' || r.kind === 'measurement'));
  const errorCount = computed(() => report.value?.checkSummary.error ?? 0);

  async function run<T>(label: string, body: () => Promise<T>): Promise<T | undefined> {
    busy.value = label;
    try {
      const value = await body();
      error.value = null;
      return value;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
      return undefined;
    } finally {
      busy.value = null;
    }
  }

  async function openForStudy(studyInstanceUid: string, volumeId: string | null): Promise<void> {
    const { api } = useApi();
    report.value = null;
    regions.value = [];
    await run('Loading report…', async () => {
      if (volumeId) regions.value = (await api['regions.list']({ volumeId })).regions;
      const [latest] = (await api['reports.listForStudy']({ studyInstanceUid })).reports;
      if (latest) report.value = await api['reports.get']({ reportId: latest.id });
    });
  }

  async function loadPriorRegions(volumeId: string | null): Promise<void> {
    priorRegions.value = volumeId ? (await useApi().api['regions.list']({ volumeId })).regions : [];
  }

  async function draft(studyInstanceUid: string, volumeId: string | null): Promise<void> {
    const { api } = useApi();
    // In compare mode the draft is written against the chosen prior (change sentences linked to both exams).
    const compare = useCompareStore();
    const priorStudyInstanceUid = compare.active ? (compare.selectedPriorUid ?? undefined) : undefined;
    await run('Analysing and drafting…', async () => {
      report.value = await api['reports.draft']({ studyInstanceUid, ...(priorStudyInstanceUid ? { priorStudyInstanceUid } : {}) });
      if (volumeId) regions.value = (await api['regions.list']({ volumeId })).regions;
    });
    await useReadingSession().reloadLabelMaps();
  }

  /** Autosave of one sentence: the core re-grounds it and answers with its links and checks. */
  async function saveSentence(sentenceId: string, text: string): Promise<void> {
    const { api } = useApi();
    await run('Saving…', async () => {
      await api['reports.updateSentence']({ sentenceId, text });
      await reload();
    });
  }

  async function addSentence(section: SectionName, text: string): Promise<void> {
    if (!report.value || !text.trim()) return;
    const { api } = useApi();
    const reportId = report.value.id;
    await run('Saving…', async () => {
      await api['reports.addSentence']({ reportId, section, text });
      await reload();
    });
  }

  async function sign(signer: string, overrideReason?: string): Promise<void> {
    if (!report.value) return;
    const { api } = useApi();
    const reportId = report.value.id;
    await run('Signing…', async () => {
      report.value = await api['reports.sign']({ reportId, signer, overrideReason: overrideReason || undefined });
    });
  }

  async function link(sentenceId: string, regionId: string): Promise<void> {
    await run('Linking…', async () => {
      await useApi().api['reports.linkRegion']({ sentenceId, regionId });
      await reload();
    });
  }

  async function unlink(sentenceId: string, regionId: string): Promise<void> {
    await run('Unlinking…', async () => {
      await useApi().api['reports.unlinkRegion']({ sentenceId, regionId });
      await reload();
    });
  }

  async function setStatus(status: 'draft' | 'preliminary'): Promise<void> {
    if (!report.value) return;
    const reportId = report.value.id;
    await run('Saving…', async () => {
      report.value = await useApi().api['reports.setStatus']({ reportId, status });
    });
  }

  async function addAddendum(text: string, author: string): Promise<void> {
    if (!report.value || !text.trim() || !author.trim()) return;
    const reportId = report.value.id;
    await run('Saving addendum…', async () => {
      report.value = await useApi().api['reports.addAddendum']({ reportId, text, author });
    });
  }

  async function loadAudit(): Promise<void> {
    if (!report.value) return;
    const reportId = report.value.id;
    await run('Loading audit log…', async () => {
      const result = await useApi().api['reports.audit']({ reportId });
      audit.value = { entries: result.entries, ok: result.verification.ok };
    });
  }

  async function addMeasurement(volumeId: string, p1: [number, number, number], p2: [number, number, number]): Promise<void> {
    await run('Saving measurement…', async () => {
      regions.value = [...regions.value, await useApi().api['regions.addMeasurement']({ volumeId, p1, p2 })];
    });
  }

  async function addRoi(volumeId: string, p1: [number, number, number], p2: [number, number, number]): Promise<void> {
    await run('Measuring ROI…', async () => {
      const { region } = await useApi().api['regions.addRoi']({ volumeId, p1, p2 });
      regions.value = [...regions.value, region];
    });
  }

  async function reload(): Promise<void> {
    if (!report.value) return;
    report.value = await useApi().api['reports.get']({ reportId: report.value.id });
  }

  function sentencesOfRegion(regionId: string): SentenceView[] {
    return report.value?.sections.flatMap((s) => s.sentences.filter((x) => x.regionIds.includes(regionId))) ?? [];
  }

  return {
    report,
    regions,
    priorRegions,
    loadPriorRegions,
    busy,
    error,
    hoveredSentenceId,
    selectedSentenceId,
    selectedRegionId,
    audit,
    editable,
    regionById,
    findingRegions,
    errorCount,
    openForStudy,
    draft,
    saveSentence,
    addSentence,
    sign,
    link,
    unlink,
    setStatus,
    addAddendum,
    addMeasurement,
    addRoi,
    loadAudit,
    sentencesOfRegion,
  };
});
