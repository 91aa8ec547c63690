/**
 * Stores a drafted report: the report row and its sections, the drafted sentences with their links
 * (origin 'auto', score 1: drafting knows exactly which region each sentence describes), the
 * candidate regions, and the 'create' audit row, in one transaction.
 */
import { RadGroundError } from '../../errors/radground-error';
import type { Region } from '../../regions/region';
import type { SqliteDatabase } from '../../storage/database-types';
import type { DraftedReport } from '../drafting/draft-report';
import type { PriorExam } from '../schemas';
import { appendAudit } from '../store/audit-log';
import { regionRefs } from '../store/region-rows';
import { getReportRowByRef } from '../store/report-rows';
import { addReportRegions, insertReport, insertSentence, replaceLinks } from '../store/report-writes';
import { writeTransaction } from '../store/statements';
import { currentContentHash } from './audited-edit';
import type { ReportEnv } from './report-env';

export interface NewReportInput {
  studyInstanceUid: string;
  author: string;
  prior: PriorExam | null;
  /** The regions the report is grounded against (must be stored: regions table of 0002). */
  regions: readonly Region[];
  draft: DraftedReport;
  /** Where the text came from, recorded in the 'create' audit row. */
  source?: ReportSource;
  /** Who the 'create' audit row credits (drafted text: the model pack and version); default the author. */
  createdBy?: string;
}

export type ReportSource = { kind: 'model'; modelId: string; modelVersion: string } | { kind: 'template'; templateId: string | null };

/** The audit actor of drafted text: the model pack and its version. */
export function modelActor(modelId: string, modelVersion: string): string {
  return `model ${modelId} ${modelVersion}`;
}

/** Returns the new report's id. NOT_FOUND when a region is not stored. */
export function createReport(db: SqliteDatabase, env: ReportEnv, input: NewReportInput): string {
  if (!input.studyInstanceUid.trim()) throw new RadGroundError('BAD_REQUEST', 'A report needs a study UID.');
  if (!input.author.trim()) throw new RadGroundError('BAD_REQUEST', 'A report needs an author.');
  return writeTransaction(db, () => {
    const now = env.now();
    const uid = env.newId();
    const linked = input.draft.sections.flatMap((s) => s.sentences.flatMap((t) => t.regionIds));
    const refs = regionRefs(db, [...input.regions.map((r) => r.id), ...linked]);
    const { ref, sections } = insertReport(db, { uid, studyInstanceUid: input.studyInstanceUid, author: input.author, prior: input.prior, now });
    addReportRegions(db, ref, refs.values());
    let sentenceCount = 0;
    for (const section of input.draft.sections) {
      section.sentences.forEach((s, ordinal) => {
        const sentenceRef = insertSentence(db, {
          uid: env.newId(),
          sectionRef: sections.get(section.name)!,
          ordinal,
          text: s.text,
          origin: s.origin,
          grounding: 'auto',
          now,
        });
        replaceLinks(db, sentenceRef, [...new Set(s.regionIds)].map((id) => ({ regionRef: refs.get(id)!, score: 1, origin: 'auto' as const })));
        sentenceCount++;
      });
    }
    const report = getReportRowByRef(db, ref);
    appendAudit(db, {
      reportRef: ref,
      reportId: uid,
      actor: input.createdBy ?? input.author,
      action: 'create',
      at: now,
      detail: {
        studyInstanceUid: input.studyInstanceUid,
        sentences: sentenceCount,
        regionIds: [...refs.keys()],
        prior: input.prior,
        ...(input.source ? { source: input.source, author: input.author } : {}),
      },
      hashBefore: null,
      hashAfter: currentContentHash(db, report),
    });
    return uid;
  });
}
