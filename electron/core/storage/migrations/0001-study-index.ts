import type { Migration } from './migration';

/**
 * The study index: patients > studies > series > instances, as read from DICOM headers at import,
 * plus the files the importer could not use.
 *
 * Conventions: every table is STRICT; `*_ref` columns are foreign keys to internal integer ids
 * (the DICOM identifiers keep their DICOM names: patient_id is PatientID, not a row id); dates are
 * DICOM DA 'YYYYMMDD', times DICOM TM normalized to 'HHMMSS' with an optional '.FFFFFF'; timestamps
 * of our own are ISO 8601 UTC text.
 */
const SQL = /* sql */ `
CREATE TABLE patients (
  id                      INTEGER PRIMARY KEY,
  -- (0010,0020) PatientID, trimmed; '' when the file has none.
  patient_id              TEXT    NOT NULL,
  -- (0010,0010) PatientName with DICOM '^' separators, trimmed of trailing '^' and spaces; '' when none.
  name                    TEXT    NOT NULL,
  -- name folded for search: lower case, no diacritics, '^' and '=' as spaces.
  name_search             TEXT    NOT NULL,
  -- With neither PatientID nor PatientName we cannot tell patients apart, so each such study gets a
  -- patient row of its own: this holds that study's UID then, and '' otherwise.
  unidentified_study_uid  TEXT    NOT NULL DEFAULT '',
  birth_date              TEXT    CHECK (birth_date IS NULL OR birth_date GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
  sex                     TEXT,
  UNIQUE (patient_id, name, unidentified_study_uid)
) STRICT;

CREATE TABLE studies (
  id                  INTEGER PRIMARY KEY,
  study_instance_uid  TEXT    NOT NULL UNIQUE,
  patient_ref         INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  study_date          TEXT    CHECK (study_date IS NULL OR study_date GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
  study_time          TEXT,
  description         TEXT,
  accession_number    TEXT,
  -- JSON array of the distinct series modalities, sorted (kept up to date by the indexer).
  modalities          TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(modalities) AND json_type(modalities) = 'array'),
  -- Folded text the worklist's free-text filter searches: patient name and ID, study and series
  -- descriptions, accession, body parts; one field a line (kept up to date by the indexer).
  search_text         TEXT    NOT NULL DEFAULT '',
  indexed_at          TEXT    NOT NULL
) STRICT;

CREATE INDEX studies_by_date ON studies (study_date DESC, study_time DESC);
CREATE INDEX studies_by_patient ON studies (patient_ref, study_date);

CREATE TABLE series (
  id                      INTEGER PRIMARY KEY,
  series_instance_uid     TEXT    NOT NULL UNIQUE,
  study_ref               INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
  modality                TEXT,
  description             TEXT,
  series_number           INTEGER,
  frame_of_reference_uid  TEXT,
  body_part               TEXT,
  pixel_rows              INTEGER CHECK (pixel_rows IS NULL OR pixel_rows >= 0),
  pixel_columns           INTEGER CHECK (pixel_columns IS NULL OR pixel_columns >= 0),
  -- Number of rows in instances for this series (kept up to date by the indexer).
  instance_count          INTEGER NOT NULL DEFAULT 0 CHECK (instance_count >= 0)
) STRICT;

CREATE INDEX series_by_study ON series (study_ref, series_number);
CREATE INDEX series_by_modality ON series (modality, study_ref);

CREATE TABLE instances (
  id                   INTEGER PRIMARY KEY,
  sop_instance_uid     TEXT    NOT NULL UNIQUE,
  series_ref           INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  sop_class_uid        TEXT    NOT NULL,
  file_path            TEXT    NOT NULL,
  file_size            INTEGER NOT NULL CHECK (file_size >= 0),
  instance_number      INTEGER,
  -- ImagePositionPatient (LPS mm) of the instance, or of its first frame for enhanced multi-frame.
  position_x           REAL,
  position_y           REAL,
  position_z           REAL,
  number_of_frames     INTEGER NOT NULL CHECK (number_of_frames >= 0),
  transfer_syntax_uid  TEXT    NOT NULL,
  -- The whole DicomInstance record as JSON, so volumes can be rebuilt without re-reading files.
  header_json          TEXT    NOT NULL CHECK (json_valid(header_json)),
  indexed_at           TEXT    NOT NULL,
  CHECK ((position_x IS NULL) = (position_y IS NULL) AND (position_y IS NULL) = (position_z IS NULL))
) STRICT;

CREATE INDEX instances_by_series ON instances (series_ref, instance_number);
CREATE INDEX instances_by_path ON instances (file_path);

CREATE TABLE rejected_files (
  id       INTEGER PRIMARY KEY,
  path     TEXT NOT NULL UNIQUE,
  reason   TEXT NOT NULL,
  seen_at  TEXT NOT NULL
) STRICT;

CREATE INDEX rejected_files_by_seen ON rejected_files (seen_at DESC);
`;

const migration: Migration = {
  version: 1,
  name: 'study-index',
  up(db) {
    db.exec(SQL);
  },
};

export default migration;
