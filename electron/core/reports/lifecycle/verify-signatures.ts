/**
 * A report against its entries in the signature ledger: every entry is signed by this install's
 * key and unaltered; the signing's entry holds the content hash recomputed now and a snapshot of
 * the linked regions equal to what is stored now; each addendum has its entry; the newest entry is
 * the report's content hash. An unsigned report has no entry. Hashes alone can be recomputed by
 * whoever edits the database; the signatures cannot be made without the key.
 */
import type { SqliteDatabase } from '../../storage/database-types';
import { describeEvidenceChanges, evidenceDigest, linkedRegionSnapshots, type RegionSnapshot } from '../hashing/region-evidence';
import { addendaOf } from '../report-view';
import type { ChainVerification } from '../schemas';
import { isSigned, type ReportRow } from '../store/report-rows';
import { importedReportOf, isImportedReport } from '../imported/imported-documents';
import { ledgerEntriesOf, ledgerEntryHash, type LedgerEntry } from './signature-ledger';
import { stmt } from '../store/statements';
import { signingKeyFor } from './signing-key';

type Problem = ChainVerification['problems'][number];

export function signatureProblems(db: SqliteDatabase, report: ReportRow, recomputedContentHash: string): Problem[] {
  const problems: Problem[] = [];
  const sig = (message: string) => problems.push({ what: 'signature', message });
  const entries = ledgerEntriesOf(db, report.uid);
  if (!isSigned(report.status)) {
    if (entries.length > 0) sig(`The ledger records this report as signed (entry ${entries[0]!.seq}), but it is now ${report.status}.`);
    return problems;
  }
  if (entries.length === 0) {
    sig('The signature ledger has no entry for this signed report: it was signed outside RadGround, before signatures were kept, or its entry was removed.');
    return problems;
  }
  const key = signingKeyFor(db, false);
  if (!key) sig('The signing key of this data folder is missing: the signature cannot be checked.');
  const payloads: Record<string, unknown>[] = [];
  for (const e of entries) {
    if (ledgerEntryHash(e) !== e.entryHash) sig(`Ledger entry ${e.seq} was altered: its hash does not match its fields.`);
    if (key && (e.keyId !== key.keyId || !key.verify(e.payload, e.signature))) sig(`Ledger entry ${e.seq} does not carry a valid signature by this install's key.`);
    let p: Record<string, unknown> = {};
    try {
      p = JSON.parse(e.payload) as Record<string, unknown>;
    } catch {
      sig(`Ledger entry ${e.seq} has an unreadable payload.`);
    }
    if (p.reportId !== report.uid || p.contentHash !== e.contentHash || p.version !== e.version || p.action !== e.action) {
      sig(`Ledger entry ${e.seq} does not match its signed payload.`);
    }
    payloads.push(p);
  }
  const first = entries[0]!;
  const signing = payloads[0]!;
  if (first.action === 'import') return [...problems, ...importedSignatureProblems(db, report, recomputedContentHash, entries, payloads)];
  // A report signed before signatures were kept was adopted (adopt-legacy-signatures.ts): its entry
  // covers the report as it stood then, addenda included.
  const adopted = first.action === 'adopt';
  if (adopted && !isLegacySignature(db, report.uid)) sig('The ledger adopts this report as signed before signatures were kept, but it was not signed then.');
  if (!adopted && (first.action !== 'sign' || first.version !== 1)) sig('The first ledger entry of this report is not its signing.');
  const signedBase = adopted ? signing.baseContentHash : signing.contentHash;
  if (signedBase !== recomputedContentHash) {
    problems.push({ what: 'content', message: 'The report’s text or links differ from what was signed (the signed hash in the ledger no longer matches).' });
  }
  if (signing.signer !== report.signed_by || signing.signedAt !== report.signed_at) sig('Signer or signing time differ from the signed ledger entry.');
  const signedEvidence = Array.isArray(signing.evidence) ? (signing.evidence as RegionSnapshot[]) : [];
  if (evidenceDigest(signedEvidence) !== signing.evidenceDigest) sig('The evidence snapshot in the ledger does not match its digest.');
  for (const change of describeEvidenceChanges(signedEvidence, linkedRegionSnapshots(db, report.id))) {
    problems.push({ what: 'content', message: `Evidence changed after signing: ${change}` });
  }
  const addenda = addendaOf(db, report.id);
  const covered = adopted ? first.version - 1 : 0;
  addenda.forEach((a, i) => {
    if (i < covered) return;
    const p = payloads[i - covered + 1];
    if (!p || p.action !== 'addendum' || p.contentHash !== a.hash || p.previousHash !== a.previousHash || p.addendumId !== a.id) {
      problems.push({ what: 'addendum', message: `Addendum ${a.id} has no matching signed ledger entry.` });
    }
  });
  const expected = 1 + addenda.length - covered;
  if (entries.length !== expected) sig(`The ledger has ${entries.length} signed entries for this report; its history has ${expected}.`);
  const ledgerVersion = first.version + entries.length - 1;
  if (ledgerVersion !== report.version) sig(`The ledger records version ${ledgerVersion}; the report says ${report.version}.`);
  if (entries[entries.length - 1]!.contentHash !== report.content_hash) sig('The report’s content hash is not the newest signed one.');
  return problems;
}

/**
 * A report restored from a DICOM SR (reports/imported/): its ledger entries are all 'import' ones,
 * each covering the report up to its version (the first also the content and the region evidence
 * as restored). They attest this copy of the SR; the original signature is not RadGround's to check.
 */
function importedSignatureProblems(db: SqliteDatabase, report: ReportRow, recomputed: string, entries: LedgerEntry[], payloads: Record<string, unknown>[]): Problem[] {
  const problems: Problem[] = [];
  const sig = (message: string) => problems.push({ what: 'signature', message });
  const signing = payloads[0]!;
  if (entries.some((e) => e.action !== 'import')) sig('This imported report has ledger entries of a signing made here.');
  if (!isImportedReport(db, report.id)) sig('The ledger records this report as imported from an SR, but it has no imported document.');
  if (signing.baseContentHash !== recomputed) {
    problems.push({ what: 'content', message: 'The report’s text or links differ from what was imported (the hash in the ledger no longer matches).' });
  }
  if (signing.signer !== report.signed_by || signing.signedAt !== report.signed_at) sig('Signer or signing time differ from the ledger entry of the import.');
  const evidence = Array.isArray(signing.evidence) ? (signing.evidence as RegionSnapshot[]) : [];
  if (evidenceDigest(evidence) !== signing.evidenceDigest) sig('The evidence snapshot in the ledger does not match its digest.');
  for (const change of describeEvidenceChanges(evidence, linkedRegionSnapshots(db, report.id))) problems.push({ what: 'content', message: `Evidence changed after import: ${change}` });
  const addenda = addendaOf(db, report.id);
  entries.forEach((e, i) => {
    if (i > 0 && e.version <= entries[i - 1]!.version) sig(`Ledger entry ${e.seq} does not move the imported report to a later version.`);
    const expected = e.version === 1 ? undefined : addenda[e.version - 2]?.hash;
    if (e.version > 1 && expected !== e.contentHash) problems.push({ what: 'addendum', message: `The addenda differ from what was imported (ledger entry ${e.seq}).` });
  });
  const last = entries[entries.length - 1]!;
  if (last.version !== report.version) sig(`The ledger records version ${last.version}; the report says ${report.version}.`);
  if (last.contentHash !== report.content_hash) sig('The report’s content hash is not the newest imported one.');
  return problems;
}

function isLegacySignature(db: SqliteDatabase, reportId: string): boolean {
  return stmt(db, 'SELECT 1 FROM legacy_signatures WHERE report_uid = ?').get(reportId) !== undefined;
}

/** What a reader should know that is not a problem: a report signed before signatures were kept. */
export function signatureNotices(db: SqliteDatabase, report: ReportRow): string[] {
  const first = ledgerEntriesOf(db, report.uid)[0];
  const imported = first?.action === 'import' ? importedReportOf(db, report.id) : null;
  if (imported) {
    const source = imported.source === 'pacs' ? 'retrieved from a PACS' : 'read from a file';
    return [
      `Imported from SR ${imported.srSopInstanceUid} (${source}), signed by ${imported.signer} at ${imported.signedAt} (${imported.verificationFlag}; not signed on this workstation: the SR carries no signature RadGround can check).`,
    ];
  }
  if (!first || first.action !== 'adopt') return [];
  let adoptedAt: string;
  try {
    adoptedAt = String((JSON.parse(first.payload) as { adoptedAt?: unknown }).adoptedAt ?? '');
  } catch {
    adoptedAt = '';
  }
  return [`Signed ${report.signed_at ?? ''} before RadGround kept signatures; covered by the signature ledger since ${adoptedAt}.`];
}
