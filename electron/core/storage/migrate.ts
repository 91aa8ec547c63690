import { RadGroundError } from '../errors/radground-error';
import type { SqliteDatabase } from './database-types';
import type { Migration } from './migrations/migration';

export interface MigrationResult {
  fromVersion: number;
  toVersion: number;
  applied: { version: number; name: string }[];
}

/** The schema version stored in the database header (PRAGMA user_version). */
export function getSchemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Throws INTERNAL unless the list is versions 1, 2, 3... in order, each with a name. */
export function assertMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new RadGroundError(
        'INTERNAL',
        `Migration list is broken: entry ${i} ('${m.name}') has version ${m.version}, expected ${i + 1}.`,
      );
    }
    if (!m.name.trim()) {
      throw new RadGroundError('INTERNAL', `Migration ${m.version} has no name.`);
    }
  });
}

/** Newest version the list knows (0 for an empty list). */
export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Throws SCHEMA_TOO_NEW when the database was written by a newer RadGround. */
export function assertSchemaNotTooNew(databaseVersion: number, supportedVersion: number): void {
  if (databaseVersion > supportedVersion) {
    throw new RadGroundError(
      'SCHEMA_TOO_NEW',
      `This database has schema version ${databaseVersion}, but this version of RadGround only ` +
        `understands up to ${supportedVersion}. It was written by a newer RadGround; update ` +
        `RadGround to open it. The database was not changed.`,
      { databaseVersion, supportedVersion },
    );
  }
}

/**
 * Brings the database to the newest version in `migrations`.
 *
 * All pending migrations run in ONE immediate transaction, with foreign keys off while they run
 * and `PRAGMA foreign_key_check` before commit: either every step lands and user_version moves to
 * the newest version, or nothing does. A database already current is not written to at all; one
 * newer than the list is refused (SCHEMA_TOO_NEW) without being written to.
 */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[]): MigrationResult {
  assertMigrationList(migrations);
  const target = latestVersion(migrations);

  const before = getSchemaVersion(db);
  assertSchemaNotTooNew(before, target);
  if (before === target) return { fromVersion: before, toVersion: before, applied: [] };

  if (db.inTransaction) {
    throw new RadGroundError('INTERNAL', 'migrate() must not be called inside a transaction.');
  }

  // PRAGMA foreign_keys is a no-op inside a transaction, so switch it around the transaction.
  const foreignKeysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
  if (foreignKeysWereOn) db.pragma('foreign_keys = OFF');
  try {
    return db
      .transaction((): MigrationResult => {
        // Re-read under the write lock: another process may have migrated since we looked.
        const from = getSchemaVersion(db);
        assertSchemaNotTooNew(from, target);
        const pending = migrations.filter((m) => m.version > from);
        for (const m of pending) m.up(db);

        const violations = db.pragma('foreign_key_check') as unknown[];
        if (violations.length > 0) {
          throw new RadGroundError(
            'INTERNAL',
            `Migrations left ${violations.length} foreign key violation(s); nothing was applied.`,
            { violations: violations.slice(0, 10) },
          );
        }
        db.pragma(`user_version = ${target}`);
        return {
          fromVersion: from,
          toVersion: target,
          applied: pending.map(({ version, name }) => ({ version, name })),
        };
      })
      .immediate();
  } finally {
    if (foreignKeysWereOn) db.pragma('foreign_keys = ON');
  }
}
