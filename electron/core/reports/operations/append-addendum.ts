import type { SqliteDatabase } from '../../storage/database-types';
import { addendumHash } from '../hashing/report-hashes';
import { appendAudit } from '../store/audit-log';
import { insertAddendum } from '../store/report-writes';

export interface AddendumToAppend {
  report: { id: number; uid: string };
  addendumId: string;
  text: string;
  author: string;
  createdAt: string;
  /** The hash the addendum chains onto: the signed content's, or the previous addendum's. */
  previousHash: string;
  /** The report's version once this addendum is added (recorded in the audit entry). */
  version: number;
  /** More audit detail after addendumId, text and version (e.g. where an imported addendum came from). */
  detail?: Record<string, unknown>;
}

/**
 * An addendum row chained onto `previousHash`, and its audit entry; the one way an addendum is written
 * (signed here, or restored from an SR). Returns the addendum's hash. Runs inside the caller's transaction.
 */
export function appendAddendum(db: SqliteDatabase, a: AddendumToAppend): string {
  const hash = addendumHash({ previousHash: a.previousHash, reportId: a.report.uid, addendumId: a.addendumId, text: a.text, author: a.author, createdAt: a.createdAt });
  insertAddendum(db, { uid: a.addendumId, reportRef: a.report.id, text: a.text, author: a.author, createdAt: a.createdAt, hash, previousHash: a.previousHash });
  appendAudit(db, {
    reportRef: a.report.id,
    reportId: a.report.uid,
    actor: a.author,
    action: 'addendum',
    at: a.createdAt,
    detail: { addendumId: a.addendumId, text: a.text, version: a.version, ...a.detail },
    hashBefore: a.previousHash,
    hashAfter: hash,
  });
  return hash;
}
