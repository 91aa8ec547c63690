import type { Migration } from './migration';

/**
 * Grounded reports (electron/core/reports/): a report of a study, its five sections, their
 * sentences, each sentence's links to regions (0002), addenda, and an append-only audit log.
 *
 * Conventions as in 0001/0002: STRICT tables, INTEGER PRIMARY KEY row ids with `*_ref` foreign keys;
 * the ids the API hands out are the `uid` columns (UUIDs); timestamps are ISO 8601 UTC text; hashes
 * are SHA-256, lower-case hex (reports/hashing/).
 *
 * Checks (laterality, size, change claims...) are NOT stored: they are computed on read from the
 * text, the links, the report's candidate regions and its prior, so they can never go stale. The
 * only thing stored about them is an override at signing, as an 'override' row of the audit log.
 *
 * Immutability is enforced twice: the repository refuses writes to a signed report (CONFLICT), and
 * the triggers below refuse them for anything that reaches SQL directly:
 *  - a report is signed when its status is 'final' or 'amended';
 *  - INSERT/UPDATE/DELETE on report_sections, report_sentences, sentence_regions and
 *    report_regions of a signed report raise;
 *  - a signed report's row may only move to the next version through an addendum (status
 *    'amended', version + 1, previous_hash = the old content_hash, content_hash = that addendum's
 *    hash); anything else raises, and a signed report cannot be deleted;
 *  - report_addenda and report_audit_log are append-only (UPDATE/DELETE raise); an addendum must
 *    chain to the report's current content_hash, an audit row to the report's previous audit row.
 * Consequence: a region linked from (or drafted against by) a signed report cannot be deleted: the
 * cascade to the frozen link rows raises, so the evidence a signed report points at stays.
 *
 * reports.content_hash / previous_hash / version: NULL / NULL / 1 while unsigned. Signing sets
 * content_hash to the hash of the signed content (sections, sentences, links). Each addendum then
 * moves the report to the next version: previous_hash takes the old content_hash and content_hash
 * the addendum's hash (which covers the previous hash), so content_hash is always the head of the
 * chain and the hashes of the audit log's 'sign' and 'addendum' rows spell out every link.
 */
const SQL = /* sql */ `
CREATE TABLE reports (
  id                  INTEGER PRIMARY KEY,
  uid                 TEXT    NOT NULL UNIQUE,
  -- The study reported on (DICOM StudyInstanceUID). Deliberately not a foreign key: a report is a
  -- medico-legal record and outlives the study's rows in the index.
  study_instance_uid  TEXT    NOT NULL,
  status              TEXT    NOT NULL CHECK (status IN ('draft', 'preliminary', 'final', 'amended')),
  author              TEXT    NOT NULL CHECK (length(author) > 0),
  version             INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  -- JSON {studyDate, description} of the prior exam the report compares with; NULL: none known.
  prior               TEXT    CHECK (prior IS NULL OR (json_valid(prior) AND json_type(prior) = 'object')),
  created_at          TEXT    NOT NULL,
  updated_at          TEXT    NOT NULL,
  signed_by           TEXT,
  signed_at           TEXT,
  content_hash        TEXT    CHECK (content_hash IS NULL OR (length(content_hash) = 64 AND content_hash NOT GLOB '*[^0-9a-f]*')),
  previous_hash       TEXT    CHECK (previous_hash IS NULL OR (length(previous_hash) = 64 AND previous_hash NOT GLOB '*[^0-9a-f]*')),
  CHECK ((status IN ('final', 'amended')) = (signed_by IS NOT NULL AND signed_at IS NOT NULL AND content_hash IS NOT NULL)),
  CHECK ((status IN ('draft', 'preliminary')) = (signed_by IS NULL AND signed_at IS NULL AND content_hash IS NULL)),
  CHECK ((status = 'amended') = (version > 1)),
  CHECK ((previous_hash IS NULL) = (version = 1))
) STRICT;

CREATE INDEX reports_by_study ON reports (study_instance_uid, created_at DESC);

CREATE TABLE report_sections (
  id          INTEGER PRIMARY KEY,
  report_ref  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  name        TEXT    NOT NULL CHECK (name IN ('indication', 'technique', 'comparison', 'findings', 'impression')),
  ordinal     INTEGER NOT NULL CHECK (ordinal >= 0),
  UNIQUE (report_ref, name),
  UNIQUE (report_ref, ordinal)
) STRICT;

CREATE TABLE report_sentences (
  id           INTEGER PRIMARY KEY,
  uid          TEXT    NOT NULL UNIQUE,
  section_ref  INTEGER NOT NULL REFERENCES report_sections (id) ON DELETE CASCADE,
  ordinal      INTEGER NOT NULL CHECK (ordinal >= 0),
  text         TEXT    NOT NULL CHECK (length(trim(text)) > 0),
  -- 'ai': drafted and not edited since; 'human': typed, or a drafted sentence a person edited.
  origin       TEXT    NOT NULL CHECK (origin IN ('ai', 'human')),
  -- 'auto': links follow the text (re-grounded on each edit); 'manual': a person linked or unlinked
  -- a region, and edits leave the links alone.
  grounding    TEXT    NOT NULL DEFAULT 'auto' CHECK (grounding IN ('auto', 'manual')),
  created_at   TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL,
  UNIQUE (section_ref, ordinal)
) STRICT;

CREATE TABLE sentence_regions (
  sentence_ref  INTEGER NOT NULL REFERENCES report_sentences (id) ON DELETE CASCADE,
  region_ref    INTEGER NOT NULL REFERENCES regions (id) ON DELETE CASCADE,
  score         REAL    NOT NULL CHECK (score >= 0 AND score <= 1),
  origin        TEXT    NOT NULL CHECK (origin IN ('auto', 'manual')),
  PRIMARY KEY (sentence_ref, region_ref)
) STRICT, WITHOUT ROWID;

CREATE INDEX sentence_regions_by_region ON sentence_regions (region_ref);

-- The regions a report's text is grounded against (the analysis it was drafted from, plus any
-- region a person linked by hand).
CREATE TABLE report_regions (
  report_ref  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  region_ref  INTEGER NOT NULL REFERENCES regions (id) ON DELETE CASCADE,
  PRIMARY KEY (report_ref, region_ref)
) STRICT, WITHOUT ROWID;

CREATE INDEX report_regions_by_region ON report_regions (region_ref);

CREATE TABLE report_addenda (
  id             INTEGER PRIMARY KEY,
  uid            TEXT    NOT NULL UNIQUE,
  report_ref     INTEGER NOT NULL REFERENCES reports (id),
  text           TEXT    NOT NULL CHECK (length(trim(text)) > 0),
  author         TEXT    NOT NULL CHECK (length(author) > 0),
  created_at     TEXT    NOT NULL,
  hash           TEXT    NOT NULL UNIQUE CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'),
  previous_hash  TEXT    NOT NULL CHECK (length(previous_hash) = 64 AND previous_hash NOT GLOB '*[^0-9a-f]*')
) STRICT;

CREATE INDEX report_addenda_by_report ON report_addenda (report_ref, id);

-- Append-only: who did what to which report, when, and the report's hash before and after.
-- Each row also chains to the report's previous row (entry_hash covers previous_entry_hash).
CREATE TABLE report_audit_log (
  id                   INTEGER PRIMARY KEY,
  report_ref           INTEGER NOT NULL REFERENCES reports (id),
  actor                TEXT    NOT NULL CHECK (length(actor) > 0),
  action               TEXT    NOT NULL CHECK (action IN ('create', 'sentence.add', 'sentence.update', 'sentence.delete',
                                                          'link.add', 'link.remove', 'status', 'override', 'sign', 'addendum')),
  at                   TEXT    NOT NULL,
  detail               TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(detail) AND json_type(detail) = 'object'),
  hash_before          TEXT,
  hash_after           TEXT,
  previous_entry_hash  TEXT,
  entry_hash           TEXT    NOT NULL UNIQUE
) STRICT;

CREATE INDEX report_audit_log_by_report ON report_audit_log (report_ref, id);

-- Signed reports are frozen.
CREATE TRIGGER reports_signed_update BEFORE UPDATE ON reports
WHEN OLD.status IN ('final', 'amended') AND NOT (
  NEW.status = 'amended'
  AND NEW.version = OLD.version + 1
  AND NEW.previous_hash IS OLD.content_hash
  AND NEW.content_hash IS (SELECT hash FROM report_addenda WHERE report_ref = OLD.id ORDER BY id DESC LIMIT 1)
  AND NEW.content_hash IS NOT OLD.content_hash
  AND NEW.id IS OLD.id AND NEW.uid IS OLD.uid AND NEW.study_instance_uid IS OLD.study_instance_uid
  AND NEW.author IS OLD.author AND NEW.prior IS OLD.prior AND NEW.created_at IS OLD.created_at
  AND NEW.signed_by IS OLD.signed_by AND NEW.signed_at IS OLD.signed_at
)
BEGIN SELECT RAISE(ABORT, 'report is signed: only an addendum can amend it'); END;

CREATE TRIGGER reports_signed_delete BEFORE DELETE ON reports
WHEN OLD.status IN ('final', 'amended')
BEGIN SELECT RAISE(ABORT, 'report is signed: it cannot be deleted'); END;

CREATE TRIGGER report_sections_signed_insert BEFORE INSERT ON report_sections
WHEN (SELECT status FROM reports WHERE id = NEW.report_ref) IN ('final', 'amended')
BEGIN SELECT RAISE(ABORT, 'report is signed: its sections cannot change'); END;

CREATE TRIGGER report_sections_signed_update BEFORE UPDATE ON report_sections
WHEN (SELECT status FROM reports WHERE id = OLD.report_ref) IN ('final', 'amended')
  OR (SELECT status FROM reports WHERE id = NEW.report_ref) IN ('final', 'amended')
BEGIN SELECT RAISE(ABORT, 'report is signed: its sections cannot change'); END;

CREATE TRIGGER report_sections_signed_delete BEFORE DELETE ON report_sections
WHEN (SELECT status FROM reports WHERE id = OLD.report_ref) IN ('final', 'amended')
BEGIN SELECT RAISE(ABORT, 'report is signed: its sections cannot change'); END;

CREATE TRIGGER report_sentences_signed_insert BEFORE INSERT ON report_sentences
WHEN (SELECT r.status FROM report_sections s JOIN reports r ON r.id = s.report_ref WHERE s.id = NEW.section_ref) IN ('final', 'amended')
BEGIN SELECT RAISE(ABORT, 'report is signed: its sentences cannot change'); END;

CREATE TRIGGER report_sentences_signed_update BEFORE UPDATE ON report_sentences
WHEN (SELECT r.status FROM report_sections s JOIN reports r ON r.id = s.report_ref WHERE s.id = OLD.section_ref) IN ('final', 'amended')
  OR (SELECT r.status FROM report_sections s JOIN reports r ON r.id = s.report_ref WHERE s.id = NEW.section_ref) IN ('final', 'amended')
BEGIN SELECT RAISE(ABORT, 'report is signed: its sentences cannot change'); END;

CREATE TRIGGER report_sentences_signed_delete BEFORE DELETE ON report_sentences
WHEN (SELECT r.status FROM report_sections s JOIN reports r ON r.id = s.report_ref WHERE s.id = OLD.section_ref) IN ('final', 'amended')
BEGIN SELECT RAISE(ABORT, 'report is signed: its sentences cannot change'); END;

CREATE TRIGGER sentence_regions_signed_insert BEFORE INSERT ON sentence_regions
WHEN (SELECT r.status FROM report_sentences t JOIN report_sections s ON s.id = t.section_ref JOIN reports r ON r.id = s.report_ref
      WHERE t.id = NEW.sentence_ref) IN ('final', 'amended')
BEGIN SELECT RAISE(ABORT, 'report is signed: its links cannot change'); END;

CREATE TRIGGER sentence_regions_signed_update BEFORE UPDATE ON sentence_regions
WHEN (SELECT r.status FROM report_sentences t JOIN report_sections s ON s.id = t.section_ref JOIN reports r ON r.id = s.report_ref
      WHERE t.id = OLD.sentence_ref) IN ('final', 'amended')
  OR (SELECT r.status FROM report_sentences t JOIN report_sections s ON s.id = t.section_ref JOIN reports r ON r.id = s.report_ref
      WHERE t.id = NEW.sentence_ref) IN ('final', 'amended')
BEGIN SELECT RAISE(ABORT, 'report is signed: its links cannot change'); END;

CREATE TRIGGER sentence_regions_signed_delete BEFORE DELETE ON sentence_regions
WHEN (SELECT r.status FROM report_sentences t JOIN report_sections s ON s.id = t.section_ref JOIN reports r ON r.id = s.report_ref
      WHERE t.id = OLD.sentence_ref) IN ('final', 'amended')
BEGIN SELECT RAISE(ABORT, 'report is signed: its links cannot change'); END;

CREATE TRIGGER report_regions_signed_insert BEFORE INSERT ON report_regions
WHEN (SELECT status FROM reports WHERE id = NEW.report_ref) IN ('final', 'amended')
BEGIN SELECT RAISE(ABORT, 'report is signed: its regions cannot change'); END;

CREATE TRIGGER report_regions_signed_update BEFORE UPDATE ON report_regions
WHEN (SELECT status FROM reports WHERE id = OLD.report_ref) IN ('final', 'amended')
  OR (SELECT status FROM reports WHERE id = NEW.report_ref) IN ('final', 'amended')
BEGIN SELECT RAISE(ABORT, 'report is signed: its regions cannot change'); END;

CREATE TRIGGER report_regions_signed_delete BEFORE DELETE ON report_regions
WHEN (SELECT status FROM reports WHERE id = OLD.report_ref) IN ('final', 'amended')
BEGIN SELECT RAISE(ABORT, 'report is signed: its regions cannot change'); END;

-- Addenda: only on signed reports, chained to the report's current hash; never changed.
CREATE TRIGGER report_addenda_insert BEFORE INSERT ON report_addenda
WHEN (SELECT status FROM reports WHERE id = NEW.report_ref) IS NOT 'final'
  AND (SELECT status FROM reports WHERE id = NEW.report_ref) IS NOT 'amended'
BEGIN SELECT RAISE(ABORT, 'an addendum needs a signed report'); END;

CREATE TRIGGER report_addenda_chain BEFORE INSERT ON report_addenda
WHEN NEW.previous_hash IS NOT (SELECT content_hash FROM reports WHERE id = NEW.report_ref)
BEGIN SELECT RAISE(ABORT, 'an addendum must chain to the report''s current hash'); END;

CREATE TRIGGER report_addenda_no_update BEFORE UPDATE ON report_addenda
BEGIN SELECT RAISE(ABORT, 'report_addenda is append-only'); END;

CREATE TRIGGER report_addenda_no_delete BEFORE DELETE ON report_addenda
BEGIN SELECT RAISE(ABORT, 'report_addenda is append-only'); END;

-- The audit log: append-only, each row chained to the report's previous row.
CREATE TRIGGER report_audit_log_chain BEFORE INSERT ON report_audit_log
WHEN NEW.previous_entry_hash IS NOT (SELECT entry_hash FROM report_audit_log WHERE report_ref = NEW.report_ref ORDER BY id DESC LIMIT 1)
BEGIN SELECT RAISE(ABORT, 'audit row must chain to the report''s previous audit row'); END;

CREATE TRIGGER report_audit_log_no_update BEFORE UPDATE ON report_audit_log
BEGIN SELECT RAISE(ABORT, 'report_audit_log is append-only'); END;

CREATE TRIGGER report_audit_log_no_delete BEFORE DELETE ON report_audit_log
BEGIN SELECT RAISE(ABORT, 'report_audit_log is append-only'); END;
`;

const migration: Migration = {
  version: 3,
  name: 'reports',
  up(db) {
    db.exec(SQL);
  },
};

export default migration;
