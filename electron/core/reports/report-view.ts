/** The report as the API sees it: sections, sentences with their links and (computed) checks, addenda. */
import type { CheckContext } from './checks/sentence-checks';
import { importedReportOf } from './imported/imported-documents';
import type { AddendumView, Check, ReportView, SentenceLink, SentenceView } from './schemas';
import { checkStoredSentence, reportContext } from './sentence-analysis';
import { assessmentOfRegions, linkedRegionIds } from './store/report-evidence';
import { loadReportRegions } from './store/region-rows';
import { loadContent, priorOf, type ReportRow, type StoredSentence } from './store/report-rows';
import { stmt } from './store/statements';
import type { SqliteDatabase } from '../storage/database-types';

/** The checks' context of a report: its regions, prior, the lung assessment of its regions' run, and what its sentences link. */
export function contextOf(db: SqliteDatabase, report: ReportRow): CheckContext {
  const regions = loadReportRegions(db, report.id);
  return reportContext(regions, priorOf(report), { assessment: assessmentOfRegions(db, regions), linkedRegionIds: linkedRegionIds(db, report.id) });
}

export function linksOf(s: StoredSentence): SentenceLink[] {
  return s.links.map((l) => ({ regionId: l.regionId, score: l.score, origin: l.origin }));
}

export function sentenceView(s: StoredSentence, checks: Check[]): SentenceView {
  const links = linksOf(s);
  return {
    id: s.uid,
    section: s.section,
    ordinal: s.ordinal,
    text: s.text,
    origin: s.origin,
    grounding: s.grounding,
    updatedAt: s.updated_at,
    links,
    regionIds: links.map((l) => l.regionId),
    checks,
  };
}

export function addendaOf(db: SqliteDatabase, reportRef: number): AddendumView[] {
  const rows = stmt(db, 'SELECT uid, text, author, created_at, hash, previous_hash FROM report_addenda WHERE report_ref = ? ORDER BY id').all(reportRef) as {
    uid: string;
    text: string;
    author: string;
    created_at: string;
    hash: string;
    previous_hash: string;
  }[];
  return rows.map((r) => ({ id: r.uid, text: r.text, author: r.author, createdAt: r.created_at, hash: r.hash, previousHash: r.previous_hash }));
}

export function buildReportView(db: SqliteDatabase, report: ReportRow, ctx: CheckContext = contextOf(db, report)): ReportView {
  const content = loadContent(db, report);
  const summary = { info: 0, warning: 0, error: 0 };
  const sections = content.sections.map((sec) => ({
    name: sec.name,
    sentences: sec.sentences.map((s) => {
      const checks = checkStoredSentence(s.text, s.section, linksOf(s), ctx);
      for (const c of checks) summary[c.severity]++;
      return sentenceView(s, checks);
    }),
  }));
  return {
    id: report.uid,
    studyInstanceUid: report.study_instance_uid,
    status: report.status,
    author: report.author,
    version: report.version,
    prior: priorOf(report),
    createdAt: report.created_at,
    updatedAt: report.updated_at,
    signedBy: report.signed_by,
    signedAt: report.signed_at,
    contentHash: report.content_hash,
    previousHash: report.previous_hash,
    sections,
    addenda: addendaOf(db, report.id),
    checkSummary: summary,
    imported: importedReportOf(db, report.id),
  };
}
