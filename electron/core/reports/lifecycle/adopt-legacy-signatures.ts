/**
 * Reports signed before RadGround kept a signature ledger (listed by migration 8 in
 * legacy_signatures) get one signed 'adopt' entry each, at the first start with a signing key: the
 * content as it stood at the migration (its text and links, their hash, and the evidence snapshot
 * now) is then covered like any later signing, and verification says the report was signed before
 * signatures were kept. A report whose content changed between its signing and the migration cannot
 * be told from an untouched one; that is the limit of adopting history.
 */
import type { SqliteDatabase } from '../../storage/database-types';
import { currentContentHash } from '../operations/audited-edit';
import { evidenceDigest, linkedRegionSnapshots } from '../hashing/region-evidence';
import { getReportRow, isSigned } from '../store/report-rows';
import { stmt, writeTransaction } from '../store/statements';
import { appendLedgerEntry } from './signature-ledger';
import { signingKeyFor } from './signing-key';

interface LegacyRow {
  report_uid: string;
  content_hash: string;
  listed_at: string;
}

/** Adopts every listed report that has no ledger entry yet; returns how many were adopted. */
export function adoptLegacySignatures(db: SqliteDatabase, now: () => string = () => new Date().toISOString()): number {
  const pending = stmt(
    db,
    `SELECT l.report_uid, l.content_hash, l.listed_at FROM legacy_signatures l
     WHERE NOT EXISTS (SELECT 1 FROM signature_ledger e WHERE e.report_uid = l.report_uid) ORDER BY l.report_uid`,
  ).all() as LegacyRow[];
  if (pending.length === 0) return 0;
  const key = signingKeyFor(db, true)!;
  let adopted = 0;
  for (const legacy of pending) {
    let afterCommit = (): void => {};
    writeTransaction(db, () => {
      const report = getReportRow(db, legacy.report_uid);
      if (!isSigned(report.status) || report.content_hash !== legacy.content_hash) return; // verification will say why
      const evidence = linkedRegionSnapshots(db, report.id);
      afterCommit = appendLedgerEntry(db, key, {
        kind: 'radground.signature/1',
        action: 'adopt',
        reportId: report.uid,
        studyInstanceUid: report.study_instance_uid,
        version: report.version,
        contentHash: report.content_hash,
        baseContentHash: currentContentHash(db, report),
        signer: report.signed_by,
        signedAt: report.signed_at,
        listedAt: legacy.listed_at,
        adoptedAt: now(),
        evidenceDigest: evidenceDigest(evidence),
        evidence,
      });
      adopted++;
    });
    afterCommit();
  }
  return adopted;
}
