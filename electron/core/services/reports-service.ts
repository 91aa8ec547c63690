import type { ResponseOf } from '../../shared/api/contract';
import type { ApiEvent } from '../../shared/api/events';
import type { ReportStatus, ReportView, SectionName } from '../../shared/api/channels/report-schemas';
import { pickReadingVolume } from '../../shared/geometry/reading-volume';
import { analyzeVolume, type AnalysisPhase } from '../analysis/analyze-volume';
import { latestAssessmentOfVolume, latestRegionsOfVolume } from '../analysis/latest-regions';
import type { CompareDeps } from '../comparison/compare-studies';
import { RadGroundError } from '../errors/radground-error';
import { getModelRun, listModelPacks, onnxFileInspector } from '../inference';
import type { Region } from '../regions/region';
import type { ReportService } from '../reports';
import { comparisonForDraft } from '../reports/comparison/draft-comparison';
import { verifyDatabase, type DatabaseVerification } from '../reports/lifecycle/verify-all';
import { draftingPack, noDraftReason, packFit, type PackFit } from '../reports/operations/drafting-packs';
import { readerLabel, type SettingsStore } from '../settings/settings-store';
import { volumesOfStudy } from '../study-volumes/indexed-volumes';

/** Who a report's author is when no reader is configured in settings. */
export const UNIDENTIFIED_READER = 'unidentified reader';

export interface ReportsServiceDeps extends CompareDeps {
  reports: ReportService;
  /** The reader identity edits and signatures are attributed to. */
  settings?: SettingsStore;
  publish?: (event: ApiEvent) => void;
}

/** A drafted report with what it was drafted from. */
export interface DraftResult {
  report: ReportView;
  /** The study's reading volume the regions lie on. */
  volumeId: string;
  regions: Region[];
  model: { id: string; version: string };
}

/**
 * The report workflows over the report store (ReportService): how a study can be reported, drafting
 * (analysis when needed, the prior's comparison, then the draft), and every edit credited to the
 * configured reader unless a name is given.
 */
export interface ReportsService {
  list(studyInstanceUid: string): ReturnType<ReportService['listReports']>;
  options(studyInstanceUid: string): Promise<ResponseOf<'reports.options'>>;
  /** Every model pack checked against the study's reading volume. */
  packFits(studyInstanceUid: string): Promise<PackFit[]>;
  create(studyInstanceUid: string, inputs?: { templateId?: string | null; indication?: string }): ReportView;
  draft(studyInstanceUid: string, inputs?: { author?: string; modelId?: string; priorStudyInstanceUid?: string }): Promise<DraftResult>;
  get(reportId: string): ReportView;
  saveSentence(sentenceId: string, text: string): ReturnType<ReportService['saveSentenceText']>;
  addSentence(reportId: string, section: SectionName, text: string, afterOrdinal?: number): ReturnType<ReportService['addSentence']>;
  deleteSentence(sentenceId: string): void;
  moveSentence(sentenceId: string, toIndex: number, toSection?: SectionName): ReturnType<ReportService['moveSentence']>;
  restoreSentence(reportId: string, sentenceId: string): ReturnType<ReportService['restoreSentence']>;
  linkRegion(sentenceId: string, regionId: string): ReturnType<ReportService['linkRegion']>;
  unlinkRegion(sentenceId: string, regionId: string): ReturnType<ReportService['unlinkRegion']>;
  groundPreview(reportId: string, text: string, section?: SectionName): ReturnType<ReportService['groundPreview']>;
  setStatus(reportId: string, status: ReportStatus): ReportView;
  /** Signs as `signer`, else as the configured reader (BAD_REQUEST when neither is known). */
  sign(reportId: string, signer?: string, overrideReason?: string): ReportView;
  addAddendum(reportId: string, text: string, author?: string): ReportView;
  audit(reportId: string): { entries: ReturnType<ReportService['audit']>; verification: ReturnType<ReportService['verify']> };
  verify(reportId: string): ReturnType<ReportService['verify']>;
  /** Hash chains, signatures, evidence and the ledger of one report, or of every signed report (null). */
  verifyStored(reportId: string | null): DatabaseVerification;
}

export function createReportsService(deps: ReportsServiceDeps): ReportsService {
  const { reports } = deps;
  /** The configured reader ("Name (ID)"), or undefined. */
  const reader = (): string | undefined => {
    const r = deps.settings?.get().reader;
    return r ? readerLabel(r) : undefined;
  };
  const needReader = (given: string | undefined, what: string): string => {
    const who = given ?? reader();
    if (!who) throw new RadGroundError('BAD_REQUEST', `${what} needs a name: set the reader in settings`);
    return who;
  };
  /** The study's reading volume (with its series' body part), or null when it has none. */
  const readingVolume = (studyInstanceUid: string) =>
    pickReadingVolume(volumesOfStudy(deps.db, studyInstanceUid, deps.logger).volumes.map(({ series, volume }) => ({ ...volume, bodyPart: series.bodyPart })));
  const fitsOn = async (volume: ReturnType<typeof readingVolume>): Promise<PackFit[]> => {
    if (!volume) return [];
    // Read from the model files, not through onnxruntime: opening a study starts no inference worker.
    const listings = await listModelPacks(deps.modelRoots, onnxFileInspector);
    return listings.map((l) => packFit(l, volume));
  };
  const packFits = async (studyInstanceUid: string): Promise<PackFit[]> => fitsOn(readingVolume(studyInstanceUid));
  return {
    list: (studyInstanceUid) => reports.listReports(studyInstanceUid),
    async options(studyInstanceUid) {
      const { templates, suggested } = reports.templates(studyInstanceUid);
      const packs = await packFits(studyInstanceUid);
      const pack = draftingPack(packs);
      return {
        templates: templates.map((t) => ({ id: t.id, name: t.name })),
        suggestedTemplateId: suggested?.id ?? null,
        packs,
        draftingPackId: pack?.id ?? null,
        reason: pack ? null : noDraftReason(packs),
      };
    },
    packFits,
    create: (studyInstanceUid, inputs = {}) =>
      reports.createFromTemplate(studyInstanceUid, { author: reader() ?? UNIDENTIFIED_READER, templateId: inputs.templateId, indication: inputs.indication }),
    async draft(studyInstanceUid, { author, modelId, priorStudyInstanceUid } = {}) {
      const volume = readingVolume(studyInstanceUid);
      const fits = await fitsOn(volume);
      const pack = draftingPack(fits, modelId);
      if (!pack || !volume) throw new RadGroundError('UNSUPPORTED_INPUT', modelId ? `model pack '${modelId}' cannot draft this study: ${fits.find((f) => f.id === modelId)?.reasons.join('; ') || 'not installed or not a drafting pack'}` : noDraftReason(fits));
      const { volumeId } = volume;
      let regions = latestRegionsOfVolume(deps.db, volumeId);
      let assessment = latestAssessmentOfVolume(deps.db, volumeId);
      const runId = regions.find((r) => r.runId !== null)?.runId ?? null;
      const run = runId ? getModelRun(deps.db, runId) : null;
      let model = run && run.packId === pack.id ? { id: run.packId, version: run.packVersion } : null;
      if (!model) {
        const publish = deps.publish;
        const onProgress = publish ? (p: { phase: AnalysisPhase; done: number; total: number }) => publish({ type: 'analysis.progress', volumeId, modelId: pack.id, ...p }) : undefined;
        const result = await analyzeVolume(deps, volumeId, pack.id, { onProgress });
        ({ regions, assessment } = result);
        model = { id: result.model.id, version: result.model.version };
      }
      const comparison = await comparisonForDraft(deps, studyInstanceUid, priorStudyInstanceUid);
      const report = reports.createDraft(studyInstanceUid, { author: author ?? reader() ?? UNIDENTIFIED_READER, regions, assessment, model, comparison });
      return { report, volumeId, regions, model };
    },
    get: (reportId) => reports.getReport(reportId),
    saveSentence: (sentenceId, text) => reports.saveSentenceText(sentenceId, text, reader()),
    addSentence: (reportId, section, text, afterOrdinal) => reports.addSentence(reportId, section, text, afterOrdinal, reader()),
    deleteSentence: (sentenceId) => reports.deleteSentence(sentenceId, reader()),
    moveSentence: (sentenceId, toIndex, toSection) => reports.moveSentence(sentenceId, toIndex, toSection, reader()),
    restoreSentence: (reportId, sentenceId) => reports.restoreSentence(reportId, sentenceId, reader()),
    linkRegion: (sentenceId, regionId) => reports.linkRegion(sentenceId, regionId, reader()),
    unlinkRegion: (sentenceId, regionId) => reports.unlinkRegion(sentenceId, regionId, reader()),
    groundPreview: (reportId, text, section) => reports.groundPreview(reportId, text, section),
    setStatus: (reportId, status) => reports.setStatus(reportId, status, reader()),
    sign: (reportId, signer, overrideReason) => reports.sign(reportId, needReader(signer, 'Signing'), overrideReason ? { reason: overrideReason } : null),
    addAddendum: (reportId, text, author) => reports.addAddendum(reportId, text, needReader(author, 'An addendum')),
    audit: (reportId) => ({ entries: reports.audit(reportId), verification: reports.verify(reportId) }),
    verify: (reportId) => reports.verify(reportId),
    verifyStored: (reportId) => verifyDatabase(deps.db, reportId),
  };
}

