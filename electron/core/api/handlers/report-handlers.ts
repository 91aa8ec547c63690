import type { ApiEvent } from '../../../shared/api/events';
import { analyzeVolume, type AnalysisDeps, type AnalysisPhase } from '../../analysis/analyze-volume';
import { latestAssessmentOfVolume, latestRegionsOfVolume } from '../../analysis/latest-regions';
import { RadGroundError } from '../../errors/radground-error';
import { getModelRun, listModelPacks } from '../../inference';
import type { ReportService } from '../../reports';
import { comparisonForDraft } from '../../reports/comparison/draft-comparison';
import { draftingPack, noDraftReason, packFit, type PackFit } from '../../reports/operations/drafting-packs';
import { readerLabel, type SettingsStore } from '../../settings/settings-store';
import { getStudy, listSeriesInstances } from '../../study-index';
import { pickReadingVolume } from '../../../shared/geometry/reading-volume';
import { readingVolumeOfStudy } from '../../study-volumes/reading-volume';
import { describeSeriesVolumes } from '../../study-volumes/volume-geometry';
import type { ApiHandlers } from '../dispatch';

type ReportChannel = Extract<keyof ApiHandlers, `reports.${string}`>;

export interface ReportHandlerDeps extends AnalysisDeps {
  reports: ReportService;
  /** The reader identity edits and signatures are attributed to. */
  settings?: SettingsStore;
  publish?: (event: ApiEvent) => void;
}

/** Who a report's author is when no reader is configured in settings. */
export const UNIDENTIFIED_READER = 'unidentified reader';

export function createReportHandlers(deps: ReportHandlerDeps): Pick<ApiHandlers, ReportChannel> {
  const { reports } = deps;
  const loadVolume = (volumeId: string) => deps.volumes.load(volumeId);
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
  return {
    'reports.listForStudy': async ({ studyInstanceUid }) => ({ reports: reports.listReports(studyInstanceUid) }),
    'reports.options': async ({ studyInstanceUid }) => {
      const { templates, suggested } = reports.templates(studyInstanceUid);
      const packs = await packFitsOfStudy(deps, studyInstanceUid);
      const pack = draftingPack(packs);
      return {
        templates: templates.map((t) => ({ id: t.id, name: t.name })),
        suggestedTemplateId: suggested?.id ?? null,
        packs,
        draftingPackId: pack?.id ?? null,
        reason: pack ? null : noDraftReason(packs),
      };
    },
    'reports.create': async ({ studyInstanceUid, templateId, indication }) =>
      reports.createFromTemplate(studyInstanceUid, { author: reader() ?? UNIDENTIFIED_READER, templateId, indication }),
    'reports.draft': async ({ studyInstanceUid, author, modelId, priorStudyInstanceUid }) => {
      const fits = await packFitsOfStudy(deps, studyInstanceUid);
      const pack = draftingPack(fits, modelId);
      if (!pack) throw new RadGroundError('UNSUPPORTED_INPUT', modelId ? `model pack '${modelId}' cannot draft this study: ${fits.find((f) => f.id === modelId)?.reasons.join('; ') || 'not installed or not a drafting pack'}` : noDraftReason(fits));
      const volumeId = readingVolumeOfStudy(deps.db, studyInstanceUid);
      let regions = latestRegionsOfVolume(deps.db, volumeId);
      let assessment = latestAssessmentOfVolume(deps.db, volumeId);
      const runId = regions.find((r) => r.runId !== null)?.runId ?? null;
      const run = runId ? getModelRun(deps.db, runId) : null;
      let model = run && run.packId === pack.id ? { id: run.packId, version: run.packVersion } : null;
      if (!model) {
        const onProgress = deps.publish ? (p: { phase: AnalysisPhase; done: number; total: number }) => deps.publish!({ type: 'analysis.progress', volumeId, modelId: pack.id, ...p }) : undefined;
        const result = await analyzeVolume(deps, volumeId, pack.id, { onProgress });
        ({ regions, assessment } = result);
        model = { id: result.model.id, version: result.model.version };
      }
      const comparison = await comparisonForDraft(deps, studyInstanceUid, priorStudyInstanceUid);
      return reports.createDraft(studyInstanceUid, { author: author ?? reader() ?? UNIDENTIFIED_READER, regions, assessment, model, comparison });
    },
    'reports.get': async ({ reportId }) => reports.getReport(reportId),
    'reports.updateSentence': async ({ sentenceId, text }) => reports.saveSentenceText(sentenceId, text, reader()),
    'reports.addSentence': async ({ reportId, section, text, afterOrdinal }) => reports.addSentence(reportId, section, text, afterOrdinal, reader()),
    'reports.deleteSentence': async ({ sentenceId }) => {
      reports.deleteSentence(sentenceId, reader());
      return { deleted: true as const };
    },
    'reports.moveSentence': async ({ sentenceId, toIndex, toSection }) => reports.moveSentence(sentenceId, toIndex, toSection, reader()),
    'reports.restoreSentence': async ({ reportId, sentenceId }) => reports.restoreSentence(reportId, sentenceId, reader()),
    'reports.linkRegion': async ({ sentenceId, regionId }) => reports.linkRegion(sentenceId, regionId, reader()),
    'reports.unlinkRegion': async ({ sentenceId, regionId }) => reports.unlinkRegion(sentenceId, regionId, reader()),
    'reports.groundPreview': async ({ reportId, text, section }) => reports.groundPreview(reportId, text, section),
    'reports.setStatus': async ({ reportId, status }) => reports.setStatus(reportId, status, reader()),
    'reports.sign': async ({ reportId, signer, overrideReason }) =>
      reports.sign(reportId, needReader(signer, 'Signing'), overrideReason ? { reason: overrideReason } : null),
    'reports.addAddendum': async ({ reportId, text, author }) => reports.addAddendum(reportId, text, needReader(author, 'An addendum')),
    'reports.audit': async ({ reportId }) => ({ entries: reports.audit(reportId), verification: reports.verify(reportId) }),
    'reports.exportJson': async ({ reportId }) => reports.exportJson(reportId, loadVolume),
    'reports.exportHtml': async ({ reportId }) => ({ html: await reports.exportHtml(reportId, loadVolume) }),
  };
}

/** Every model pack checked against the study's reading volume. */
export async function packFitsOfStudy(deps: AnalysisDeps, studyInstanceUid: string): Promise<PackFit[]> {
  const { series } = getStudy(deps.db, studyInstanceUid);
  const volumes = series.flatMap((s) => {
    try {
      return describeSeriesVolumes(listSeriesInstances(deps.db, s.seriesInstanceUid)).map((v) => ({ ...v, bodyPart: s.bodyPart }));
    } catch {
      return []; // a series that makes no volume (e.g. colour images) fits no pack
    }
  });
  const volume = pickReadingVolume(volumes);
  if (!volume) return [];
  const listings = await listModelPacks(deps.modelRoots, deps.worker);
  return listings.map((l) => packFit(l, volume));
}
