/**
 * Migration 10 (imported reports) on a database with signed entries: the signature ledger is rebuilt
 * with its rows unchanged and its triggers in force, and now takes 'import' entries;
 * imported_documents is STRICT and append-only.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/storage/migrate';
import { MIGRATIONS } from '../../../electron/core/storage/migrations';
import type { SqliteDatabase } from '../../../electron/core/storage/database-types';

const hex = (c: string) => c.repeat(64);
const ledgerRow = (seq: number, action: string, previous: string | null, entry: string) =>
  [seq, 'report-1', action, seq, hex('a'), JSON.stringify({ seq }), hex('b'), 'sig', previous, entry] as const;
const INSERT = `INSERT INTO signature_ledger (seq, report_uid, action, version, content_hash, payload, key_id, signature, previous_entry_hash, entry_hash)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

describe('migration 10: imported reports', () => {
  it('keeps every ledger row and trigger, and accepts import entries', () => {
    const db: SqliteDatabase = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 9));
    db.prepare(INSERT).run(...ledgerRow(1, 'sign', null, hex('1')));
    db.prepare(INSERT).run(...ledgerRow(2, 'addendum', hex('1'), hex('2')));
    expect(() => db.prepare(INSERT).run(...ledgerRow(3, 'import', hex('2'), hex('3')))).toThrow(/CHECK constraint/);
    const before = db.prepare('SELECT * FROM signature_ledger ORDER BY seq').all();

    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 10)).toVersion).toBe(10);
    expect(db.prepare('SELECT * FROM signature_ledger ORDER BY seq').all()).toEqual(before);
    expect((db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'signature_ledger'").get() as { sql: string }).sql).toMatch(/STRICT$/);
    db.prepare(INSERT).run(...ledgerRow(3, 'import', hex('2'), hex('3')));
    expect(() => db.prepare(INSERT).run(...ledgerRow(4, 'import', hex('1'), hex('4')))).toThrow(/must chain/);
    expect(() => db.prepare('UPDATE signature_ledger SET signature = ?').run('x')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM signature_ledger').run()).toThrow(/append-only/);
    expect((db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'imported_documents'").get() as { sql: string }).sql).toMatch(/STRICT$/);
    expect(() => db.prepare('DELETE FROM imported_documents').run()).not.toThrow(); // no rows
  });
});
