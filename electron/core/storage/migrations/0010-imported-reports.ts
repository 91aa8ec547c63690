import type { Migration } from './migration';

/**
 * Reports restored from a RadGround DICOM SR (+ SEG) found by an import or a PACS retrieve
 * (electron/core/reports/imported/).
 *
 * imported_documents: one row per SR instance restored, the report it restored or amended, and what
 * the SR says about its signing (verifying observer, verification time and flag) with the SHA-256
 * digest of the SR file as received. A report with a row of kind 'report' is an imported report:
 * read-only (no edits, no local signing, no local addenda), shown as imported. Its status is the
 * signed one ('final', or 'amended' once an addendum SR is restored), so the triggers of 0003/0008
 * freeze it like any signed report. Append-only.
 *
 * signature_ledger is rebuilt to accept the action 'import': an imported document is recorded in
 * the ledger (signed by this install's key, which attests this copy, not the original signing), so
 * verification covers it and tells it apart from a signing done here. Rows are copied unchanged;
 * the triggers of 0008 on the ledger are re-created.
 */
const HEX64 = (col: string) => `length(${col}) = 64 AND ${col} NOT GLOB '*[^0-9a-f]*'`;

const SQL = /* sql */ `
CREATE TABLE signature_ledger_v10 (
  seq                  INTEGER PRIMARY KEY,
  report_uid           TEXT    NOT NULL,
  action               TEXT    NOT NULL CHECK (action IN ('sign', 'addendum', 'adopt', 'import')),
  version              INTEGER NOT NULL CHECK (version >= 1),
  content_hash         TEXT    NOT NULL CHECK (${HEX64('content_hash')}),
  payload              TEXT    NOT NULL CHECK (json_valid(payload) AND json_type(payload) = 'object'),
  key_id               TEXT    NOT NULL CHECK (${HEX64('key_id')}),
  signature            TEXT    NOT NULL CHECK (length(signature) > 0),
  previous_entry_hash  TEXT    CHECK (previous_entry_hash IS NULL OR (${HEX64('previous_entry_hash')})),
  entry_hash           TEXT    NOT NULL UNIQUE CHECK (${HEX64('entry_hash')}),
  UNIQUE (report_uid, version)
) STRICT;

INSERT INTO signature_ledger_v10 (seq, report_uid, action, version, content_hash, payload, key_id, signature, previous_entry_hash, entry_hash)
  SELECT seq, report_uid, action, version, content_hash, payload, key_id, signature, previous_entry_hash, entry_hash FROM signature_ledger;

DROP TABLE signature_ledger;
ALTER TABLE signature_ledger_v10 RENAME TO signature_ledger;

CREATE TRIGGER signature_ledger_chain BEFORE INSERT ON signature_ledger
WHEN NEW.previous_entry_hash IS NOT (SELECT entry_hash FROM signature_ledger ORDER BY seq DESC LIMIT 1)
BEGIN SELECT RAISE(ABORT, 'a ledger entry must chain to the previous entry'); END;

CREATE TRIGGER signature_ledger_no_update BEFORE UPDATE ON signature_ledger
BEGIN SELECT RAISE(ABORT, 'signature_ledger is append-only'); END;

CREATE TRIGGER signature_ledger_no_delete BEFORE DELETE ON signature_ledger
BEGIN SELECT RAISE(ABORT, 'signature_ledger is append-only'); END;

CREATE TABLE imported_documents (
  id                    INTEGER PRIMARY KEY,
  sr_sop_instance_uid   TEXT    NOT NULL UNIQUE,
  report_ref            INTEGER NOT NULL REFERENCES reports (id),
  -- 'report': the SR the report was restored from; 'addendum': a later SR whose addenda were appended.
  kind                  TEXT    NOT NULL CHECK (kind IN ('report', 'addendum')),
  version               INTEGER NOT NULL CHECK (version >= 1),
  sr_digest             TEXT    NOT NULL CHECK (${HEX64('sr_digest')}),
  predecessor_uid       TEXT,
  seg_sop_instance_uid  TEXT,
  signer                TEXT    NOT NULL,
  signed_at             TEXT    NOT NULL,
  verification_flag     TEXT    NOT NULL CHECK (verification_flag IN ('VERIFIED', 'UNVERIFIED')),
  source                TEXT    NOT NULL CHECK (source IN ('file', 'pacs')),
  -- JSON array of what the restoration could not do (no SEG, a segment missing...).
  notes                 TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(notes) AND json_type(notes) = 'array'),
  imported_at           TEXT    NOT NULL
) STRICT;

CREATE UNIQUE INDEX imported_documents_one_report ON imported_documents (report_ref) WHERE kind = 'report';
CREATE INDEX imported_documents_by_report ON imported_documents (report_ref, version);

CREATE TRIGGER imported_documents_no_update BEFORE UPDATE ON imported_documents
BEGIN SELECT RAISE(ABORT, 'imported_documents is append-only'); END;

CREATE TRIGGER imported_documents_no_delete BEFORE DELETE ON imported_documents
BEGIN SELECT RAISE(ABORT, 'imported_documents is append-only'); END;
`;

const migration: Migration = {
  version: 10,
  name: 'imported-reports',
  up(db) {
    db.exec(SQL);
  },
};

export default migration;
