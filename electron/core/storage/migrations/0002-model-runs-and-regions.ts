import type { Migration } from './migration';

/**
 * Model provenance and the regions models (or readers) found.
 *
 * model_runs: one row per inference run: which pack (id, version, the sha256 of each of its
 * files), which execution provider and onnxruntime version actually ran it, on which volume, with
 * which parameters, how long each phase took and how it ended.
 *
 * regions: things in the image a report sentence can point at (electron/core/regions/region.ts).
 * Geometry is stored in patient coordinates (LPS mm) keyed by series and FrameOfReferenceUID, plus
 * the voxel box on the volume it was computed on. Boxes and centroid are plain columns (not JSON)
 * so that "regions on this slice / near this point" can be answered by SQL. The mask is the
 * RegionMask run-length encoding in the binary form of regions/region-mask-codec.ts.
 *
 * Conventions as in 0001: STRICT tables, INTEGER PRIMARY KEY row ids with `*_ref` foreign keys; the
 * ids the API hands out are the `uid` columns (UUIDs), stable across databases; timestamps are ISO
 * 8601 UTC text; JSON columns are checked with json_valid.
 */
const SQL = /* sql */ `
CREATE TABLE model_runs (
  id                    INTEGER PRIMARY KEY,
  uid                   TEXT    NOT NULL UNIQUE,
  pack_id               TEXT    NOT NULL,
  pack_version          TEXT    NOT NULL,
  -- JSON object: manifest file path -> sha256 (hex) of the file that was checked and run.
  file_hashes           TEXT    NOT NULL CHECK (json_valid(file_hashes) AND json_type(file_hashes) = 'object'),
  -- JSON array of the providers asked for, in order (e.g. ["cuda","cpu"]).
  requested_providers   TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(requested_providers) AND json_type(requested_providers) = 'array'),
  -- The provider that actually ran the model ('cuda', 'dml', 'coreml', 'cpu'); NULL until known.
  execution_provider    TEXT,
  onnxruntime_version   TEXT,
  started_at            TEXT    NOT NULL,
  finished_at           TEXT,
  -- JSON object of phase durations in ms (session load, preprocessing, inference, ...).
  timings               TEXT    CHECK (timings IS NULL OR (json_valid(timings) AND json_type(timings) = 'object')),
  -- JSON object: what the run was asked to do (providers, overrides, options).
  parameters            TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(parameters) AND json_type(parameters) = 'object'),
  volume_id             TEXT,
  series_instance_uid   TEXT,
  status                TEXT    NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
  -- JSON object {code, message} for failed and cancelled runs.
  error                 TEXT    CHECK (error IS NULL OR (json_valid(error) AND json_type(error) = 'object')),
  CHECK ((status = 'running') = (finished_at IS NULL))
) STRICT;

CREATE INDEX model_runs_by_series ON model_runs (series_instance_uid, started_at DESC);
CREATE INDEX model_runs_by_volume ON model_runs (volume_id, started_at DESC);
CREATE INDEX model_runs_by_pack ON model_runs (pack_id, pack_version);

CREATE TABLE regions (
  id                      INTEGER PRIMARY KEY,
  uid                     TEXT    NOT NULL UNIQUE,
  -- The model run that produced it; NULL for regions a reader drew. Deleting a run deletes its regions.
  run_ref                 INTEGER REFERENCES model_runs (id) ON DELETE CASCADE,
  volume_id               TEXT,
  series_instance_uid     TEXT,
  frame_of_reference_uid  TEXT,
  label                   TEXT    NOT NULL,
  kind                    TEXT    NOT NULL CHECK (kind IN ('anatomy', 'finding', 'measurement')),
  -- JSON {scheme: 'SCT'|'RADLEX', value, meaning} or NULL.
  code                    TEXT    CHECK (code IS NULL OR (json_valid(code) AND json_type(code) = 'object')),
  laterality              TEXT    CHECK (laterality IS NULL OR laterality IN ('left', 'right', 'midline', 'bilateral')),
  zone                    TEXT,
  -- Voxel box on the volume it was computed on: inclusive integer indices (i column, j row, k slice).
  voxel_min_i             INTEGER NOT NULL,
  voxel_min_j             INTEGER NOT NULL,
  voxel_min_k             INTEGER NOT NULL,
  voxel_max_i             INTEGER NOT NULL,
  voxel_max_j             INTEGER NOT NULL,
  voxel_max_k             INTEGER NOT NULL,
  -- World box, axis-aligned in LPS mm, voxel edges included.
  world_min_x             REAL    NOT NULL,
  world_min_y             REAL    NOT NULL,
  world_min_z             REAL    NOT NULL,
  world_max_x             REAL    NOT NULL,
  world_max_y             REAL    NOT NULL,
  world_max_z             REAL    NOT NULL,
  centroid_x              REAL    NOT NULL,
  centroid_y              REAL    NOT NULL,
  centroid_z              REAL    NOT NULL,
  volume_ml               REAL    NOT NULL CHECK (volume_ml >= 0),
  diameter_mm             REAL    CHECK (diameter_mm IS NULL OR diameter_mm >= 0),
  mean_hu                 REAL,
  confidence              REAL    NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  -- RegionMask, binary run-length encoding (regions/region-mask-codec.ts); NULL when there is none.
  mask                    BLOB,
  created_at              TEXT    NOT NULL,
  CHECK (voxel_min_i <= voxel_max_i AND voxel_min_j <= voxel_max_j AND voxel_min_k <= voxel_max_k),
  CHECK (world_min_x <= world_max_x AND world_min_y <= world_max_y AND world_min_z <= world_max_z)
) STRICT;

CREATE INDEX regions_by_volume ON regions (volume_id, label);
CREATE INDEX regions_by_series ON regions (series_instance_uid, label);
CREATE INDEX regions_by_run ON regions (run_ref);
`;

const migration: Migration = {
  version: 2,
  name: 'model-runs-and-regions',
  up(db) {
    db.exec(SQL);
  },
};

export default migration;
