/** Prepared statements cached per connection (preparing costs more than running small queries). */
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from '../../storage/database-types';

const cache = new WeakMap<SqliteDatabase, Map<string, BetterSqlite3.Statement>>();

export function stmt(db: SqliteDatabase, sql: string): BetterSqlite3.Statement {
  let m = cache.get(db);
  if (!m) {
    m = new Map();
    cache.set(db, m);
  }
  let s = m.get(sql);
  if (!s) {
    s = db.prepare(sql);
    m.set(sql, s);
  }
  return s;
}

/** Runs `fn` in an IMMEDIATE transaction (takes the write lock up front), or inside the current one. */
export function writeTransaction<T>(db: SqliteDatabase, fn: () => T): T {
  if (db.inTransaction) return fn();
  return db.transaction(fn).immediate();
}
