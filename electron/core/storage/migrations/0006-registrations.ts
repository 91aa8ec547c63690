import type { Migration } from './migration';

/**
 * Reading with priors (electron/core/registration/, electron/core/tracking/,
 * electron/core/comparison/): registrations cached per pair of volumes, the reader's manual nudge
 * saved with the pair, and the reader's re-pairings and unpairings of tracked lesions.
 *
 * registrations: one row per (current volume, prior volume). `matrix` is the AUTOMATIC result, a
 * row-major 4x4 mapping PRIOR patient coordinates (LPS mm) to CURRENT ones; the nudge (mm, in the
 * current exam's coordinates) is a translation the reader adds after it, so the matrix in use is
 * translate(nudge) * matrix. `algorithm` names the registration code version that computed the row:
 * a row from another version is recomputed (the nudge and lesion pairings are kept). `details` is
 * JSON (start alignment, per-level similarity and iterations).
 *
 * lesion_pairings: the reader's choices for one registration: 'pair' forces a current region and a
 * prior region to be the same lesion, 'unpair' forbids it. Region ids are the regions' uids (0002);
 * deliberately not foreign keys: a re-analysis replaces regions, and choices about regions that no
 * longer exist are simply ignored.
 *
 * Conventions as in 0002/0003: STRICT tables, INTEGER PRIMARY KEY row ids with `*_ref` foreign keys;
 * the ids handed out are the `uid` columns (UUIDs); timestamps are ISO 8601 UTC text; JSON columns
 * are checked with json_valid.
 */
const SQL = /* sql */ `
CREATE TABLE registrations (
  id                              INTEGER PRIMARY KEY,
  uid                             TEXT    NOT NULL UNIQUE,
  current_volume_id               TEXT    NOT NULL,
  prior_volume_id                 TEXT    NOT NULL,
  current_frame_of_reference_uid  TEXT,
  prior_frame_of_reference_uid    TEXT,
  method                          TEXT    NOT NULL CHECK (method IN ('same-frame-of-reference', 'rigid-ncc-multiresolution')),
  algorithm                       TEXT    NOT NULL,
  matrix                          TEXT    NOT NULL CHECK (json_valid(matrix) AND json_type(matrix) = 'array' AND json_array_length(matrix) = 16),
  quality                         REAL    CHECK (quality IS NULL OR (quality >= -1 AND quality <= 1)),
  duration_ms                     INTEGER NOT NULL CHECK (duration_ms >= 0),
  details                         TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(details) AND json_type(details) = 'object'),
  nudge_x                         REAL    NOT NULL DEFAULT 0,
  nudge_y                         REAL    NOT NULL DEFAULT 0,
  nudge_z                         REAL    NOT NULL DEFAULT 0,
  created_at                      TEXT    NOT NULL,
  updated_at                      TEXT    NOT NULL,
  UNIQUE (current_volume_id, prior_volume_id)
) STRICT;

CREATE TABLE lesion_pairings (
  id                  INTEGER PRIMARY KEY,
  registration_ref    INTEGER NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
  current_region_uid  TEXT    NOT NULL,
  prior_region_uid    TEXT    NOT NULL,
  action              TEXT    NOT NULL CHECK (action IN ('pair', 'unpair')),
  created_at          TEXT    NOT NULL,
  UNIQUE (registration_ref, current_region_uid, prior_region_uid)
) STRICT;

CREATE INDEX lesion_pairings_by_registration ON lesion_pairings (registration_ref);
`;

const migration: Migration = {
  version: 6,
  name: 'registrations',
  up(db) {
    db.exec(SQL);
  },
};

export default migration;
