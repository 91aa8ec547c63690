import { z } from 'zod';
import { RadGroundError } from '../errors/radground-error';
import type { SqliteDatabase } from '../storage/database-types';
import type { RejectedFile } from './schemas';

export const RejectedFileInputSchema = z.object({
  path: z.string().min(1),
  reason: z.string(),
});
export type RejectedFileInput = z.infer<typeof RejectedFileInputSchema>;

/**
 * Remembers files the importer could not use and why, one transaction for the batch. A path seen
 * again gets the new reason and time (one row per path). Throws BAD_REQUEST, writing nothing, when
 * an entry has no path.
 */
export function recordRejectedFiles(
  db: SqliteDatabase,
  rejected: readonly RejectedFileInput[],
  options: { now?: Date } = {},
): { recorded: number } {
  const parsed = z.array(RejectedFileInputSchema).safeParse(rejected);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!; // a failed parse has at least one issue
    throw new RadGroundError('BAD_REQUEST', `Bad rejected-file entry: ${issue.message}`, {
      path: issue.path.join('.'),
    });
  }
  const seenAt = (options.now ?? new Date()).toISOString();
  const upsert = db.prepare(/* sql */ `
    INSERT INTO rejected_files (path, reason, seen_at) VALUES (?, ?, ?)
    ON CONFLICT (path) DO UPDATE SET reason = excluded.reason, seen_at = excluded.seen_at`);
  db.transaction(() => {
    for (const r of parsed.data) upsert.run(r.path, r.reason, seenAt);
  }).immediate();
  return { recorded: parsed.data.length };
}

export const RejectedFilesQuerySchema = z
  .object({
    limit: z.number().int().min(1).max(10_000).default(1000),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type RejectedFilesQueryInput = z.input<typeof RejectedFilesQuerySchema>;

/** Rejected files, most recently seen first. Throws BAD_REQUEST on a bad query. */
export function listRejectedFiles(db: SqliteDatabase, query: RejectedFilesQueryInput = {}): RejectedFile[] {
  const parsed = RejectedFilesQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw new RadGroundError('BAD_REQUEST', `Bad rejected-files query: ${parsed.error.issues[0]!.message}`);
  }
  const rows = db
    .prepare('SELECT path, reason, seen_at FROM rejected_files ORDER BY seen_at DESC, path LIMIT ? OFFSET ?')
    .all(parsed.data.limit, parsed.data.offset) as { path: string; reason: string; seen_at: string }[];
  return rows.map((r) => ({ path: r.path, reason: r.reason, seenAt: r.seen_at }));
}
