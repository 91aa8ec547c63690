/**
 * Where sentences stand: move one within its section or to another section, and undo a deletion
 * (the sentence comes back with its id, text, origin, grounding, links and place). Both are audited
 * within the existing actions: a move is a 'sentence.update' with detail.moved, a restore a
 * 'sentence.add' with detail.restored.
 */
import { RadGroundError } from '../../errors/radground-error';
import type { SqliteDatabase } from '../../storage/database-types';
import { z } from 'zod';
import { GroundingModeSchema, SectionNameSchema, SentenceLinkSchema, SentenceOriginSchema, type SectionName, type SentenceUpdateResult } from '../schemas';
import { analyzeSentence } from '../sentence-analysis';
import { contextOf } from '../report-view';
import { listAudit } from '../store/audit-log';
import { sectionRef } from '../store/report-rows';
import { insertSentence, openOrdinal, placeSentences, sectionSentenceRefs } from '../store/report-writes';
import { stmt } from '../store/statements';
import { auditedReportEdit, auditedSentenceEdit } from './audited-edit';
import type { ReportEnv } from './report-env';
import { sentenceResult, storeLinks } from './sentence-edits';

/**
 * Moves a sentence to position `toIndex` (0-based, clamped) of `toSection` (default: its own). A
 * sentence grounded automatically is grounded again when its section changes.
 */
export function moveSentence(
  db: SqliteDatabase,
  env: ReportEnv,
  sentenceId: string,
  toIndex: number,
  toSection?: SectionName,
  actor?: string,
): SentenceUpdateResult {
  if (!Number.isInteger(toIndex) || toIndex < 0) throw new RadGroundError('BAD_REQUEST', 'toIndex must be an integer >= 0.');
  return auditedSentenceEdit(db, env, 'sentence.update', actor, sentenceId, (s, report, now) => {
    const target = toSection ?? s.section;
    const targetRef = sectionRef(db, report.id, target);
    const others = sectionSentenceRefs(db, targetRef).filter((ref) => ref !== s.id);
    const index = Math.min(toIndex, others.length);
    const fromIndex = sectionSentenceRefs(db, s.section_ref).indexOf(s.id);
    if (target === s.section && index === fromIndex) return { detail: {}, result: sentenceResult(db, report, s.id, s.uid), unchanged: true };
    placeSentences(db, targetRef, [...others.slice(0, index), s.id, ...others.slice(index)]);
    if (target !== s.section) {
      placeSentences(db, s.section_ref, sectionSentenceRefs(db, s.section_ref));
      if (s.grounding === 'auto') {
        const { links } = analyzeSentence(s.text, target, contextOf(db, report), null);
        storeLinks(db, s.id, links);
      }
    }
    stmt(db, 'UPDATE report_sentences SET updated_at = ? WHERE id = ?').run(now, s.id);
    return {
      detail: { sentenceId: s.uid, moved: { fromSection: s.section, fromIndex, toSection: target, toIndex: index } },
      result: sentenceResult(db, report, s.id, s.uid),
    };
  });
}

const DeletedSentenceSchema = z.object({
  sentenceId: z.string(),
  section: SectionNameSchema,
  ordinal: z.number().int().nonnegative(),
  text: z.string().min(1),
  origin: SentenceOriginSchema,
  grounding: GroundingModeSchema,
  links: z.array(SentenceLinkSchema),
});

/** Puts back a deleted sentence (undo): NOT_FOUND when the report never deleted it, CONFLICT when it exists. */
export function restoreSentence(db: SqliteDatabase, env: ReportEnv, reportId: string, sentenceId: string, actor?: string): SentenceUpdateResult {
  return auditedReportEdit(db, env, 'sentence.add', actor, reportId, (report, now) => {
    if (stmt(db, 'SELECT 1 FROM report_sentences WHERE uid = ?').get(sentenceId)) {
      throw new RadGroundError('CONFLICT', `Sentence ${sentenceId} exists; there is nothing to restore.`, { sentenceId });
    }
    const entry = listAudit(db, report.id, report.uid)
      .reverse()
      .find((e) => e.action === 'sentence.delete' && e.detail.sentenceId === sentenceId);
    const deleted = entry ? DeletedSentenceSchema.safeParse(entry.detail) : null;
    if (!deleted?.success) throw new RadGroundError('NOT_FOUND', `Report ${report.uid} has no deleted sentence ${sentenceId} to restore.`, { sentenceId });
    const d = deleted.data;
    const secRef = sectionRef(db, report.id, d.section);
    const ordinal = openOrdinal(db, secRef, d.ordinal - 1);
    const ref = insertSentence(db, { uid: d.sentenceId, sectionRef: secRef, ordinal, text: d.text, origin: d.origin, grounding: d.grounding, now });
    storeLinks(db, ref, d.links);
    return { detail: { sentenceId: d.sentenceId, section: d.section, ordinal, text: d.text, restored: true, links: d.links }, result: sentenceResult(db, report, ref, d.sentenceId) };
  });
}
