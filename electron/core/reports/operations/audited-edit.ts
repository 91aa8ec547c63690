/**
 * One change to an unsigned report, as one IMMEDIATE transaction: check the report is editable
 * (CONFLICT otherwise), hash its content, apply the change, hash again, append the audit row. A
 * crash at any point leaves either the whole change (and its audit row) or none of it.
 */
import type { SqliteDatabase } from '../../storage/database-types';
import { contentHash } from '../hashing/report-hashes';
import type { AuditAction } from '../schemas';
import { assertNotImported } from '../imported/imported-documents';
import { appendAudit } from '../store/audit-log';
import { assertEditable, getReportRow, getReportRowByRef, getSentenceRow, loadContent, toHashedContent, type ReportRow, type SentenceRow } from '../store/report-rows';
import { touchReport } from '../store/report-writes';
import { writeTransaction } from '../store/statements';
import type { ReportEnv } from './report-env';

export function currentContentHash(db: SqliteDatabase, report: ReportRow): string {
  return contentHash(toHashedContent(loadContent(db, report)));
}

export interface EditOutcome<T> {
  detail: Record<string, unknown>;
  result: T;
  /** Nothing changed: no audit row, no timestamp update. */
  unchanged?: boolean;
}

export function auditedEdit<T>(
  db: SqliteDatabase,
  env: ReportEnv,
  action: AuditAction,
  actor: string | undefined,
  resolve: () => ReportRow,
  apply: (report: ReportRow, now: string) => EditOutcome<T>,
): T {
  return writeTransaction(db, () => {
    const report = resolve();
    assertNotImported(db, report, 'editing');
    assertEditable(report);
    const now = env.now();
    const before = currentContentHash(db, report);
    const outcome = apply(report, now);
    if (outcome.unchanged) return outcome.result;
    touchReport(db, report.id, now);
    appendAudit(db, {
      reportRef: report.id,
      reportId: report.uid,
      actor: actor ?? report.author,
      action,
      at: now,
      detail: outcome.detail,
      hashBefore: before,
      hashAfter: currentContentHash(db, report),
    });
    return outcome.result;
  });
}

/** auditedEdit of a report by id: the report is read inside the transaction. */
export function auditedReportEdit<T>(
  db: SqliteDatabase,
  env: ReportEnv,
  action: AuditAction,
  actor: string | undefined,
  reportId: string,
  apply: (report: ReportRow, now: string) => EditOutcome<T>,
): T {
  return auditedEdit(db, env, action, actor, () => getReportRow(db, reportId), apply);
}

/** auditedEdit of one sentence: the sentence (by id) and its report are read inside the transaction. */
export function auditedSentenceEdit<T>(
  db: SqliteDatabase,
  env: ReportEnv,
  action: AuditAction,
  actor: string | undefined,
  sentenceId: string,
  apply: (sentence: SentenceRow, report: ReportRow, now: string) => EditOutcome<T>,
): T {
  let sentence: SentenceRow;
  return auditedEdit(
    db,
    env,
    action,
    actor,
    () => {
      sentence = getSentenceRow(db, sentenceId);
      return getReportRowByRef(db, sentence.report_ref);
    },
    (report, now) => apply(sentence, report, now),
  );
}
