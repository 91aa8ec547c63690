import type { ExportsService, ReportsService } from '../../services';
import type { ApiHandlers } from '../dispatch';

type ReportChannel = Extract<keyof ApiHandlers, `reports.${string}`>;

export function createReportHandlers({ reports, exports }: { reports: ReportsService; exports: ExportsService }): Pick<ApiHandlers, ReportChannel> {
  return {
    'reports.listForStudy': async ({ studyInstanceUid }) => ({ reports: reports.list(studyInstanceUid) }),
    'reports.options': ({ studyInstanceUid }) => reports.options(studyInstanceUid),
    'reports.create': async ({ studyInstanceUid, templateId, indication }) => reports.create(studyInstanceUid, { templateId, indication }),
    'reports.draft': async ({ studyInstanceUid, author, modelId, priorStudyInstanceUid }) => (await reports.draft(studyInstanceUid, { author, modelId, priorStudyInstanceUid })).report,
    'reports.get': async ({ reportId }) => reports.get(reportId),
    'reports.updateSentence': async ({ sentenceId, text }) => reports.saveSentence(sentenceId, text),
    'reports.addSentence': async ({ reportId, section, text, afterOrdinal }) => reports.addSentence(reportId, section, text, afterOrdinal),
    'reports.deleteSentence': async ({ sentenceId }) => {
      reports.deleteSentence(sentenceId);
      return { deleted: true as const };
    },
    'reports.moveSentence': async ({ sentenceId, toIndex, toSection }) => reports.moveSentence(sentenceId, toIndex, toSection),
    'reports.restoreSentence': async ({ reportId, sentenceId }) => reports.restoreSentence(reportId, sentenceId),
    'reports.linkRegion': async ({ sentenceId, regionId }) => reports.linkRegion(sentenceId, regionId),
    'reports.unlinkRegion': async ({ sentenceId, regionId }) => reports.unlinkRegion(sentenceId, regionId),
    'reports.groundPreview': async ({ reportId, text, section }) => reports.groundPreview(reportId, text, section),
    'reports.setStatus': async ({ reportId, status }) => reports.setStatus(reportId, status),
    'reports.sign': async ({ reportId, signer, overrideReason }) => reports.sign(reportId, signer, overrideReason),
    'reports.addAddendum': async ({ reportId, text, author }) => reports.addAddendum(reportId, text, author),
    'reports.audit': async ({ reportId }) => reports.audit(reportId),
    'reports.exportJson': async ({ reportId }) => exports.json(reportId),
    'reports.exportHtml': async ({ reportId }) => ({ html: await exports.html(reportId) }),
  };
}
