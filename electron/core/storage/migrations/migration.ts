import type { SqliteDatabase } from '../database-types';

/**
 * One schema step. `version` is the PRAGMA user_version the database has once `up` has run.
 *
 * Rules for `up` (the runner relies on them):
 * - synchronous, and no BEGIN/COMMIT of its own: the runner wraps every pending migration in ONE
 *   transaction (nested `db.transaction(...)` calls are fine, they become savepoints);
 * - foreign keys are OFF while it runs (so a table can be rebuilt the SQLite way: create new,
 *   copy, drop old, rename); the runner checks `PRAGMA foreign_key_check` before committing;
 * - never edit a migration that has shipped: append a new numbered file instead.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: SqliteDatabase): void;
}
