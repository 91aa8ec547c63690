import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { RadGroundError } from '../errors/radground-error';
import type { SqliteDatabase } from './database-types';
import { assertMigrationList, assertSchemaNotTooNew, getSchemaVersion, latestVersion, migrate } from './migrate';
import { sqliteNativeBinding } from './sqlite-native-binding';
import type { Migration } from './migrations/migration';
import { MIGRATIONS } from './migrations';

export interface OpenDatabaseOptions {
  /** Open an existing, already migrated database without writing to it. */
  readonly?: boolean;
  /** How long a statement waits for another connection's lock before failing (ms). */
  busyTimeoutMs?: number;
  /** The migration list; the app's own by default (tests pass their own). */
  migrations?: readonly Migration[];
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating if needed) the RadGround database at `filePath`, or a private in-memory one for
 * ':memory:', and returns it ready to use: foreign keys on, busy timeout set, WAL journal (file
 * databases), all migrations applied.
 *
 * A database written by a newer RadGround is refused with SCHEMA_TOO_NEW before anything is
 * written to it (the version is read before the journal mode is switched). With `readonly`, the
 * database must exist and already be at this build's schema version (CONFLICT otherwise).
 */
export function openDatabase(filePath: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const migrations = options.migrations ?? MIGRATIONS;
  assertMigrationList(migrations);
  const target = latestVersion(migrations);
  const readonly = options.readonly ?? false;
  const inMemory = filePath === ':memory:' || filePath === '';

  if (readonly && inMemory) {
    throw new RadGroundError('BAD_REQUEST', 'An in-memory database cannot be opened read-only.');
  }
  if (readonly && !existsSync(filePath)) {
    throw new RadGroundError('NOT_FOUND', `No database at ${filePath}.`, { filePath });
  }

  // Under Electron, the Electron-ABI build of better-sqlite3 (sqlite-native-binding.ts).
  const db = new Database(filePath, { readonly, fileMustExist: readonly, nativeBinding: sqliteNativeBinding() });
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);

    // Check before any pragma that writes (journal_mode = WAL rewrites the file header).
    const version = getSchemaVersion(db);
    assertSchemaNotTooNew(version, target);

    db.pragma('foreign_keys = ON');
    if (readonly) {
      if (version !== target) {
        throw new RadGroundError(
          'CONFLICT',
          `The database at ${filePath} has schema version ${version} and needs migrating to ` +
            `${target}; open it read-write once first.`,
          { databaseVersion: version, supportedVersion: target },
        );
      }
      return db;
    }

    if (!inMemory) {
      db.pragma('journal_mode = WAL');
      // Safe with WAL: a power cut can lose the last commits, never corrupt the database.
      db.pragma('synchronous = NORMAL');
    }
    migrate(db, migrations);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Closes the connection; closing one already closed does nothing. */
export function closeDatabase(db: SqliteDatabase): void {
  if (db.open) db.close();
}
