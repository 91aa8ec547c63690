/**
 * The reports facade: the operations the API needs, on one database connection. Everything it
 * returns is plain JSON matching the schemas in schemas.ts. Writes to a signed report throw
 * CONFLICT; unknown ids NOT_FOUND; invalid input BAD_REQUEST.
 */
import type { LungAssessment } from '../analysis/lung-assessment';
import { RadGroundError } from '../errors/radground-error';
import type { Region } from '../regions/region';
import type { SqliteDatabase } from '../storage/database-types';
import { findPriorStudies, getStudy, listSeriesInstances } from '../study-index/study-queries';
import type { StudyComparison } from '../comparison/compare-studies';
import { comparedPrior } from './comparison/compared-prior';
import { draftReport } from './drafting/draft-report';
import { sliceLocatorFromHeaders, type LocatorHeader, type SliceLocator } from './drafting/slice-locator';
import type { TechniqueHeader } from './drafting/technique';
import { exportReportHtml } from './exports/html-export';
import { exportReportJson } from './exports/json-export';
import type { VolumeLoader } from './exports/sentence-key-images';
import { addAddendum, setStatus, signReport, type SignOverride } from './lifecycle/lifecycle';
import { verifyReportChain } from './lifecycle/verify-chain';
import { createReport, modelActor, type ReportSource } from './operations/create-report';
import { moveSentence, restoreSentence } from './operations/sentence-order';
import { chooseTemplate, type TemplateStudy } from './templates/choose-template';
import { builtInTemplates, templateById } from './templates/report-templates';
import { templateReport } from './templates/template-report';
import type { ReportTemplate } from './templates/template-schema';
import { linkRegion, unlinkRegion } from './operations/link-edits';
import { systemReportEnv, type ReportEnv } from './operations/report-env';
import { addSentence, cleanSentenceText, deleteSentence, isBlankSentence, regroundSentence, updateSentence } from './operations/sentence-edits';
import { buildReportView, contextOf } from './report-view';
import {
  SectionNameSchema,
  type AuditEntry,
  type ChainVerification,
  type GroundedReportJson,
  type GroundingResult,
  type PriorExam,
  type ReportStatus,
  type ReportView,
  type SectionName,
  type SentenceUpdateResult,
} from './schemas';
import { analyzeSentence } from './sentence-analysis';
import { listAudit } from './store/audit-log';
import { assessmentOfRegions } from './store/report-evidence';
import { getReportRow } from './store/report-rows';
import { stmt } from './store/statements';

export type SeriesHeader = TechniqueHeader & LocatorHeader;

export interface CreateDraftInputs {
  author: string;
  /** The analysis regions (stored already: regions table). */
  regions: readonly Region[];
  /**
   * What the analysis verified about the lungs; undefined: the assessment stored with the regions'
   * model run; null: nothing verified (no normal statement is drafted).
   */
  assessment?: LungAssessment | null;
  /** DICOM headers of the study's series; default: read from the study index. */
  seriesHeaders?: readonly SeriesHeader[];
  /** The prior exam compared with; undefined: the newest prior of the patient in the index; null: none. */
  prior?: PriorExam | null;
  /**
   * The comparison with a prior (registered, lesions tracked): the draft writes change sentences
   * linked to both exams and change claims are checked against it. It names the prior (`prior` is then ignored).
   */
  comparison?: StudyComparison | null;
  indication?: string | null;
  /** World point -> series/image numbers; default: from the headers' slice positions. */
  locate?: SliceLocator | null;
  /** The model pack that wrote the text (recorded in the audit log as its actor). */
  model?: { id: string; version: string } | null;
}

export interface CreateFromTemplateInputs {
  author: string;
  /** A template id; null: a blank report; undefined: the template chosen for the study. */
  templateId?: string | null;
  indication?: string | null;
  seriesHeaders?: readonly SeriesHeader[];
  prior?: PriorExam | null;
}

/** A sentence saved as typed: its new state, or that it was deleted because it was left empty. */
export type SavedSentence = ({ deleted: false } & SentenceUpdateResult) | { deleted: true; sentenceId: string };

export interface ReportSummary {
  id: string;
  status: ReportStatus;
  author: string;
  createdAt: string;
  updatedAt: string;
  signedAt: string | null;
}

export interface ReportService {
  createDraft(studyUid: string, inputs: CreateDraftInputs): ReportView;
  /** A report started from a template (or blank), without any analysis. */
  createFromTemplate(studyUid: string, inputs: CreateFromTemplateInputs): ReportView;
  /** The templates, and the one chosen for the study (by modality and body part). */
  templates(studyUid: string | null): { templates: ReportTemplate[]; suggested: ReportTemplate | null };
  getReport(reportId: string): ReportView;
  listReports(studyUid: string): ReportSummary[];
  updateSentence(sentenceId: string, text: string, actor?: string): SentenceUpdateResult;
  addSentence(reportId: string, section: SectionName, text: string, afterOrdinal?: number, actor?: string): SentenceUpdateResult;
  deleteSentence(sentenceId: string, actor?: string): void;
  /** Saves typed text; empty text deletes the sentence (never stored blank). */
  saveSentenceText(sentenceId: string, text: string, actor?: string): SavedSentence;
  /** Undo of a deletion: the sentence comes back where it was, with its links. */
  restoreSentence(reportId: string, sentenceId: string, actor?: string): SentenceUpdateResult;
  moveSentence(sentenceId: string, toIndex: number, toSection?: SectionName, actor?: string): SentenceUpdateResult;
  linkRegion(sentenceId: string, regionId: string, actor?: string): SentenceUpdateResult;
  unlinkRegion(sentenceId: string, regionId: string, actor?: string): SentenceUpdateResult;
  /** Back to automatic grounding after manual links. */
  regroundSentence(sentenceId: string, actor?: string): SentenceUpdateResult;
  /** Links and checks the text would get in that section of the report; nothing is saved. */
  groundPreview(reportId: string, text: string, section?: SectionName): GroundingResult;
  setStatus(reportId: string, status: ReportStatus, actor?: string): ReportView;
  sign(reportId: string, signer: string, override?: SignOverride | null): ReportView;
  addAddendum(reportId: string, text: string, author: string): ReportView;
  audit(reportId: string): AuditEntry[];
  verify(reportId: string): ChainVerification;
  exportHtml(reportId: string, loadVolume?: VolumeLoader | null): Promise<string>;
  exportJson(reportId: string, loadVolume?: VolumeLoader | null): Promise<GroundedReportJson>;
}

export interface ReportServiceOptions {
  env?: ReportEnv;
  /** Default volume loader for the exports. */
  loadVolume?: VolumeLoader | null;
}

function headersFromIndex(db: SqliteDatabase, studyUid: string): SeriesHeader[] {
  return getStudy(db, studyUid).series.flatMap((s) => listSeriesInstances(db, s.seriesInstanceUid));
}

function templateStudyOf(db: SqliteDatabase, studyUid: string): TemplateStudy {
  const study = getStudy(db, studyUid);
  return { description: study.description, series: study.series.map((x) => ({ modality: x.modality, bodyPart: x.bodyPart, description: x.description })) };
}

function priorFromIndex(db: SqliteDatabase, studyUid: string): PriorExam | null {
  const exists = stmt(db, 'SELECT 1 FROM studies WHERE study_instance_uid = ?').get(studyUid);
  if (!exists) return null;
  const p = findPriorStudies(db, studyUid)[0];
  return p ? { studyDate: p.studyDate, description: p.description } : null;
}

export function createReportService(db: SqliteDatabase, options: ReportServiceOptions = {}): ReportService {
  const env = options.env ?? systemReportEnv;
  const view = (reportId: string): ReportView => buildReportView(db, getReportRow(db, reportId));

  return {
    createDraft(studyUid, inputs) {
      const headers = inputs.seriesHeaders ?? headersFromIndex(db, studyUid);
      const compared = inputs.comparison ? comparedPrior(db, inputs.comparison) : null;
      const prior = compared ? compared.prior : inputs.prior === undefined ? priorFromIndex(db, studyUid) : inputs.prior;
      const locate = inputs.locate === undefined ? sliceLocatorFromHeaders(headers) : inputs.locate;
      const assessment = inputs.assessment === undefined ? assessmentOfRegions(db, inputs.regions) : inputs.assessment;
      const draft = draftReport({ study: { studyInstanceUid: studyUid }, seriesHeaders: headers, regions: inputs.regions, assessment, prior, indication: inputs.indication, locate, comparison: compared?.draft ?? null });
      const source: ReportSource | undefined = inputs.model ? { kind: 'model', modelId: inputs.model.id, modelVersion: inputs.model.version } : undefined;
      const createdBy = inputs.model ? modelActor(inputs.model.id, inputs.model.version) : undefined;
      const regions = compared ? [...inputs.regions, ...compared.draft.priorRegions] : inputs.regions;
      const id = createReport(db, env, { studyInstanceUid: studyUid, author: inputs.author, prior, regions, draft, source, createdBy });
      return view(id);
    },
    createFromTemplate(studyUid, inputs) {
      const headers = inputs.seriesHeaders ?? headersFromIndex(db, studyUid);
      const prior = inputs.prior === undefined ? priorFromIndex(db, studyUid) : inputs.prior;
      const template =
        inputs.templateId === null ? null : inputs.templateId === undefined ? chooseTemplate(builtInTemplates(), templateStudyOf(db, studyUid)) : templateById(inputs.templateId);
      const draft = templateReport({ template, seriesHeaders: headers, prior, indication: inputs.indication });
      const id = createReport(db, env, {
        studyInstanceUid: studyUid,
        author: inputs.author,
        prior,
        regions: [],
        draft,
        source: { kind: 'template', templateId: template?.id ?? null },
      });
      return view(id);
    },
    templates(studyUid) {
      const templates = builtInTemplates();
      return { templates, suggested: studyUid ? chooseTemplate(templates, templateStudyOf(db, studyUid)) : null };
    },
    getReport: view,
    listReports(studyUid) {
      const rows = stmt(db, 'SELECT uid, status, author, created_at, updated_at, signed_at FROM reports WHERE study_instance_uid = ? ORDER BY created_at DESC, id DESC').all(
        studyUid,
      ) as { uid: string; status: ReportStatus; author: string; created_at: string; updated_at: string; signed_at: string | null }[];
      return rows.map((r) => ({ id: r.uid, status: r.status, author: r.author, createdAt: r.created_at, updatedAt: r.updated_at, signedAt: r.signed_at }));
    },
    updateSentence: (sentenceId, text, actor) => updateSentence(db, env, sentenceId, text, actor),
    addSentence(reportId, section, text, afterOrdinal, actor) {
      const parsed = SectionNameSchema.safeParse(section);
      if (!parsed.success) throw new RadGroundError('BAD_REQUEST', `Unknown section '${String(section)}'.`);
      return addSentence(db, env, reportId, parsed.data, text, afterOrdinal, actor);
    },
    deleteSentence: (sentenceId, actor) => deleteSentence(db, env, sentenceId, actor),
    saveSentenceText(sentenceId, text, actor) {
      if (!isBlankSentence(text)) return { deleted: false, ...updateSentence(db, env, sentenceId, text, actor) };
      deleteSentence(db, env, sentenceId, actor);
      return { deleted: true, sentenceId };
    },
    restoreSentence: (reportId, sentenceId, actor) => restoreSentence(db, env, reportId, sentenceId, actor),
    moveSentence(sentenceId, toIndex, toSection, actor) {
      const parsed = toSection === undefined ? undefined : SectionNameSchema.safeParse(toSection);
      if (parsed && !parsed.success) throw new RadGroundError('BAD_REQUEST', `Unknown section '${String(toSection)}'.`);
      return moveSentence(db, env, sentenceId, toIndex, parsed?.data, actor);
    },
    linkRegion: (sentenceId, regionId, actor) => linkRegion(db, env, sentenceId, regionId, actor),
    unlinkRegion: (sentenceId, regionId, actor) => unlinkRegion(db, env, sentenceId, regionId, actor),
    regroundSentence: (sentenceId, actor) => regroundSentence(db, env, sentenceId, actor),
    groundPreview(reportId, text, section = 'findings') {
      const report = getReportRow(db, reportId);
      const { links, checks } = analyzeSentence(cleanSentenceText(text), section, contextOf(db, report), null);
      return { links, checks };
    },
    setStatus(reportId, status, actor) {
      setStatus(db, env, reportId, status, actor);
      return view(reportId);
    },
    sign(reportId, signer, override) {
      signReport(db, env, reportId, signer, override);
      return view(reportId);
    },
    addAddendum(reportId, text, author) {
      addAddendum(db, env, reportId, text, author);
      return view(reportId);
    },
    audit(reportId) {
      const r = getReportRow(db, reportId);
      return listAudit(db, r.id, r.uid).map(({ previousEntryHash: _, ...e }) => e);
    },
    verify: (reportId) => verifyReportChain(db, reportId),
    exportHtml: (reportId, loadVolume) => exportReportHtml(db, reportId, loadVolume ?? options.loadVolume ?? null),
    exportJson: (reportId, loadVolume) => exportReportJson(db, reportId, loadVolume ?? options.loadVolume ?? null),
  };
}
