/** Reading reports: the report row, its sections, sentences and links, as stored. */
import { RadGroundError } from '../../errors/radground-error';
import type { SqliteDatabase } from '../../storage/database-types';
import type { HashedContent } from '../hashing/report-hashes';
import { type GroundingMode, type LinkOrigin, type PriorExam, type ReportStatus, type SectionName, type SentenceOrigin } from '../schemas';
import { stmt } from './statements';

export interface ReportRow {
  id: number;
  uid: string;
  study_instance_uid: string;
  status: ReportStatus;
  author: string;
  version: number;
  prior: string | null;
  created_at: string;
  updated_at: string;
  signed_by: string | null;
  signed_at: string | null;
  content_hash: string | null;
  previous_hash: string | null;
}

export interface SentenceRow {
  id: number;
  uid: string;
  section_ref: number;
  section: SectionName;
  report_ref: number;
  ordinal: number;
  text: string;
  origin: SentenceOrigin;
  grounding: GroundingMode;
  created_at: string;
  updated_at: string;
}

export interface StoredLink {
  regionId: string;
  regionRef: number;
  score: number;
  origin: LinkOrigin;
}

export interface StoredSentence extends SentenceRow {
  links: StoredLink[];
}

export interface StoredSection {
  id: number;
  name: SectionName;
  sentences: StoredSentence[];
}

export interface StoredContent {
  report: ReportRow;
  sections: StoredSection[];
}

const REPORT_COLUMNS = `id, uid, study_instance_uid, status, author, version, prior, created_at, updated_at,
  signed_by, signed_at, content_hash, previous_hash`;

export function isSigned(status: ReportStatus): boolean {
  return status === 'final' || status === 'amended';
}

export function getReportRow(db: SqliteDatabase, reportId: string): ReportRow {
  const row = stmt(db, `SELECT ${REPORT_COLUMNS} FROM reports WHERE uid = ?`).get(reportId) as ReportRow | undefined;
  if (!row) throw new RadGroundError('NOT_FOUND', `No report ${reportId}.`, { reportId });
  return row;
}

export function getReportRowByRef(db: SqliteDatabase, ref: number): ReportRow {
  const row = stmt(db, `SELECT ${REPORT_COLUMNS} FROM reports WHERE id = ?`).get(ref) as ReportRow | undefined;
  if (!row) throw new RadGroundError('NOT_FOUND', `No report with row id ${ref}.`);
  return row;
}

export function priorOf(row: ReportRow): PriorExam | null {
  return row.prior === null ? null : (JSON.parse(row.prior) as PriorExam);
}

/** CONFLICT unless the report is a draft or preliminary (signed reports only take addenda). */
export function assertEditable(row: ReportRow): void {
  if (isSigned(row.status)) {
    throw new RadGroundError('CONFLICT', `Report ${row.uid} is signed (${row.status}); it cannot be changed, only amended by an addendum.`, {
      reportId: row.uid,
      status: row.status,
    });
  }
}

const SENTENCE_COLUMNS = `t.id, t.uid, t.section_ref, s.name AS section, s.report_ref, t.ordinal, t.text, t.origin, t.grounding,
  t.created_at, t.updated_at`;

export function getSentenceRow(db: SqliteDatabase, sentenceId: string): SentenceRow {
  const row = stmt(db, `SELECT ${SENTENCE_COLUMNS} FROM report_sentences t JOIN report_sections s ON s.id = t.section_ref WHERE t.uid = ?`).get(
    sentenceId,
  ) as SentenceRow | undefined;
  if (!row) throw new RadGroundError('NOT_FOUND', `No sentence ${sentenceId}.`, { sentenceId });
  return row;
}

export function sentenceLinks(db: SqliteDatabase, sentenceRef: number): StoredLink[] {
  return stmt(
    db,
    `SELECT g.uid AS regionId, l.region_ref AS regionRef, l.score, l.origin
     FROM sentence_regions l JOIN regions g ON g.id = l.region_ref WHERE l.sentence_ref = ? ORDER BY l.score DESC, g.uid`,
  ).all(sentenceRef) as StoredLink[];
}

export function sectionRef(db: SqliteDatabase, reportRef: number, name: SectionName): number {
  const row = stmt(db, 'SELECT id FROM report_sections WHERE report_ref = ? AND name = ?').get(reportRef, name) as { id: number } | undefined;
  if (!row) throw new RadGroundError('INTERNAL', `Report row ${reportRef} has no ${name} section.`);
  return row.id;
}

/** Everything the report says, in section then sentence order. */
export function loadContent(db: SqliteDatabase, report: ReportRow): StoredContent {
  const sections = stmt(db, 'SELECT id, name FROM report_sections WHERE report_ref = ? ORDER BY ordinal').all(report.id) as { id: number; name: SectionName }[];
  const sentences = stmt(
    db,
    `SELECT ${SENTENCE_COLUMNS} FROM report_sentences t JOIN report_sections s ON s.id = t.section_ref
     WHERE s.report_ref = ? ORDER BY s.ordinal, t.ordinal`,
  ).all(report.id) as SentenceRow[];
  const links = stmt(
    db,
    `SELECT l.sentence_ref AS sentenceRef, g.uid AS regionId, l.region_ref AS regionRef, l.score, l.origin
     FROM sentence_regions l
     JOIN report_sentences t ON t.id = l.sentence_ref
     JOIN report_sections s ON s.id = t.section_ref
     JOIN regions g ON g.id = l.region_ref
     WHERE s.report_ref = ? ORDER BY l.score DESC, g.uid`,
  ).all(report.id) as (StoredLink & { sentenceRef: number })[];
  const bySentence = new Map<number, StoredLink[]>();
  for (const { sentenceRef, ...l } of links) {
    const list = bySentence.get(sentenceRef) ?? [];
    list.push(l);
    bySentence.set(sentenceRef, list);
  }
  const bySection = new Map<number, StoredSentence[]>();
  for (const s of sentences) {
    const list = bySection.get(s.section_ref) ?? [];
    list.push({ ...s, links: bySentence.get(s.id) ?? [] });
    bySection.set(s.section_ref, list);
  }
  return { report, sections: sections.map((s) => ({ id: s.id, name: s.name, sentences: bySection.get(s.id) ?? [] })) };
}

export function toHashedContent(c: StoredContent): HashedContent {
  return {
    reportId: c.report.uid,
    studyInstanceUid: c.report.study_instance_uid,
    sections: c.sections.map((s) => ({
      name: s.name,
      sentences: s.sentences.map((t) => ({
        id: t.uid,
        text: t.text,
        origin: t.origin,
        links: t.links.map((l) => ({ regionId: l.regionId, score: l.score, origin: l.origin })),
      })),
    })),
  };
}

