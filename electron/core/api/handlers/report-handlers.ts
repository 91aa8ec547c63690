import type { ApiEvent } from '../../../shared/api/events';
import { analyzeVolume, DEFAULT_MODEL_ID, type AnalysisDeps, type AnalysisPhase } from '../../analysis/analyze-volume';
import { latestAssessmentOfVolume, latestRegionsOfVolume } from '../../analysis/latest-regions';
import { RadGroundError } from '../../errors/radground-error';
import type { ReportService } from '../../reports';
import { comparisonForDraft } from '../../reports/comparison/draft-comparison';
import { getStudy, listSeriesInstances } from '../../study-index';
import { pickReadingVolume } from '../../study-volumes/reading-volume';
import { describeSeriesVolumes } from '../../study-volumes/volume-geometry';
import type { ApiHandlers } from '../dispatch';

type ReportChannel = Extract<keyof ApiHandlers, `reports.${string}`>;

export interface ReportHandlerDeps extends AnalysisDeps {
  reports: ReportService;
  publish?: (event: ApiEvent) => void;
}

const AI_AUTHOR = 'RadGround draft';

export function createReportHandlers(deps: ReportHandlerDeps): Pick<ApiHandlers, ReportChannel> {
  const { reports } = deps;
  const loadVolume = (volumeId: string) => deps.volumes.load(volumeId);
  return {
    'reports.listForStudy': async ({ studyInstanceUid }) => ({ reports: reports.listReports(studyInstanceUid) }),
    'reports.draft': async ({ studyInstanceUid, author, priorStudyInstanceUid }) => {
      const volumeId = primaryVolumeOfStudy(deps, studyInstanceUid);
      let regions = latestRegionsOfVolume(deps.db, volumeId);
      let assessment = latestAssessmentOfVolume(deps.db, volumeId);
      if (!regions.some((r) => r.runId !== null)) {
        const onProgress = deps.publish ? (p: { phase: AnalysisPhase; done: number; total: number }) => deps.publish!({ type: 'analysis.progress', volumeId, modelId: DEFAULT_MODEL_ID, ...p }) : undefined;
        ({ regions, assessment } = await analyzeVolume(deps, volumeId, DEFAULT_MODEL_ID, { onProgress }));
      }
      const comparison = await comparisonForDraft(deps, studyInstanceUid, priorStudyInstanceUid);
      return reports.createDraft(studyInstanceUid, { author: author ?? AI_AUTHOR, regions, assessment, comparison });
    },
    'reports.get': async ({ reportId }) => reports.getReport(reportId),
    'reports.updateSentence': async ({ sentenceId, text }) => reports.updateSentence(sentenceId, text),
    'reports.addSentence': async ({ reportId, section, text, afterOrdinal }) => reports.addSentence(reportId, section, text, afterOrdinal),
    'reports.deleteSentence': async ({ sentenceId }) => {
      reports.deleteSentence(sentenceId);
      return { deleted: true as const };
    },
    'reports.linkRegion': async ({ sentenceId, regionId }) => reports.linkRegion(sentenceId, regionId),
    'reports.unlinkRegion': async ({ sentenceId, regionId }) => reports.unlinkRegion(sentenceId, regionId),
    'reports.groundPreview': async ({ reportId, text, section }) => reports.groundPreview(reportId, text, section),
    'reports.setStatus': async ({ reportId, status }) => reports.setStatus(reportId, status),
    'reports.sign': async ({ reportId, signer, overrideReason }) =>
      reports.sign(reportId, signer, overrideReason ? { reason: overrideReason } : null),
    'reports.addAddendum': async ({ reportId, text, author }) => reports.addAddendum(reportId, text, author),
    'reports.audit': async ({ reportId }) => ({ entries: reports.audit(reportId), verification: reports.verify(reportId) }),
    'reports.exportJson': async ({ reportId }) => reports.exportJson(reportId, loadVolume),
    'reports.exportHtml': async ({ reportId }) => ({ html: await reports.exportHtml(reportId, loadVolume) }),
  };
}

/** The volume a report is drafted on: the study's CT (or other) stack with the most slices. */
export function primaryVolumeOfStudy(deps: Pick<AnalysisDeps, 'db'>, studyInstanceUid: string): string {
  const { series } = getStudy(deps.db, studyInstanceUid);
  const best = pickReadingVolume(series.flatMap((s) => describeSeriesVolumes(listSeriesInstances(deps.db, s.seriesInstanceUid))));
  if (!best) throw new RadGroundError('NOT_FOUND', `study ${studyInstanceUid} has no volume to report on`);
  return best.volumeId;
}
