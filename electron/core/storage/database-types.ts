import type BetterSqlite3 from 'better-sqlite3';

/** The connection type every storage and repository function takes (better-sqlite3, synchronous). */
export type SqliteDatabase = BetterSqlite3.Database;
