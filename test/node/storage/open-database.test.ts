import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RadGroundError } from '../../../electron/core/errors/radground-error';
import type { SqliteDatabase } from '../../../electron/core/storage/database-types';
import { assertMigrationList, getSchemaVersion } from '../../../electron/core/storage/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/storage/migrations';
import type { Migration } from '../../../electron/core/storage/migrations/migration';
import { closeDatabase, openDatabase } from '../../../electron/core/storage/open-database';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof RadGroundError) return e.code;
    throw e;
  }
  return 'no error';
}

function tableNames(db: SqliteDatabase): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]
  ).map((r) => r.name);
}

describe('openDatabase', () => {
  let dir: string;
  const opened: SqliteDatabase[] = [];
  const open = (...args: Parameters<typeof openDatabase>) => {
    const db = openDatabase(...args);
    opened.push(db);
    return db;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'radground-db-'));
  });
  afterEach(() => {
    for (const db of opened.splice(0)) closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('ships a well-formed migration list', () => {
    expect(() => assertMigrationList(MIGRATIONS)).not.toThrow();
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(1);
  });

  it('opens an in-memory database migrated, with foreign keys and a busy timeout', () => {
    const db = open(':memory:');
    expect(getSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['patients', 'studies', 'series', 'instances', 'rejected_files']));
  });

  it('makes every table STRICT', () => {
    const db = open(':memory:');
    const tables = db
      .prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string; strict: number }[];
    expect(tables.length).toBeGreaterThanOrEqual(5);
    for (const t of tables) expect({ table: t.name, strict: t.strict }).toEqual({ table: t.name, strict: 1 });
  });

  it('enforces STRICT column types and foreign keys', () => {
    const db = open(':memory:');
    expect(() =>
      db.prepare("INSERT INTO patients (patient_id, name, name_search, birth_date) VALUES ('1', 'A', 'a', NULL)").run(),
    ).not.toThrow();
    expect(() =>
      db
        .prepare(
          "INSERT INTO studies (study_instance_uid, patient_ref, indexed_at) VALUES ('1.2', 'not a number', '2024-01-01T00:00:00Z')",
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() =>
      db.prepare("INSERT INTO studies (study_instance_uid, patient_ref, indexed_at) VALUES ('1.2', 999, 'x')").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare("INSERT INTO studies (study_instance_uid, patient_ref, study_date, indexed_at) VALUES ('1.3', 1, '2024-01-01', 'x')")
        .run(),
    ).toThrow(/CHECK/);
  });

  it('uses WAL on a file database and keeps data and version across reopen', () => {
    const file = join(dir, 'index.sqlite');
    const db = open(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.prepare("INSERT INTO rejected_files (path, reason, seen_at) VALUES ('/a', 'not DICOM', 'now')").run();
    closeDatabase(db);
    closeDatabase(db); // closing twice is harmless

    const again = open(file);
    expect(getSchemaVersion(again)).toBe(LATEST_SCHEMA_VERSION);
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(again.prepare('SELECT path FROM rejected_files').all()).toEqual([{ path: '/a' }]);
  });

  for (const journal of ['delete', 'wal'] as const) {
    it(`refuses a database from a newer RadGround (${journal} journal) and leaves the file unchanged`, () => {
      const file = join(dir, 'future.sqlite');
      const raw = new Database(file);
      raw.pragma(`journal_mode = ${journal}`);
      raw.exec("CREATE TABLE future_table (x TEXT) STRICT; INSERT INTO future_table VALUES ('keep me');");
      raw.pragma('user_version = 999');
      raw.close();
      const before = readFileSync(file);

      let err: unknown;
      try {
        open(file);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(RadGroundError);
      expect((err as RadGroundError).code).toBe('SCHEMA_TOO_NEW');
      expect((err as RadGroundError).message).toMatch(/999/);
      expect(readFileSync(file).equals(before)).toBe(true);
      if (journal === 'delete') expect(existsSync(`${file}-wal`)).toBe(false);

      const check = new Database(file, { readonly: true });
      expect(check.pragma('user_version', { simple: true })).toBe(999);
      expect(check.pragma('journal_mode', { simple: true })).toBe(journal);
      expect(tableNames(check)).toEqual(['future_table']);
      check.close();
    });
  }

  it('leaves a file database untouched when a migration fails', () => {
    const file = join(dir, 'failing.sqlite');
    const failing: Migration[] = [
      { version: 1, name: 'ok', up: (db) => db.exec('CREATE TABLE a (x INTEGER) STRICT') },
      {
        version: 2,
        name: 'fails',
        up: (db) => {
          db.exec('CREATE TABLE b (x INTEGER) STRICT');
          throw new Error('migration 2 failed');
        },
      },
    ];
    expect(() => openDatabase(file, { migrations: failing })).toThrow('migration 2 failed');
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    expect(tableNames(check)).toEqual([]);
    check.close();
  });

  it('opens read-only only an existing, current database', () => {
    const file = join(dir, 'ro.sqlite');
    closeDatabase(openDatabase(file));
    const ro = open(file, { readonly: true });
    expect(getSchemaVersion(ro)).toBe(LATEST_SCHEMA_VERSION);
    expect(() => ro.prepare("INSERT INTO rejected_files (path, reason, seen_at) VALUES ('/a', 'r', 't')").run()).toThrow(
      /readonly/,
    );

    expect(codeOf(() => openDatabase(join(dir, 'missing.sqlite'), { readonly: true }))).toBe('NOT_FOUND');
    expect(existsSync(join(dir, 'missing.sqlite'))).toBe(false);
    expect(codeOf(() => openDatabase(':memory:', { readonly: true }))).toBe('BAD_REQUEST');

    const old = join(dir, 'old.sqlite');
    new Database(old).close();
    expect(codeOf(() => openDatabase(old, { readonly: true }))).toBe('CONFLICT');
  });
});
