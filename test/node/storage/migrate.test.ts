import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RadGroundError } from '../../../electron/core/errors/radground-error';
import type { SqliteDatabase } from '../../../electron/core/storage/database-types';
import { assertMigrationList, getSchemaVersion, migrate } from '../../../electron/core/storage/migrate';
import type { Migration } from '../../../electron/core/storage/migrations/migration';

function tableNames(db: SqliteDatabase): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]
  ).map((r) => r.name);
}

function expectCode(fn: () => unknown, code: string): RadGroundError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RadGroundError);
    expect((e as RadGroundError).code).toBe(code);
    return e as RadGroundError;
  }
  throw new Error(`expected a RadGroundError ${code}, nothing was thrown`);
}

/** Fake migrations that record the order they ran in. */
function fakeMigrations(calls: number[], count = 3): Migration[] {
  return Array.from({ length: count }, (_, i) => ({
    version: i + 1,
    name: `fake-${i + 1}`,
    up(db: SqliteDatabase) {
      calls.push(i + 1);
      db.exec(`CREATE TABLE t${i + 1} (id INTEGER PRIMARY KEY) STRICT`);
    },
  }));
}

describe('migrate', () => {
  let db: SqliteDatabase;
  beforeEach(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
  });
  afterEach(() => db.close());

  it('applies every migration in order and sets user_version', () => {
    const calls: number[] = [];
    const result = migrate(db, fakeMigrations(calls));
    expect(calls).toEqual([1, 2, 3]);
    expect(result).toEqual({
      fromVersion: 0,
      toVersion: 3,
      applied: [
        { version: 1, name: 'fake-1' },
        { version: 2, name: 'fake-2' },
        { version: 3, name: 'fake-3' },
      ],
    });
    expect(getSchemaVersion(db)).toBe(3);
    expect(tableNames(db)).toEqual(['t1', 't2', 't3']);
  });

  it('is idempotent: a current database runs nothing', () => {
    const calls: number[] = [];
    const migrations = fakeMigrations(calls);
    migrate(db, migrations);
    const again = migrate(db, migrations);
    expect(calls).toEqual([1, 2, 3]);
    expect(again).toEqual({ fromVersion: 3, toVersion: 3, applied: [] });
  });

  it('applies only the pending migrations', () => {
    const calls: number[] = [];
    migrate(db, fakeMigrations(calls, 1));
    const result = migrate(db, fakeMigrations(calls, 3));
    expect(calls).toEqual([1, 2, 3]);
    expect(result.fromVersion).toBe(1);
    expect(result.applied.map((m) => m.version)).toEqual([2, 3]);
  });

  it('is all-or-nothing: a migration throwing mid-way leaves version and tables untouched', () => {
    const calls: number[] = [];
    migrate(db, fakeMigrations(calls, 1)); // at version 1 with t1
    const migrations: Migration[] = [
      ...fakeMigrations([], 2),
      {
        version: 3,
        name: 'boom',
        up(d) {
          d.exec('CREATE TABLE t3 (id INTEGER PRIMARY KEY) STRICT');
          d.exec("INSERT INTO t1 (id) VALUES (42)");
          throw new Error('boom');
        },
      },
      ...fakeMigrations([], 4).slice(3),
    ];
    expect(() => migrate(db, migrations)).toThrow('boom');
    expect(getSchemaVersion(db)).toBe(1);
    expect(tableNames(db)).toEqual(['t1']);
    expect(db.prepare('SELECT count(*) AS n FROM t1').get()).toEqual({ n: 0 });
    expect(db.inTransaction).toBe(false);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('refuses a database newer than the newest migration, without writing', () => {
    db.pragma('user_version = 7');
    const calls: number[] = [];
    const err = expectCode(() => migrate(db, fakeMigrations(calls)), 'SCHEMA_TOO_NEW');
    expect(err.message).toMatch(/schema version 7/);
    expect(err.details).toEqual({ databaseVersion: 7, supportedVersion: 3 });
    expect(calls).toEqual([]);
    expect(getSchemaVersion(db)).toBe(7);
    expect(tableNames(db)).toEqual([]);
  });

  it('runs migrations with foreign keys off, then checks them before committing', () => {
    const parentChild: Migration = {
      version: 1,
      name: 'parent-child',
      up(d) {
        expect(d.pragma('foreign_keys', { simple: true })).toBe(0);
        d.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;
                CREATE TABLE child (id INTEGER PRIMARY KEY, parent_ref INTEGER NOT NULL REFERENCES parent (id)) STRICT;`);
      },
    };
    const orphan: Migration = {
      version: 2,
      name: 'orphan',
      up(d) {
        d.exec('INSERT INTO child (id, parent_ref) VALUES (1, 999)');
      },
    };
    migrate(db, [parentChild]);
    const err = expectCode(() => migrate(db, [parentChild, orphan]), 'INTERNAL');
    expect(err.message).toMatch(/foreign key/);
    expect(getSchemaVersion(db)).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM child').get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('rejects a broken migration list', () => {
    const noop = () => {};
    expectCode(() => assertMigrationList([{ version: 2, name: 'gap', up: noop }]), 'INTERNAL');
    expectCode(
      () =>
        assertMigrationList([
          { version: 1, name: 'a', up: noop },
          { version: 1, name: 'dup', up: noop },
        ]),
      'INTERNAL',
    );
    expectCode(() => assertMigrationList([{ version: 1, name: ' ', up: noop }]), 'INTERNAL');
    expectCode(() => migrate(db, [{ version: 2, name: 'gap', up: noop }]), 'INTERNAL');
    expect(getSchemaVersion(db)).toBe(0);
  });

  it('refuses to run pending migrations inside a caller transaction', () => {
    db.exec('BEGIN');
    expectCode(() => migrate(db, fakeMigrations([], 1)), 'INTERNAL');
    db.exec('ROLLBACK');
    expect(getSchemaVersion(db)).toBe(0);
  });
});
