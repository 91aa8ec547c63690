import type { Migration } from './migration';

/**
 * Evaluation runs (electron/core/evaluation/): `radground eval` on a manifest of annotated cases,
 * stored per model version so that results can be compared across versions of a pack.
 *
 * evaluation_runs: one row per run: the manifest, the model pack (id, version, sha256 of its model
 * file, the execution provider that ran it), when, and the summary (sensitivity by size, false
 * positives per scan, laterality accuracy, unsafe statements, lung Dice, timings) as JSON.
 * evaluation_cases: one row per case of a run: its outcome in a few plain columns (for SQL
 * comparisons across versions) and the whole case result (per-lesion rows, false positives, the
 * drafted sentences, unsafe statements) as JSON. model_run_ref points at the case's analysis run
 * (0002); it is cleared, not cascaded, when that run is deleted.
 *
 * Conventions as in 0002/0003: STRICT tables, INTEGER PRIMARY KEY row ids with `*_ref` foreign keys;
 * the ids handed out are the `uid` columns (UUIDs); timestamps are ISO 8601 UTC text; JSON columns
 * are checked with json_valid.
 */
const SQL = /* sql */ `
CREATE TABLE evaluation_runs (
  id                  INTEGER PRIMARY KEY,
  uid                 TEXT    NOT NULL UNIQUE,
  manifest_path       TEXT    NOT NULL,
  model_id            TEXT    NOT NULL,
  model_version       TEXT    NOT NULL,
  model_sha256        TEXT    NOT NULL,
  execution_provider  TEXT,
  started_at          TEXT    NOT NULL,
  finished_at         TEXT    NOT NULL,
  summary             TEXT    NOT NULL CHECK (json_valid(summary) AND json_type(summary) = 'object')
) STRICT;

CREATE INDEX evaluation_runs_by_model ON evaluation_runs (model_id, model_version, started_at DESC);

CREATE TABLE evaluation_cases (
  id                  INTEGER PRIMARY KEY,
  run_ref             INTEGER NOT NULL REFERENCES evaluation_runs (id) ON DELETE CASCADE,
  case_id             TEXT    NOT NULL,
  status              TEXT    NOT NULL CHECK (status IN ('ok', 'failed')),
  model_run_ref       INTEGER REFERENCES model_runs (id) ON DELETE SET NULL,
  lesions_counted     INTEGER NOT NULL CHECK (lesions_counted >= 0),
  lesions_found       INTEGER NOT NULL CHECK (lesions_found >= 0 AND lesions_found <= lesions_counted),
  false_positives     INTEGER NOT NULL CHECK (false_positives >= 0),
  unsafe_statements   INTEGER NOT NULL CHECK (unsafe_statements >= 0),
  lung_dice           REAL    CHECK (lung_dice IS NULL OR (lung_dice >= 0 AND lung_dice <= 1)),
  analysis_ms         INTEGER,
  eval_ms             INTEGER NOT NULL,
  -- The whole case result (CaseResult or FailedCase of evaluation/evaluate-case.ts).
  result              TEXT    NOT NULL CHECK (json_valid(result) AND json_type(result) = 'object'),
  UNIQUE (run_ref, case_id)
) STRICT;

CREATE INDEX evaluation_cases_by_model_run ON evaluation_cases (model_run_ref);
`;

const migration: Migration = {
  version: 5,
  name: 'evaluations',
  up(db) {
    db.exec(SQL);
  },
};

export default migration;
