/**
 * Manual links: a person links or unlinks a region. The sentence's grounding becomes 'manual', so
 * later edits of its text leave its links alone (regroundSentence goes back to automatic).
 */
import { RadGroundError } from '../../errors/radground-error';
import type { SqliteDatabase } from '../../storage/database-types';
import { groundSentence } from '../grounding/ground-sentence';
import { contextOf } from '../report-view';
import type { SentenceUpdateResult } from '../schemas';
import { regionRefs } from '../store/region-rows';
import type { ReportRow } from '../store/report-rows';
import { addReportRegions, deleteLink, insertLink, setGrounding } from '../store/report-writes';
import { auditedSentenceEdit } from './audited-edit';
import type { ReportEnv } from './report-env';
import { sentenceResult } from './sentence-edits';

/** The text's match score for the region (0 when the text does not describe it), kept for display. */
function matchScore(db: SqliteDatabase, report: ReportRow, text: string, regionId: string): number {
  const g = groundSentence(text, contextOf(db, report).grounding);
  let best = 0;
  for (const m of g.mentions) for (const r of m.ranked) if (r.features.region.id === regionId) best = Math.max(best, r.breakdown.score);
  return Math.round(best * 1000) / 1000;
}

export function linkRegion(db: SqliteDatabase, env: ReportEnv, sentenceId: string, regionId: string, actor?: string): SentenceUpdateResult {
  return auditedSentenceEdit(db, env, 'link.add', actor, sentenceId, (s, report, now) => {
    const ref = regionRefs(db, [regionId]).get(regionId)!;
    addReportRegions(db, report.id, [ref]);
    const score = matchScore(db, report, s.text, regionId);
    insertLink(db, s.id, { regionRef: ref, score, origin: 'manual' });
    setGrounding(db, s.id, 'manual', now);
    return { detail: { sentenceId: s.uid, regionId, score }, result: sentenceResult(db, report, s.id, s.uid) };
  });
}

export function unlinkRegion(db: SqliteDatabase, env: ReportEnv, sentenceId: string, regionId: string, actor?: string): SentenceUpdateResult {
  return auditedSentenceEdit(db, env, 'link.remove', actor, sentenceId, (s, report, now) => {
    const ref = regionRefs(db, [regionId]).get(regionId)!;
    if (!deleteLink(db, s.id, ref)) throw new RadGroundError('NOT_FOUND', `Sentence ${s.uid} is not linked to region ${regionId}.`, { sentenceId: s.uid, regionId });
    setGrounding(db, s.id, 'manual', now);
    return { detail: { sentenceId: s.uid, regionId }, result: sentenceResult(db, report, s.id, s.uid) };
  });
}
