import { RadGroundError } from '../errors/radground-error';
import type { SqliteDatabase } from '../storage/database-types';
import type { Laterality, Region, RegionCode, RegionImageAnchor, RegionKind } from './region';
import { decodeRegionMask, encodeRegionMask } from './region-mask-codec';

/** A row of `regions` joined with its run's uid (as `run_uid`); `mask` null unless selected. */
export interface RegionRow {
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
  mask: Uint8Array | null;
  image_anchor: string | null;
}

/** The columns regionFromRow reads, for `regions r LEFT JOIN model_runs m ON m.id = r.run_ref`. */
export const REGION_COLUMNS = `r.uid, m.uid AS run_uid, r.volume_id, r.series_instance_uid, r.frame_of_reference_uid, r.label, r.kind,
  r.code, r.laterality, r.zone, r.voxel_min_i, r.voxel_min_j, r.voxel_min_k, r.voxel_max_i, r.voxel_max_j, r.voxel_max_k,
  r.world_min_x, r.world_min_y, r.world_min_z, r.world_max_x, r.world_max_y, r.world_max_z,
  r.centroid_x, r.centroid_y, r.centroid_z, r.volume_ml, r.diameter_mm, r.mean_hu, r.confidence, r.image_anchor`;

export function regionFromRow(r: RegionRow): Region {
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
    mask: r.mask ? decodeRegionMask(r.mask) : null,
    runId: r.run_uid,
    // Only shapes drawn on 2D images have an anchor; other regions read back exactly as stored.
    ...(r.image_anchor ? { image: JSON.parse(r.image_anchor) as RegionImageAnchor } : {}),
  };
}

function toBuffer(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * Stores regions (all or nothing, one transaction) under the model run `runId` (null: drawn by a
 * reader), which overrides each region's own runId. NOT_FOUND for an unknown run; CONFLICT when a
 * region id is already stored.
 */
export function saveRegions(db: SqliteDatabase, runId: string | null, regions: readonly Region[]): void {
  const insert = db.prepare(
    `INSERT INTO regions (uid, run_ref, volume_id, series_instance_uid, frame_of_reference_uid, label, kind, code, laterality, zone,
       voxel_min_i, voxel_min_j, voxel_min_k, voxel_max_i, voxel_max_j, voxel_max_k,
       world_min_x, world_min_y, world_min_z, world_max_x, world_max_y, world_max_z,
       centroid_x, centroid_y, centroid_z, volume_ml, diameter_mm, mean_hu, confidence, mask, created_at, image_anchor)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const exists = db.prepare('SELECT 1 FROM regions WHERE uid = ?');
  db.transaction(() => {
    let runRef: number | null = null;
    if (runId !== null) {
      const row = db.prepare('SELECT id FROM model_runs WHERE uid = ?').get(runId) as { id: number } | undefined;
      if (!row) throw new RadGroundError('NOT_FOUND', `no model run ${runId}`);
      runRef = row.id;
    }
    const createdAt = new Date().toISOString();
    for (const g of regions) {
      if (exists.get(g.id)) throw new RadGroundError('CONFLICT', `region ${g.id} is already stored`);
      insert.run(
        g.id,
        runRef,
        g.volumeId,
        g.seriesInstanceUid,
        g.frameOfReferenceUid,
        g.label,
        g.kind,
        g.code ? JSON.stringify(g.code) : null,
        g.laterality,
        g.zone,
        ...g.voxelBox.min,
        ...g.voxelBox.max,
        ...g.worldBox.min,
        ...g.worldBox.max,
        ...g.centroid,
        g.volumeMl,
        g.diameterMm,
        g.meanHu,
        g.confidence,
        g.mask ? toBuffer(encodeRegionMask(g.mask)) : null,
        createdAt,
        g.image ? JSON.stringify(g.image) : null,
      );
    }
  })();
}

export type RegionQuery = { volumeId: string } | { seriesInstanceUid: string } | { runId: string };

/**
 * Regions of a volume, a series or a run, in the order they were stored. Masks are decoded only
 * with `includeMasks` (they can be large); otherwise `mask` is null.
 */
export function listRegions(db: SqliteDatabase, query: RegionQuery, opts: { includeMasks?: boolean } = {}): Region[] {
  const cols = opts.includeMasks ? `${REGION_COLUMNS}, r.mask` : `${REGION_COLUMNS}, NULL AS mask`;
  const from = 'FROM regions r LEFT JOIN model_runs m ON m.id = r.run_ref';
  let rows: RegionRow[];
  if ('volumeId' in query) rows = db.prepare(`SELECT ${cols} ${from} WHERE r.volume_id = ? ORDER BY r.id`).all(query.volumeId) as RegionRow[];
  else if ('seriesInstanceUid' in query) rows = db.prepare(`SELECT ${cols} ${from} WHERE r.series_instance_uid = ? ORDER BY r.id`).all(query.seriesInstanceUid) as RegionRow[];
  else rows = db.prepare(`SELECT ${cols} ${from} WHERE m.uid = ? ORDER BY r.id`).all(query.runId) as RegionRow[];
  return rows.map(regionFromRow);
}

/** One region with its mask; NOT_FOUND when there is none. */
export function getRegion(db: SqliteDatabase, id: string): Region {
  const row = db.prepare(`SELECT ${REGION_COLUMNS}, r.mask FROM regions r LEFT JOIN model_runs m ON m.id = r.run_ref WHERE r.uid = ?`).get(id) as RegionRow | undefined;
  if (!row) throw new RadGroundError('NOT_FOUND', `no region ${id}`);
  return regionFromRow(row);
}

/** getRegion that reads each region once (for a pass over many sentences that share regions). */
export function cachedRegionReader(db: SqliteDatabase): (id: string) => Region {
  const regions = new Map<string, Region>();
  return (id) => {
    let r = regions.get(id);
    if (!r) {
      r = getRegion(db, id);
      regions.set(id, r);
    }
    return r;
  };
}

/** Deletes the regions a run produced; returns how many. */
export function deleteRegionsOfRun(db: SqliteDatabase, runId: string): number {
  return db.prepare('DELETE FROM regions WHERE run_ref = (SELECT id FROM model_runs WHERE uid = ?)').run(runId).changes;
}
