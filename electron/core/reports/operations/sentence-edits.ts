/**
 * Sentence edits of an unsigned report. Each is its own transaction with its audit row (autosave:
 * nothing typed is lost once the call returns). Editing re-grounds the sentence unless its grounding
 * is manual (a person linked or unlinked a region: their links stay).
 */
import { RadGroundError } from '../../errors/radground-error';
import type { SqliteDatabase } from '../../storage/database-types';
import { contextOf, linksOf, sentenceView } from '../report-view';
import type { SectionName, SentenceLink, SentenceUpdateResult } from '../schemas';
import { analyzeSentence } from '../sentence-analysis';
import { adoptDrawnRegions, regionRefs } from '../store/region-rows';
import { getSentenceRow, sectionRef, sentenceLinks, type ReportRow } from '../store/report-rows';
import { deleteSentenceRow, insertSentence, nextOrdinal, openOrdinal, replaceLinks, setGrounding, updateSentenceText } from '../store/report-writes';
import { auditedReportEdit, auditedSentenceEdit } from './audited-edit';
import type { ReportEnv } from './report-env';

export const MAX_SENTENCE_LENGTH = 4000;

/** Whether text is empty once whitespace is collapsed (an empty sentence is deleted, never stored blank). */
export function isBlankSentence(text: string): boolean {
  return text.trim() === '';
}

export function cleanSentenceText(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t) throw new RadGroundError('BAD_REQUEST', 'A sentence cannot be empty; delete it instead.');
  if (t.length > MAX_SENTENCE_LENGTH) throw new RadGroundError('BAD_REQUEST', `A sentence is limited to ${MAX_SENTENCE_LENGTH} characters.`);
  return t;
}

/** Replaces a sentence's region links (regions by id). */
export function storeLinks(db: SqliteDatabase, sentenceRef: number, links: readonly SentenceLink[]): void {
  const refs = regionRefs(db, links.map((l) => l.regionId));
  replaceLinks(db, sentenceRef, links.map((l) => ({ regionRef: refs.get(l.regionId)!, score: l.score, origin: l.origin })));
}

/** Re-reads a sentence after a change and returns it with its links and checks. */
export function sentenceResult(db: SqliteDatabase, report: ReportRow, sentenceRef: number, uid: string): SentenceUpdateResult {
  const row = getSentenceRow(db, uid);
  const stored = { ...row, links: sentenceLinks(db, sentenceRef) };
  const analysis = analyzeSentence(stored.text, stored.section, contextOf(db, report), linksOf(stored));
  return { sentence: sentenceView(stored, analysis.checks), links: analysis.links, checks: analysis.checks };
}

export function updateSentence(db: SqliteDatabase, env: ReportEnv, sentenceId: string, text: string, actor?: string): SentenceUpdateResult {
  const clean = cleanSentenceText(text);
  return auditedSentenceEdit(db, env, 'sentence.update', actor, sentenceId, (s, report, now) => {
    if (clean === s.text) return { detail: {}, result: sentenceResult(db, report, s.id, s.uid), unchanged: true };
    adoptDrawnRegions(db, report.id);
    const manual = s.grounding === 'manual' ? linksOf({ ...s, links: sentenceLinks(db, s.id) }) : null;
    const analysis = analyzeSentence(clean, s.section, contextOf(db, report), manual);
    updateSentenceText(db, s.id, clean, 'human', now);
    if (!manual) storeLinks(db, s.id, analysis.links);
    return {
      detail: { sentenceId: s.uid, section: s.section, before: s.text, after: clean, grounding: s.grounding, links: analysis.links },
      result: sentenceResult(db, report, s.id, s.uid),
    };
  });
}

/** Adds a typed sentence after `afterOrdinal` (at the end when omitted; -1: at the start). */
export function addSentence(
  db: SqliteDatabase,
  env: ReportEnv,
  reportId: string,
  section: SectionName,
  text: string,
  afterOrdinal?: number,
  actor?: string,
): SentenceUpdateResult {
  const clean = cleanSentenceText(text);
  if (afterOrdinal !== undefined && (!Number.isInteger(afterOrdinal) || afterOrdinal < -1)) {
    throw new RadGroundError('BAD_REQUEST', 'afterOrdinal must be an integer >= -1.');
  }
  return auditedReportEdit(db, env, 'sentence.add', actor, reportId, (report, now) => {
    const secRef = sectionRef(db, report.id, section);
    const ordinal = afterOrdinal === undefined ? nextOrdinal(db, secRef) : openOrdinal(db, secRef, afterOrdinal);
    const uid = env.newId();
    adoptDrawnRegions(db, report.id);
    const analysis = analyzeSentence(clean, section, contextOf(db, report), null);
    const ref = insertSentence(db, { uid, sectionRef: secRef, ordinal, text: clean, origin: 'human', grounding: 'auto', now });
    storeLinks(db, ref, analysis.links);
    return { detail: { sentenceId: uid, section, ordinal, text: clean, links: analysis.links }, result: sentenceResult(db, report, ref, uid) };
  });
}

export function deleteSentence(db: SqliteDatabase, env: ReportEnv, sentenceId: string, actor?: string): void {
  auditedSentenceEdit(db, env, 'sentence.delete', actor, sentenceId, (s) => {
    const links = sentenceLinks(db, s.id);
    deleteSentenceRow(db, s.id);
    // Everything restoreSentence needs to put it back as it was (sentence-order.ts).
    return {
      detail: {
        sentenceId: s.uid,
        section: s.section,
        ordinal: s.ordinal,
        text: s.text,
        origin: s.origin,
        grounding: s.grounding,
        regionIds: links.map((l) => l.regionId),
        links: links.map((l) => ({ regionId: l.regionId, score: l.score, origin: l.origin })),
      },
      result: undefined,
    };
  });
}

/** Back to automatic grounding: the sentence is grounded from its text again. */
export function regroundSentence(db: SqliteDatabase, env: ReportEnv, sentenceId: string, actor?: string): SentenceUpdateResult {
  return auditedSentenceEdit(db, env, 'sentence.update', actor, sentenceId, (s, report, now) => {
    const analysis = analyzeSentence(s.text, s.section, contextOf(db, report), null);
    setGrounding(db, s.id, 'auto', now);
    storeLinks(db, s.id, analysis.links);
    return { detail: { sentenceId: s.uid, section: s.section, regrounded: true, links: analysis.links }, result: sentenceResult(db, report, s.id, s.uid) };
  });
}
