/**
 * Writing report rows. Callers check that the report is editable first (assertEditable) and run
 * these inside a transaction; the triggers of migration 0003 refuse anything that slips past.
 */
import { RadGroundError } from '../../errors/radground-error';
import type { SqliteDatabase } from '../../storage/database-types';
import { SECTION_NAMES, type GroundingMode, type LinkOrigin, type PriorExam, type ReportStatus, type SectionName, type SentenceOrigin } from '../schemas';
import { stmt } from './statements';

export interface NewReport {
  uid: string;
  studyInstanceUid: string;
  author: string;
  prior: PriorExam | null;
  now: string;
}

/** Inserts the report and its five sections; returns the report's row id and the section row ids. */
export function insertReport(db: SqliteDatabase, r: NewReport): { ref: number; sections: Map<SectionName, number> } {
  const ref = Number(
    stmt(
      db,
      `INSERT INTO reports (uid, study_instance_uid, status, author, version, prior, created_at, updated_at)
       VALUES (?, ?, 'draft', ?, 1, ?, ?, ?)`,
    ).run(r.uid, r.studyInstanceUid, r.author, r.prior === null ? null : JSON.stringify(r.prior), r.now, r.now).lastInsertRowid,
  );
  const sections = new Map<SectionName, number>();
  SECTION_NAMES.forEach((name, ordinal) => {
    sections.set(name, Number(stmt(db, 'INSERT INTO report_sections (report_ref, name, ordinal) VALUES (?, ?, ?)').run(ref, name, ordinal).lastInsertRowid));
  });
  return { ref, sections };
}

export interface NewSentence {
  uid: string;
  sectionRef: number;
  ordinal: number;
  text: string;
  origin: SentenceOrigin;
  grounding: GroundingMode;
  now: string;
}

export function insertSentence(db: SqliteDatabase, s: NewSentence): number {
  return Number(
    stmt(
      db,
      `INSERT INTO report_sentences (uid, section_ref, ordinal, text, origin, grounding, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(s.uid, s.sectionRef, s.ordinal, s.text, s.origin, s.grounding, s.now, s.now).lastInsertRowid,
  );
}

/** Next free ordinal of a section (max + 1, 0 when empty). */
export function nextOrdinal(db: SqliteDatabase, sectionRef: number): number {
  const row = stmt(db, 'SELECT max(ordinal) AS m FROM report_sentences WHERE section_ref = ?').get(sectionRef) as { m: number | null };
  return row.m === null ? 0 : row.m + 1;
}

/**
 * Makes room after `afterOrdinal` (-1: at the start) and returns the ordinal to insert at. Shifts the
 * later sentences up by one in two steps (out of the way, then back to their place + 1) so that
 * UNIQUE(section, ordinal), checked row by row, never sees a collision midway.
 */
const SHIFT_OFFSET = 1_000_000_000;
export function openOrdinal(db: SqliteDatabase, sectionRef: number, afterOrdinal: number): number {
  const at = Math.max(0, afterOrdinal + 1);
  stmt(db, 'UPDATE report_sentences SET ordinal = ordinal + ? WHERE section_ref = ? AND ordinal >= ?').run(SHIFT_OFFSET, sectionRef, at);
  stmt(db, 'UPDATE report_sentences SET ordinal = ordinal - ? WHERE section_ref = ? AND ordinal >= ?').run(SHIFT_OFFSET - 1, sectionRef, SHIFT_OFFSET);
  return at;
}

export function updateSentenceText(db: SqliteDatabase, sentenceRef: number, text: string, origin: SentenceOrigin, now: string): void {
  stmt(db, 'UPDATE report_sentences SET text = ?, origin = ?, updated_at = ? WHERE id = ?').run(text, origin, now, sentenceRef);
}

export function setGrounding(db: SqliteDatabase, sentenceRef: number, mode: GroundingMode, now: string): void {
  stmt(db, 'UPDATE report_sentences SET grounding = ?, updated_at = ? WHERE id = ?').run(mode, now, sentenceRef);
}

export function deleteSentenceRow(db: SqliteDatabase, sentenceRef: number): void {
  stmt(db, 'DELETE FROM report_sentences WHERE id = ?').run(sentenceRef);
}

export interface NewLink {
  regionRef: number;
  score: number;
  origin: LinkOrigin;
}

export function replaceLinks(db: SqliteDatabase, sentenceRef: number, links: readonly NewLink[]): void {
  stmt(db, 'DELETE FROM sentence_regions WHERE sentence_ref = ?').run(sentenceRef);
  const ins = stmt(db, 'INSERT INTO sentence_regions (sentence_ref, region_ref, score, origin) VALUES (?, ?, ?, ?)');
  for (const l of links) ins.run(sentenceRef, l.regionRef, l.score, l.origin);
}

export function insertLink(db: SqliteDatabase, sentenceRef: number, link: NewLink): void {
  stmt(
    db,
    `INSERT INTO sentence_regions (sentence_ref, region_ref, score, origin) VALUES (?, ?, ?, ?)
     ON CONFLICT (sentence_ref, region_ref) DO UPDATE SET score = excluded.score, origin = excluded.origin`,
  ).run(sentenceRef, link.regionRef, link.score, link.origin);
}

export function deleteLink(db: SqliteDatabase, sentenceRef: number, regionRef: number): boolean {
  return stmt(db, 'DELETE FROM sentence_regions WHERE sentence_ref = ? AND region_ref = ?').run(sentenceRef, regionRef).changes > 0;
}

export function addReportRegions(db: SqliteDatabase, reportRef: number, regionRefs: Iterable<number>): void {
  const ins = stmt(db, 'INSERT OR IGNORE INTO report_regions (report_ref, region_ref) VALUES (?, ?)');
  for (const r of regionRefs) ins.run(reportRef, r);
}

export function touchReport(db: SqliteDatabase, reportRef: number, now: string): void {
  stmt(db, 'UPDATE reports SET updated_at = ? WHERE id = ?').run(now, reportRef);
}

export function setStatusRow(db: SqliteDatabase, reportRef: number, status: Extract<ReportStatus, 'draft' | 'preliminary'>, now: string): void {
  stmt(db, 'UPDATE reports SET status = ?, updated_at = ? WHERE id = ?').run(status, now, reportRef);
}

export function signRow(db: SqliteDatabase, reportRef: number, signer: string, at: string, hash: string): void {
  stmt(db, `UPDATE reports SET status = 'final', signed_by = ?, signed_at = ?, content_hash = ?, updated_at = ? WHERE id = ?`).run(
    signer,
    at,
    hash,
    at,
    reportRef,
  );
}

export interface NewAddendum {
  uid: string;
  reportRef: number;
  text: string;
  author: string;
  createdAt: string;
  hash: string;
  previousHash: string;
}

/** Inserts the addendum and moves the report to its next version, chained to it. */
export function insertAddendum(db: SqliteDatabase, a: NewAddendum): void {
  stmt(
    db,
    `INSERT INTO report_addenda (uid, report_ref, text, author, created_at, hash, previous_hash) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(a.uid, a.reportRef, a.text, a.author, a.createdAt, a.hash, a.previousHash);
  const changed = stmt(
    db,
    `UPDATE reports SET status = 'amended', version = version + 1, previous_hash = content_hash, content_hash = ?, updated_at = ?
     WHERE id = ? AND content_hash = ?`,
  ).run(a.hash, a.createdAt, a.reportRef, a.previousHash).changes;
  if (changed !== 1) throw new RadGroundError('CONFLICT', 'The report changed while the addendum was being added.');
}

/** Ids of a section's sentences in order. */
export function sectionSentenceRefs(db: SqliteDatabase, sectionRef: number): number[] {
  return (stmt(db, 'SELECT id FROM report_sentences WHERE section_ref = ? ORDER BY ordinal').all(sectionRef) as { id: number }[]).map((r) => r.id);
}

/**
 * Gives a section exactly these sentences, numbered 0..n-1 in this order (they may come from
 * another section of the same report). Two steps, out of the way and then into place, so that
 * UNIQUE(section, ordinal) never sees a collision midway.
 */
export function placeSentences(db: SqliteDatabase, sectionRef: number, sentenceRefs: readonly number[]): void {
  const away = stmt(db, 'UPDATE report_sentences SET section_ref = ?, ordinal = ? WHERE id = ?');
  sentenceRefs.forEach((ref, i) => away.run(sectionRef, SHIFT_OFFSET + i, ref));
  const into = stmt(db, 'UPDATE report_sentences SET ordinal = ? WHERE id = ?');
  sentenceRefs.forEach((ref, i) => into.run(i, ref));
}
