/**
 * The evidence a signature covers besides the text: a snapshot of every region a sentence of the
 * report links to, as stored (every column of the regions row but its row ids; the mask as its
 * SHA-256), with the model run that produced it (pack, version, file hashes, provider, status).
 *
 * NULL columns are left out, so a column a later migration adds (NULL for old rows) does not change
 * the snapshot of a report signed before it; a value changed to or from NULL still shows.
 */
import { createHash } from 'node:crypto';
import type { SqliteDatabase } from '../../storage/database-types';
import { stmt } from '../store/statements';
import { canonicalJson } from './canonical-json';

export type RegionSnapshot = Record<string, unknown> & { id: string };

const RUN_COLUMNS = ['uid', 'pack_id', 'pack_version', 'file_hashes', 'execution_provider', 'onnxruntime_version', 'parameters', 'status', 'started_at', 'finished_at'];

function withoutNulls(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === null || v === undefined) continue;
    out[k] = Buffer.isBuffer(v) ? { sha256: createHash('sha256').update(v).digest('hex') } : typeof v === 'bigint' ? Number(v) : v;
  }
  return out;
}

/** Snapshots of the regions the report's sentences link to, by region uid. */
export function linkedRegionSnapshots(db: SqliteDatabase, reportRef: number): RegionSnapshot[] {
  const rows = stmt(
    db,
    `SELECT DISTINCT g.* FROM sentence_regions l
     JOIN report_sentences t ON t.id = l.sentence_ref
     JOIN report_sections s ON s.id = t.section_ref
     JOIN regions g ON g.id = l.region_ref
     WHERE s.report_ref = ? ORDER BY g.uid`,
  ).all(reportRef) as Record<string, unknown>[];
  const runQuery = stmt(db, `SELECT ${RUN_COLUMNS.join(', ')} FROM model_runs WHERE id = ?`);
  return rows.map(({ id: _rowId, run_ref, uid, mask, ...rest }) => {
    const run = run_ref === null ? null : (runQuery.get(run_ref) as Record<string, unknown> | undefined);
    return {
      ...withoutNulls(rest),
      id: String(uid),
      mask: mask === null ? null : withoutNulls({ mask }).mask,
      run: run ? withoutNulls(run) : null,
    };
  });
}

export function evidenceDigest(snapshots: readonly RegionSnapshot[]): string {
  return createHash('sha256').update(canonicalJson({ kind: 'radground.report-evidence/1', regions: snapshots }), 'utf8').digest('hex');
}

/** What differs between the snapshot taken at signing and now, one line per changed field. */
export function describeEvidenceChanges(signed: readonly RegionSnapshot[], now: readonly RegionSnapshot[]): string[] {
  const out: string[] = [];
  const current = new Map(now.map((r) => [r.id, r]));
  for (const before of signed) {
    const after = current.get(before.id);
    const name = `Region ${String(before.label ?? '')} (${before.id})`;
    if (!after) {
      out.push(`${name} is no longer linked or stored.`);
      continue;
    }
    current.delete(before.id);
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const k of [...keys].sort()) {
      const a = canonicalJson(before[k] ?? null);
      const b = canonicalJson(after[k] ?? null);
      if (a !== b) out.push(`${name}: ${k} was ${a} at signing, now ${b}.`);
    }
  }
  for (const extra of current.values()) out.push(`Region ${String(extra.label ?? '')} (${extra.id}) is linked now but was not at signing.`);
  return out;
}
