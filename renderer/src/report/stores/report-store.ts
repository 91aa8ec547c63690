import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { RegionSummary } from '../../../../electron/shared/api/channels/analysis-channels';
import type { ReportOptions } from '../../../../electron/shared/api/channels/report-channels';
import type { AuditEntry, ReportView, SectionName, SentenceView } from '../../../../electron/shared/api/channels/report-schemas';
import { useApi } from '../../api/api-client';
import { downloadText, printHtml } from '../download';
import { movedPlace } from '../sentence-moves';

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
  /** How the open study can be reported: templates and the model packs that fit it. */
  const options = ref<ReportOptions | null>(null);
  /** The last sentence deleted, for undo. */
  const lastDeleted = ref<{ reportId: string; sentenceId: string; text: string } | null>(null);

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
    options.value = null;
    lastDeleted.value = null;
    await run('Loading report…', async () => {
      if (volumeId) regions.value = (await api['regions.list']({ volumeId })).regions;
      const [latest] = (await api['reports.listForStudy']({ studyInstanceUid })).reports;
      if (latest) report.value = await api['reports.get']({ reportId: latest.id });
      else options.value = await api['reports.options']({ studyInstanceUid });
    });
  }

  async function loadPriorRegions(volumeId: string | null): Promise<void> {
    priorRegions.value = volumeId ? (await useApi().api['regions.list']({ volumeId })).regions : [];
  }

  /**
   * Analyzes and drafts. In compare mode the caller passes the chosen prior, and the draft is
   * written against it (change sentences linked to both exams).
   */
  async function draft(studyInstanceUid: string, volumeId: string | null, modelId?: string, priorStudyInstanceUid?: string): Promise<void> {
    const { api } = useApi();
    await run('Analyzing and drafting…', async () => {
      report.value = await api['reports.draft']({ studyInstanceUid, modelId, ...(priorStudyInstanceUid ? { priorStudyInstanceUid } : {}) });
      if (volumeId) regions.value = (await api['regions.list']({ volumeId })).regions;
    });
  }

  /** A report without AI: from a template, or blank (templateId null). */
  async function create(studyInstanceUid: string, templateId: string | null, indication?: string): Promise<void> {
    await run('Creating report…', async () => {
      report.value = await useApi().api['reports.create']({ studyInstanceUid, templateId, indication: indication?.trim() || undefined });
    });
  }

  /** Autosave of one sentence: the core re-grounds it; empty text deletes it (undo brings it back). */
  async function saveSentence(sentenceId: string, text: string): Promise<void> {
    const { api } = useApi();
    const before = sentenceById(sentenceId)?.text ?? '';
    await run('Saving…', async () => {
      const result = await api['reports.updateSentence']({ sentenceId, text });
      if (result.deleted && report.value) lastDeleted.value = { reportId: report.value.id, sentenceId, text: before };
      await reload();
    });
  }

  async function deleteSentence(sentenceId: string): Promise<void> {
    if (!report.value) return;
    const reportId = report.value.id;
    const text = sentenceById(sentenceId)?.text ?? '';
    await run('Deleting…', async () => {
      await useApi().api['reports.deleteSentence']({ sentenceId });
      lastDeleted.value = { reportId, sentenceId, text };
      if (selectedSentenceId.value === sentenceId) selectedSentenceId.value = null;
      await reload();
    });
  }

  async function undoDelete(): Promise<void> {
    const last = lastDeleted.value;
    if (!last || report.value?.id !== last.reportId) return;
    await run('Restoring…', async () => {
      await useApi().api['reports.restoreSentence']({ reportId: last.reportId, sentenceId: last.sentenceId });
      lastDeleted.value = null;
      selectedSentenceId.value = last.sentenceId;
      await reload();
    });
  }

  /** One step up or down, across section boundaries. */
  async function moveSentence(sentenceId: string, step: 1 | -1): Promise<void> {
    if (!report.value) return;
    const place = movedPlace(report.value, sentenceId, step);
    if (!place) return;
    await run('Moving…', async () => {
      await useApi().api['reports.moveSentence']({ sentenceId, toIndex: place.index, toSection: place.section });
      await reload();
    });
  }

  /** Adds a typed sentence to a section, after `afterOrdinal` (default: at the end). Empty text adds nothing. */
  async function addSentence(section: SectionName, text: string, afterOrdinal?: number): Promise<string | undefined> {
    if (!report.value || !text.trim()) return undefined;
    const { api } = useApi();
    const reportId = report.value.id;
    return run('Saving…', async () => {
      const result = await api['reports.addSentence']({ reportId, section, text, afterOrdinal });
      await reload();
      return result.sentence.id;
    });
  }

  async function exportReport(kind: 'html' | 'json' | 'pdf'): Promise<void> {
    if (!report.value) return;
    const reportId = report.value.id;
    const { api } = useApi();
    await run('Exporting…', async () => {
      if (kind === 'json') {
        downloadText(`report-${reportId}.json`, JSON.stringify(await api['reports.exportJson']({ reportId }), null, 2) + '\n', 'application/json');
        return;
      }
      const { transport } = useApi();
      if (kind === 'pdf' && transport.saveReportPdf) {
        // Desktop: the main process prints the HTML export to PDF and saves it where the user picks.
        await transport.saveReportPdf(reportId);
        return;
      }
      const { html } = await api['reports.exportHtml']({ reportId });
      if (kind === 'html') downloadText(`report-${reportId}.html`, html, 'text/html');
      else printHtml(html);
    });
  }

  function sentenceById(sentenceId: string): SentenceView | undefined {
    return report.value?.sections.flatMap((s) => s.sentences).find((x) => x.id === sentenceId);
  }

  async function sign(signer: string | undefined, overrideReason?: string): Promise<void> {
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

  async function addAddendum(text: string, author?: string): Promise<void> {
    if (!report.value || !text.trim()) return;
    const reportId = report.value.id;
    await run('Saving addendum…', async () => {
      report.value = await useApi().api['reports.addAddendum']({ reportId, text, author: author?.trim() || undefined });
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
    options,
    lastDeleted,
    editable,
    regionById,
    findingRegions,
    errorCount,
    openForStudy,
    draft,
    create,
    saveSentence,
    deleteSentence,
    undoDelete,
    moveSentence,
    addSentence,
    exportReport,
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
