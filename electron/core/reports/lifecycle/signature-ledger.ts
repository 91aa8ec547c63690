/**
 * The database's signature ledger (migration 8): every signing and addendum, in order, as one
 * hash chain of Ed25519-signed entries. Its head (seq and entry hash) is also kept, signed, in a
 * small file beside the database (`<db>.ledger-head`), so removing the newest entries or swapping the
 * ledger shows even where every row still chains.
 *
 * Crash safety: the head file is written twice per signature. Inside the transaction, before
 * COMMIT, it records the new entry as `pending` next to the `committed` head; after COMMIT, the new
 * entry becomes `committed`. A kill between the two leaves a ledger whose head is either
 * `committed` (the transaction was lost) or `pending` (it committed): both verify.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { canonicalJson } from '../hashing/canonical-json';
import { sha256Hex } from '../hashing/report-hashes';
import type { SqliteDatabase } from '../../storage/database-types';
import { stmt } from '../store/statements';
import { ledgerHeadPath, type SigningKey } from './signing-key';

export interface LedgerPayload extends Record<string, unknown> {
  kind: 'radground.signature/1';
  action: 'sign' | 'addendum' | 'adopt' | 'import';
  reportId: string;
  version: number;
  contentHash: string;
}

export interface LedgerEntry {
  seq: number;
  reportId: string;
  action: 'sign' | 'addendum' | 'adopt' | 'import';
  version: number;
  contentHash: string;
  payload: string;
  keyId: string;
  signature: string;
  previousEntryHash: string | null;
  entryHash: string;
}

export interface LedgerHead {
  seq: number;
  entryHash: string;
}

interface HeadFile {
  committed: LedgerHead | null;
  pending: LedgerHead | null;
  keyId: string;
  signature: string;
}

export function ledgerEntryHash(e: Pick<LedgerEntry, 'previousEntryHash' | 'payload' | 'keyId' | 'signature'>): string {
  return sha256Hex(canonicalJson({ kind: 'radground.ledger-entry/1', previousEntryHash: e.previousEntryHash, payload: e.payload, keyId: e.keyId, signature: e.signature }));
}

const COLUMNS = `seq, report_uid AS reportId, action, version, content_hash AS contentHash, payload, key_id AS keyId, signature,
  previous_entry_hash AS previousEntryHash, entry_hash AS entryHash`;

export function ledgerEntries(db: SqliteDatabase): LedgerEntry[] {
  return stmt(db, `SELECT ${COLUMNS} FROM signature_ledger ORDER BY seq`).all() as LedgerEntry[];
}

export function ledgerEntriesOf(db: SqliteDatabase, reportId: string): LedgerEntry[] {
  return stmt(db, `SELECT ${COLUMNS} FROM signature_ledger WHERE report_uid = ? ORDER BY seq`).all(reportId) as LedgerEntry[];
}

function lastHead(db: SqliteDatabase): LedgerHead | null {
  return (stmt(db, 'SELECT seq, entry_hash AS entryHash FROM signature_ledger ORDER BY seq DESC LIMIT 1').get() as LedgerHead | undefined) ?? null;
}

function headSigned(h: Pick<HeadFile, 'committed' | 'pending' | 'keyId'>): string {
  return canonicalJson({ kind: 'radground.ledger-head/1', committed: h.committed, pending: h.pending, keyId: h.keyId });
}

function writeHeadFile(path: string, key: SigningKey, committed: LedgerHead | null, pending: LedgerHead | null): void {
  const body: HeadFile = { committed, pending, keyId: key.keyId, signature: key.sign(headSigned({ committed, pending, keyId: key.keyId })) };
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(body) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/**
 * Appends a signed entry; call inside the write transaction. Returns what to run after COMMIT
 * (writes the committed head).
 */
export function appendLedgerEntry(db: SqliteDatabase, key: SigningKey, payload: LedgerPayload): () => void {
  const text = canonicalJson(payload);
  const before = lastHead(db);
  const entry = { previousEntryHash: before?.entryHash ?? null, payload: text, keyId: key.keyId, signature: key.sign(text) };
  const entryHash = ledgerEntryHash(entry);
  const seq = Number(
    stmt(
      db,
      `INSERT INTO signature_ledger (report_uid, action, version, content_hash, payload, key_id, signature, previous_entry_hash, entry_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(payload.reportId, payload.action, payload.version, payload.contentHash, text, key.keyId, entry.signature, entry.previousEntryHash, entryHash).lastInsertRowid,
  );
  const path = ledgerHeadPath(db);
  if (!path) return () => {};
  const head = { seq, entryHash };
  writeHeadFile(path, key, before, head);
  return () => writeHeadFile(path, key, head, null);
}

/** Problems of the ledger as a whole: chain, signatures, and its head against the head file. */
export function ledgerProblems(db: SqliteDatabase, key: SigningKey | null): string[] {
  const problems: string[] = [];
  const entries = ledgerEntries(db);
  let previous: string | null = null;
  for (const e of entries) {
    if (e.previousEntryHash !== previous) problems.push(`Ledger entry ${e.seq} does not chain to the entry before it: entries were removed or inserted.`);
    if (ledgerEntryHash(e) !== e.entryHash) problems.push(`Ledger entry ${e.seq} was altered: its hash does not match its fields.`);
    if (key && (e.keyId !== key.keyId || !key.verify(e.payload, e.signature))) problems.push(`Ledger entry ${e.seq} does not carry a valid signature by this install's key.`);
    previous = e.entryHash;
  }
  if (entries.length > 0 && !key) problems.push('The signing key of this data folder is missing: no signature can be checked.');
  const path = ledgerHeadPath(db);
  if (!path) return problems;
  const head = entries.length ? { seq: entries[entries.length - 1]!.seq, entryHash: entries[entries.length - 1]!.entryHash } : null;
  if (!existsSync(path)) {
    if (head) problems.push('The ledger head file beside the database is missing.');
    return problems;
  }
  let file: HeadFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as HeadFile;
  } catch {
    problems.push('The ledger head file is unreadable.');
    return problems;
  }
  if (!key || file.keyId !== key.keyId || typeof file.signature !== 'string' || !key.verify(headSigned(file), file.signature)) {
    problems.push('The ledger head file is not signed by this install’s key.');
    return problems;
  }
  const same = (a: LedgerHead | null | undefined) => (a ?? null) === null ? head === null : head !== null && a!.seq === head.seq && a!.entryHash === head.entryHash;
  if (!same(file.committed) && !(file.pending && same(file.pending))) {
    problems.push(
      `The ledger ends at entry ${head?.seq ?? 0} but its head file records entry ${file.committed?.seq ?? 0}: signed entries were removed, or the ledger was replaced.`,
    );
  }
  return problems;
}
