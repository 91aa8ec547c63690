/**
 * Recomputes a report's hashes from what is stored and compares them with the recorded ones:
 *
 *  - audit chain: every row's previous_entry_hash is the row before's entry_hash, and its
 *    entry_hash is the hash of its own fields (an edited actor, time, detail or hash shows);
 *  - content: unsigned, the last audit row's hash_after is the content hash now (every change is
 *    audited, so a change made around the repository shows); signed, the 'sign' row's hash_after is
 *    the content hash now, and signer and time match the report row;
 *  - addenda: each chains to the hash before (the signed hash first), each hash recomputes, each
 *    has its 'addendum' audit row; the report's content_hash is the newest, previous_hash the one
 *    before, version = 1 + the number of addenda;
 *  - signatures (verify-signatures.ts): the ledger's signed entries of the report, the snapshot of
 *    its linked regions, and the install's key.
 */
import type { SqliteDatabase } from '../../storage/database-types';
import { addendumHash, auditEntryHash } from '../hashing/report-hashes';
import { currentContentHash } from '../operations/audited-edit';
import { addendaOf } from '../report-view';
import type { ChainVerification } from '../schemas';
import { listAudit } from '../store/audit-log';
import { getReportRow, isSigned } from '../store/report-rows';
import { signatureNotices, signatureProblems } from './verify-signatures';

type Problem = ChainVerification['problems'][number];

export function verifyReportChain(db: SqliteDatabase, reportId: string): ChainVerification {
  const report = getReportRow(db, reportId);
  const problems: Problem[] = [];
  const recomputed = currentContentHash(db, report);
  const audit = listAudit(db, report.id, report.uid);

  let previous: string | null = null;
  for (const e of audit) {
    if (e.previousEntryHash !== previous) problems.push({ what: 'audit', message: `Audit row ${e.seq} (${e.action}) does not chain to the row before it.` });
    const expected = auditEntryHash({
      previousEntryHash: e.previousEntryHash,
      reportId: report.uid,
      actor: e.actor,
      action: e.action,
      at: e.at,
      detail: e.detail,
      hashBefore: e.hashBefore,
      hashAfter: e.hashAfter,
    });
    if (expected !== e.entryHash) problems.push({ what: 'audit', message: `Audit row ${e.seq} (${e.action}) was altered: its hash does not match its fields.` });
    previous = e.entryHash;
  }
  if (audit.length === 0 || audit[0]!.action !== 'create') problems.push({ what: 'audit', message: 'The audit log does not start with the report’s creation.' });

  if (!isSigned(report.status)) {
    const last = audit[audit.length - 1];
    if (last && last.hashAfter !== recomputed) {
      problems.push({ what: 'content', message: 'The report’s content differs from the last audited state: it was changed outside the audited operations.' });
    }
    if (report.content_hash !== null || report.signed_at !== null) problems.push({ what: 'report', message: 'An unsigned report carries signature fields.' });
  } else {
    const signs = audit.filter((e) => e.action === 'sign');
    const sign = signs[0];
    if (signs.length !== 1 || !sign) {
      problems.push({ what: 'signature', message: `Expected one 'sign' audit row, found ${signs.length}.` });
    } else {
      if (sign.hashAfter !== recomputed) problems.push({ what: 'content', message: 'The signed content was altered: its hash no longer matches the hash recorded at signing.' });
      if (sign.actor !== report.signed_by || sign.at !== report.signed_at) problems.push({ what: 'signature', message: 'Signer or signing time differ from the audit log.' });
    }
    const addenda = addendaOf(db, report.id);
    let head = sign?.hashAfter ?? recomputed;
    let before: string | null = null;
    for (const a of addenda) {
      if (a.previousHash !== head) problems.push({ what: 'addendum', message: `Addendum ${a.id} does not chain to the hash before it.` });
      const expected = addendumHash({ previousHash: a.previousHash, reportId: report.uid, addendumId: a.id, text: a.text, author: a.author, createdAt: a.createdAt });
      if (expected !== a.hash) problems.push({ what: 'addendum', message: `Addendum ${a.id} was altered: its hash does not match its text.` });
      if (!audit.some((e) => e.action === 'addendum' && e.hashAfter === a.hash && e.hashBefore === a.previousHash)) {
        problems.push({ what: 'addendum', message: `Addendum ${a.id} has no matching audit row.` });
      }
      before = head;
      head = a.hash;
    }
    if (report.content_hash !== head) problems.push({ what: 'report', message: 'The report’s content hash is not the head of its chain.' });
    if (report.previous_hash !== before) problems.push({ what: 'report', message: 'The report’s previous hash does not match its chain.' });
    if (report.version !== 1 + addenda.length) problems.push({ what: 'report', message: `Version ${report.version} does not match ${addenda.length} addenda.` });
    if (addenda.length > 0 && report.status !== 'amended') problems.push({ what: 'report', message: 'A report with addenda should be amended.' });
  }
  problems.push(...signatureProblems(db, report, recomputed));
  return { reportId: report.uid, ok: problems.length === 0, recomputedContentHash: recomputed, problems, notices: signatureNotices(db, report) };
}
