/**
 * The SR documents reports were restored from (imported_documents, migration 10): which report is
 * imported, and what its SR said about its signing. An imported report is read-only: the edits,
 * status changes, signing and addenda of this workstation are refused (CONFLICT).
 */
import { RadGroundError } from '../../errors/radground-error';
import type { SqliteDatabase } from '../../storage/database-types';
import type { ImportedReport } from '../schemas';
import type { ReportRow } from '../store/report-rows';
import { stmt } from '../store/statements';

export interface ImportedDocumentRow {
  sr_sop_instance_uid: string;
  report_ref: number;
  kind: 'report' | 'addendum';
  version: number;
  sr_digest: string;
  predecessor_uid: string | null;
  seg_sop_instance_uid: string | null;
  signer: string;
  signed_at: string;
  verification_flag: 'VERIFIED' | 'UNVERIFIED';
  source: 'file' | 'pacs';
  notes: string;
  imported_at: string;
}

const COLUMNS = `sr_sop_instance_uid, report_ref, kind, version, sr_digest, predecessor_uid, seg_sop_instance_uid, signer, signed_at,
  verification_flag, source, notes, imported_at`;

export function importedDocument(db: SqliteDatabase, srSopInstanceUid: string): ImportedDocumentRow | null {
  return (stmt(db, `SELECT ${COLUMNS} FROM imported_documents WHERE sr_sop_instance_uid = ?`).get(srSopInstanceUid) as ImportedDocumentRow | undefined) ?? null;
}

/** The documents of one report, oldest first (the report's SR, then its addenda SRs). */
export function importedDocumentsOf(db: SqliteDatabase, reportRef: number): ImportedDocumentRow[] {
  return stmt(db, `SELECT ${COLUMNS} FROM imported_documents WHERE report_ref = ? ORDER BY version, id`).all(reportRef) as ImportedDocumentRow[];
}

/** A document whose predecessor is this SR (it was restored first and holds this SR's content). */
export function successorOf(db: SqliteDatabase, srSopInstanceUid: string): ImportedDocumentRow | null {
  return (stmt(db, `SELECT ${COLUMNS} FROM imported_documents WHERE predecessor_uid = ? LIMIT 1`).get(srSopInstanceUid) as ImportedDocumentRow | undefined) ?? null;
}

export function isImportedReport(db: SqliteDatabase, reportRef: number): boolean {
  return stmt(db, `SELECT 1 FROM imported_documents WHERE report_ref = ? AND kind = 'report'`).get(reportRef) !== undefined;
}

/** What the report panel, the CLI and verification show of an imported report; null for a report made here. */
export function importedReportOf(db: SqliteDatabase, reportRef: number): ImportedReport | null {
  const docs = importedDocumentsOf(db, reportRef);
  const first = docs.find((d) => d.kind === 'report');
  if (!first) return null;
  const last = docs[docs.length - 1]!;
  return {
    srSopInstanceUid: first.sr_sop_instance_uid,
    latestSrSopInstanceUid: last.sr_sop_instance_uid,
    segSopInstanceUid: first.seg_sop_instance_uid,
    srDigest: first.sr_digest,
    source: first.source,
    signer: first.signer,
    signedAt: first.signed_at,
    verificationFlag: first.verification_flag,
    importedAt: first.imported_at,
    notes: docs.flatMap((d) => JSON.parse(d.notes) as string[]),
  };
}

/** CONFLICT for an imported report: it is the copy of a document signed elsewhere. */
export function assertNotImported(db: SqliteDatabase, report: ReportRow, what: string): void {
  if (!isImportedReport(db, report.id)) return;
  throw new RadGroundError('CONFLICT', `Report ${report.uid} was imported from a DICOM SR signed elsewhere; it is read-only (${what} refused).`, {
    reportId: report.uid,
    imported: true,
  });
}
