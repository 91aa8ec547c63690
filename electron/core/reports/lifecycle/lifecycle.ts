/**
 * Report lifecycle: draft <-> preliminary -> final (sign) -> amended (addenda).
 *
 * sign: the content hash (SHA-256 over canonical JSON of sections, sentences and links) is stored
 * with the signer and time; the report is immutable from then on (repository: CONFLICT; SQLite
 * triggers: RAISE). Signing with unresolved error checks needs an override reason, recorded in the
 * audit log ('override' row, listing the errors) before the 'sign' row; without one: CONFLICT
 * listing the errors.
 *
 * addendum: appended text with its own hash chained to the report's current hash; the report moves
 * to status 'amended' and the next version (content_hash = the addendum's hash, previous_hash = the
 * hash before).
 *
 * Both are signed with the install's Ed25519 key and appended to the database's signature ledger
 * (signature-ledger.ts); a signing's entry carries a snapshot of every linked region (the evidence),
 * which the triggers of migration 8 then freeze.
 */
import { RadGroundError } from '../../errors/radground-error';
import type { SqliteDatabase } from '../../storage/database-types';
import { contentHash } from '../hashing/report-hashes';
import { evidenceDigest, linkedRegionSnapshots } from '../hashing/region-evidence';
import { currentContentHash } from '../operations/audited-edit';
import type { ReportEnv } from '../operations/report-env';
import { contextOf, linksOf } from '../report-view';
import type { Check, ReportStatus } from '../schemas';
import { checkStoredSentence } from '../sentence-analysis';
import { appendAudit } from '../store/audit-log';
import { assertEditable, getReportRow, isSigned, loadContent, toHashedContent, type ReportRow, type StoredContent } from '../store/report-rows';
import { setStatusRow, signRow } from '../store/report-writes';
import { appendAddendum } from '../operations/append-addendum';
import { writeTransaction } from '../store/statements';
import { assertNotImported } from '../imported/imported-documents';
import { appendLedgerEntry } from './signature-ledger';
import { signingKeyFor } from './signing-key';

export interface SignOverride {
  reason: string;
}

export interface SentenceError extends Check {
  sentenceId: string;
  section: string;
  text: string;
}

/** Every error check of the report's sentences, as signing sees them. */
export function reportErrors(db: SqliteDatabase, report: ReportRow, content: StoredContent = loadContent(db, report)): SentenceError[] {
  const ctx = contextOf(db, report);
  const out: SentenceError[] = [];
  for (const sec of content.sections) {
    for (const s of sec.sentences) {
      for (const c of checkStoredSentence(s.text, s.section, linksOf(s), ctx)) {
        if (c.severity === 'error') out.push({ ...c, sentenceId: s.uid, section: s.section, text: s.text });
      }
    }
  }
  return out;
}

export function setStatus(db: SqliteDatabase, env: ReportEnv, reportId: string, status: ReportStatus, actor?: string): void {
  if (status === 'final' || status === 'amended') {
    throw new RadGroundError('BAD_REQUEST', status === 'final' ? 'Use sign() to make a report final.' : 'A report is amended by adding an addendum.');
  }
  writeTransaction(db, () => {
    const report = getReportRow(db, reportId);
    assertNotImported(db, report, 'a status change');
    assertEditable(report);
    if (report.status === status) return;
    const now = env.now();
    const hash = currentContentHash(db, report);
    setStatusRow(db, report.id, status, now);
    appendAudit(db, {
      reportRef: report.id,
      reportId: report.uid,
      actor: actor ?? report.author,
      action: 'status',
      at: now,
      detail: { from: report.status, to: status },
      hashBefore: hash,
      hashAfter: hash,
    });
  });
}

/** Signs the report (status final). Returns the content hash that was signed. */
export function signReport(db: SqliteDatabase, env: ReportEnv, reportId: string, signer: string, override?: SignOverride | null): string {
  const who = signer.trim();
  if (!who) throw new RadGroundError('BAD_REQUEST', 'Signing needs the signer.');
  const key = signingKeyFor(db, true)!;
  let afterCommit = (): void => {};
  const signed = writeTransaction(db, () => {
    const report = getReportRow(db, reportId);
    assertNotImported(db, report, 'signing');
    if (isSigned(report.status)) {
      throw new RadGroundError('CONFLICT', `Report ${reportId} is already signed (${report.status}).`, { reportId, status: report.status });
    }
    const content = loadContent(db, report);
    const errors = reportErrors(db, report, content);
    const reason = override?.reason?.trim() ?? '';
    if (errors.length > 0 && !reason) {
      throw new RadGroundError(
        'CONFLICT',
        `Report ${reportId} has ${errors.length} unresolved error(s); fix them or sign with an override reason:\n` +
          errors.map((e) => `- [${e.kind}] “${e.text}”: ${e.message}`).join('\n'),
        { reportId, errors: errors.map((e) => ({ sentenceId: e.sentenceId, section: e.section, kind: e.kind, message: e.message, regionIds: e.regionIds })) },
      );
    }
    const at = env.now();
    const hash = contentHash(toHashedContent(content));
    if (errors.length > 0) {
      appendAudit(db, {
        reportRef: report.id,
        reportId: report.uid,
        actor: who,
        action: 'override',
        at,
        detail: { reason, errors: errors.map((e) => ({ sentenceId: e.sentenceId, kind: e.kind, message: e.message })) },
        hashBefore: hash,
        hashAfter: hash,
      });
    }
    signRow(db, report.id, who, at, hash);
    appendAudit(db, {
      reportRef: report.id,
      reportId: report.uid,
      actor: who,
      action: 'sign',
      at,
      detail: { from: report.status, to: 'final', overridden: errors.length },
      hashBefore: hash,
      hashAfter: hash,
    });
    const evidence = linkedRegionSnapshots(db, report.id);
    afterCommit = appendLedgerEntry(db, key, {
      kind: 'radground.signature/1',
      action: 'sign',
      reportId: report.uid,
      studyInstanceUid: report.study_instance_uid,
      version: 1,
      contentHash: hash,
      signer: who,
      signedAt: at,
      evidenceDigest: evidenceDigest(evidence),
      evidence,
    });
    return hash;
  });
  afterCommit();
  return signed;
}

export interface AddedAddendum {
  id: string;
  hash: string;
  previousHash: string;
  createdAt: string;
}

export function addAddendum(db: SqliteDatabase, env: ReportEnv, reportId: string, text: string, author: string): AddedAddendum {
  const clean = text.trim();
  const who = author.trim();
  if (!clean) throw new RadGroundError('BAD_REQUEST', 'An addendum cannot be empty.');
  if (!who) throw new RadGroundError('BAD_REQUEST', 'An addendum needs its author.');
  const key = signingKeyFor(db, true)!;
  let afterCommit = (): void => {};
  const added = writeTransaction(db, () => {
    const report = getReportRow(db, reportId);
    assertNotImported(db, report, 'an addendum');
    if (!isSigned(report.status) || report.content_hash === null) {
      throw new RadGroundError('CONFLICT', `Report ${reportId} is not signed (${report.status}); edit it instead of adding an addendum.`, {
        reportId,
        status: report.status,
      });
    }
    const createdAt = env.now();
    const id = env.newId();
    const previousHash = report.content_hash;
    const hash = appendAddendum(db, { report, addendumId: id, text: clean, author: who, createdAt, previousHash, version: report.version + 1 });
    afterCommit = appendLedgerEntry(db, key, {
      kind: 'radground.signature/1',
      action: 'addendum',
      reportId: report.uid,
      version: report.version + 1,
      contentHash: hash,
      previousHash,
      addendumId: id,
      author: who,
      createdAt,
    });
    return { id, hash, previousHash, createdAt };
  });
  afterCommit();
  return added;
}
