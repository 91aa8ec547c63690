/**
 * Verification of every report of a database (or one): each report's chain and signatures
 * (verifyReportChain), every report the ledger names but the database no longer has, and the
 * ledger itself (chain, signatures, head file). The shape `radground verify --json` prints.
 */
import { RadGroundError } from '../../errors/radground-error';
import type { SqliteDatabase } from '../../storage/database-types';
import type { ChainVerification } from '../schemas';
import { stmt } from '../store/statements';
import { ledgerEntries, ledgerProblems } from './signature-ledger';
import { signingKeyFor } from './signing-key';
import { verifyReportChain } from './verify-chain';

type Problem = ChainVerification['problems'][number];

export interface ReportVerification {
  id: string;
  ok: boolean;
  problems: Problem[];
  /** What is not a problem but should be said (a report imported from an SR, one signed before signatures were kept). */
  notices: string[];
}

export interface DatabaseVerification {
  ok: boolean;
  reports: ReportVerification[];
  ledger: { ok: boolean; entries: number; problems: string[] };
}

function reportExists(db: SqliteDatabase, uid: string): boolean {
  return stmt(db, 'SELECT 1 FROM reports WHERE uid = ?').get(uid) !== undefined;
}

function verifyOne(db: SqliteDatabase, uid: string): ReportVerification {
  if (!reportExists(db, uid)) {
    const signedAt = ledgerEntries(db).find((e) => e.reportId === uid);
    if (!signedAt) throw new RadGroundError('NOT_FOUND', `No report ${uid}.`, { reportId: uid });
    return { id: uid, ok: false, problems: [{ what: 'report', message: `This report was signed (ledger entry ${signedAt.seq}) but is no longer in the database: it was deleted.` }], notices: [] };
  }
  const v = verifyReportChain(db, uid);
  return { id: uid, ok: v.ok, problems: v.problems, notices: v.notices };
}

/** One report (reportId) or all of them (null), with the ledger's own checks. */
export function verifyDatabase(db: SqliteDatabase, reportId: string | null): DatabaseVerification {
  const ids =
    reportId !== null
      ? [reportId]
      : [...new Set([...(stmt(db, 'SELECT uid FROM reports ORDER BY id').all() as { uid: string }[]).map((r) => r.uid), ...ledgerEntries(db).map((e) => e.reportId)])];
  const reports = ids.map((id) => verifyOne(db, id));
  const problems = ledgerProblems(db, signingKeyFor(db, false));
  const ledger = { ok: problems.length === 0, entries: ledgerEntries(db).length, problems };
  return { ok: ledger.ok && reports.every((r) => r.ok), reports, ledger };
}
