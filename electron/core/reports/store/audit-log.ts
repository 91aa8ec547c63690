/** The append-only audit log of a report (report_audit_log): one hash-chained row per change. */
import type { SqliteDatabase } from '../../storage/database-types';
import { canonicalJson } from '../hashing/canonical-json';
import { auditEntryHash } from '../hashing/report-hashes';
import type { AuditAction, AuditEntry } from '../schemas';
import { stmt } from './statements';

export interface NewAuditEntry {
  reportRef: number;
  reportId: string;
  actor: string;
  action: AuditAction;
  at: string;
  detail: Record<string, unknown>;
  hashBefore: string | null;
  hashAfter: string | null;
}

interface AuditRow {
  id: number;
  actor: string;
  action: AuditAction;
  at: string;
  detail: string;
  hash_before: string | null;
  hash_after: string | null;
  previous_entry_hash: string | null;
  entry_hash: string;
}

export function appendAudit(db: SqliteDatabase, e: NewAuditEntry): string {
  const last = stmt(db, 'SELECT entry_hash FROM report_audit_log WHERE report_ref = ? ORDER BY id DESC LIMIT 1').get(e.reportRef) as
    | { entry_hash: string }
    | undefined;
  const previousEntryHash = last?.entry_hash ?? null;
  // Stored canonical, so that reading it back and hashing again gives the same text.
  const detail = JSON.parse(canonicalJson(e.detail)) as Record<string, unknown>;
  const entryHash = auditEntryHash({
    previousEntryHash,
    reportId: e.reportId,
    actor: e.actor,
    action: e.action,
    at: e.at,
    detail,
    hashBefore: e.hashBefore,
    hashAfter: e.hashAfter,
  });
  stmt(
    db,
    `INSERT INTO report_audit_log (report_ref, actor, action, at, detail, hash_before, hash_after, previous_entry_hash, entry_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.reportRef, e.actor, e.action, e.at, canonicalJson(detail), e.hashBefore, e.hashAfter, previousEntryHash, entryHash);
  return entryHash;
}

export interface StoredAuditEntry extends AuditEntry {
  previousEntryHash: string | null;
}

export function listAudit(db: SqliteDatabase, reportRef: number, reportId: string): StoredAuditEntry[] {
  const rows = stmt(
    db,
    `SELECT id, actor, action, at, detail, hash_before, hash_after, previous_entry_hash, entry_hash
     FROM report_audit_log WHERE report_ref = ? ORDER BY id`,
  ).all(reportRef) as AuditRow[];
  return rows.map((r, i) => ({
    seq: i + 1,
    reportId,
    actor: r.actor,
    action: r.action,
    at: r.at,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    hashBefore: r.hash_before,
    hashAfter: r.hash_after,
    entryHash: r.entry_hash,
    previousEntryHash: r.previous_entry_hash,
  }));
}
