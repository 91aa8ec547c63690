/**
 * The regions a report is grounded against (report_regions), read straight from the regions table
 * of migration 0002 without their masks (grounding and checks need geometry and labels only).
 */
import { RadGroundError } from '../../errors/radground-error';
import type { Region } from '../../regions/region';
import { REGION_COLUMNS, regionFromRow, type RegionRow } from '../../regions/region-repository';
import type { SqliteDatabase } from '../../storage/database-types';
import { stmt } from './statements';

/** The report's candidate regions, in the order they were stored. */
export function loadReportRegions(db: SqliteDatabase, reportRef: number): Region[] {
  const rows = stmt(
    db,
    `SELECT ${REGION_COLUMNS}, NULL AS mask FROM report_regions rr JOIN regions r ON r.id = rr.region_ref LEFT JOIN model_runs m ON m.id = r.run_ref
     WHERE rr.report_ref = ? ORDER BY r.id`,
  ).all(reportRef) as RegionRow[];
  return rows.map(regionFromRow);
}

/** Row ids of regions by uid; NOT_FOUND names the first unknown one. */
export function regionRefs(db: SqliteDatabase, uids: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  const q = stmt(db, 'SELECT id FROM regions WHERE uid = ?');
  for (const uid of uids) {
    if (out.has(uid)) continue;
    const row = q.get(uid) as { id: number } | undefined;
    if (!row) throw new RadGroundError('NOT_FOUND', `No region ${uid} is stored; save the analysis regions before drafting or linking.`, { regionId: uid });
    out.set(uid, row.id);
  }
  return out;
}

/**
 * Adds the regions a reader drew on the report's study (measurements, ROIs: no model run) to the
 * report's regions, so typed sentences are grounded against whatever regions exist.
 */
export function adoptDrawnRegions(db: SqliteDatabase, reportRef: number): void {
  stmt(
    db,
    `INSERT OR IGNORE INTO report_regions (report_ref, region_ref)
     SELECT r.id, g.id FROM reports r
     JOIN studies st ON st.study_instance_uid = r.study_instance_uid
     JOIN series se ON se.study_ref = st.id
     JOIN regions g ON g.series_instance_uid = se.series_instance_uid AND g.run_ref IS NULL
     WHERE r.id = ?`,
  ).run(reportRef);
}
