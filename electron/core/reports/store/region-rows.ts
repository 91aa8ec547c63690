/**
 * The regions a report is grounded against (report_regions), read straight from the regions table
 * of migration 0002 without their masks (grounding and checks need geometry and labels only).
 */
import { RadGroundError } from '../../errors/radground-error';
import type { Laterality, Region, RegionCode, RegionKind } from '../../regions/region';
import type { SqliteDatabase } from '../../storage/database-types';
import { stmt } from './statements';

interface Row {
  uid: string;
  run_uid: string | null;
  volume_id: string | null;
  series_instance_uid: string | null;
  frame_of_reference_uid: string | null;
  label: string;
  kind: RegionKind;
  code: string | null;
  laterality: Laterality | null;
  zone: string | null;
  voxel_min_i: number;
  voxel_min_j: number;
  voxel_min_k: number;
  voxel_max_i: number;
  voxel_max_j: number;
  voxel_max_k: number;
  world_min_x: number;
  world_min_y: number;
  world_min_z: number;
  world_max_x: number;
  world_max_y: number;
  world_max_z: number;
  centroid_x: number;
  centroid_y: number;
  centroid_z: number;
  volume_ml: number;
  diameter_mm: number | null;
  mean_hu: number | null;
  confidence: number;
}

function fromRow(r: Row): Region {
  return {
    id: r.uid,
    label: r.label,
    kind: r.kind,
    code: r.code === null ? null : (JSON.parse(r.code) as RegionCode),
    laterality: r.laterality,
    zone: r.zone,
    volumeId: r.volume_id,
    seriesInstanceUid: r.series_instance_uid,
    frameOfReferenceUid: r.frame_of_reference_uid,
    voxelBox: { min: [r.voxel_min_i, r.voxel_min_j, r.voxel_min_k], max: [r.voxel_max_i, r.voxel_max_j, r.voxel_max_k] },
    worldBox: { min: [r.world_min_x, r.world_min_y, r.world_min_z], max: [r.world_max_x, r.world_max_y, r.world_max_z] },
    centroid: [r.centroid_x, r.centroid_y, r.centroid_z],
    volumeMl: r.volume_ml,
    diameterMm: r.diameter_mm,
    meanHu: r.mean_hu,
    confidence: r.confidence,
    mask: null,
    runId: r.run_uid,
  };
}

const COLUMNS = `g.uid, m.uid AS run_uid, g.volume_id, g.series_instance_uid, g.frame_of_reference_uid, g.label, g.kind, g.code,
  g.laterality, g.zone, g.voxel_min_i, g.voxel_min_j, g.voxel_min_k, g.voxel_max_i, g.voxel_max_j, g.voxel_max_k,
  g.world_min_x, g.world_min_y, g.world_min_z, g.world_max_x, g.world_max_y, g.world_max_z,
  g.centroid_x, g.centroid_y, g.centroid_z, g.volume_ml, g.diameter_mm, g.mean_hu, g.confidence`;

/** The report's candidate regions, in the order they were stored. */
export function loadReportRegions(db: SqliteDatabase, reportRef: number): Region[] {
  const rows = stmt(
    db,
    `SELECT ${COLUMNS} FROM report_regions rr JOIN regions g ON g.id = rr.region_ref LEFT JOIN model_runs m ON m.id = g.run_ref
     WHERE rr.report_ref = ? ORDER BY g.id`,
  ).all(reportRef) as Row[];
  return rows.map(fromRow);
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
