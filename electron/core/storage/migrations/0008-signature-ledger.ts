import type { Migration } from './migration';

/**
 * Tamper-evident signatures (electron/core/reports/lifecycle/signature-ledger.ts).
 *
 * signature_ledger: one row per signature (a report's signing, each addendum), appended in order for
 * the whole database. `payload` is the canonical JSON that was signed (report id, version, content
 * hash, and at signing a snapshot of every linked region: label, code, laterality, zone, boxes,
 * measurements, mask digest, model run); `signature` is Ed25519 over it (base64) by the install's key
 * `key_id` (sha256 of its SPKI public key). `entry_hash` covers the row and `previous_entry_hash`,
 * so the ledger is one hash chain; its head is also written, signed, to a file beside the database.
 * report_uid is deliberately not a foreign key: the ledger outlives a report deleted around the
 * triggers, and that is how such a deletion is noticed.
 *
 * legacy_signatures: the reports already signed when this migration ran (signed before RadGround
 * kept signatures), with the content hash they had then. At the next start the core signs an 'adopt'
 * entry for each (lifecycle/adopt-legacy-signatures.ts): from then on they are tamper-evident like
 * the others, and verification says they were signed before signatures were kept. Only reports
 * listed here are ever adopted, so removing a later report's ledger entries is never papered over.
 *
 * Triggers: the ledger is append-only and chained; a region a signed report links to or was
 * grounded against (sentence_regions, report_regions) cannot be updated or deleted, and neither can
 * the finished model run that produced it.
 */
const SIGNED_LINK = `SELECT 1 FROM sentence_regions l
      JOIN report_sentences t ON t.id = l.sentence_ref
      JOIN report_sections s ON s.id = t.section_ref
      JOIN reports r ON r.id = s.report_ref
      WHERE l.region_ref = OLD.id AND r.status IN ('final', 'amended')`;
const SIGNED_CANDIDATE = `SELECT 1 FROM report_regions rr JOIN reports r ON r.id = rr.report_ref
      WHERE rr.region_ref = OLD.id AND r.status IN ('final', 'amended')`;
const SIGNED_RUN = `SELECT 1 FROM regions g
      JOIN report_regions rr ON rr.region_ref = g.id
      JOIN reports r ON r.id = rr.report_ref
      WHERE g.run_ref = OLD.id AND r.status IN ('final', 'amended')
    UNION ALL
    SELECT 1 FROM regions g
      JOIN sentence_regions l ON l.region_ref = g.id
      JOIN report_sentences t ON t.id = l.sentence_ref
      JOIN report_sections s ON s.id = t.section_ref
      JOIN reports r ON r.id = s.report_ref
      WHERE g.run_ref = OLD.id AND r.status IN ('final', 'amended')`;
const HEX64 = (col: string) => `length(${col}) = 64 AND ${col} NOT GLOB '*[^0-9a-f]*'`;

const SQL = /* sql */ `
CREATE TABLE signature_ledger (
  seq                  INTEGER PRIMARY KEY,
  report_uid           TEXT    NOT NULL,
  action               TEXT    NOT NULL CHECK (action IN ('sign', 'addendum', 'adopt')),
  version              INTEGER NOT NULL CHECK (version >= 1),
  content_hash         TEXT    NOT NULL CHECK (${HEX64('content_hash')}),
  payload              TEXT    NOT NULL CHECK (json_valid(payload) AND json_type(payload) = 'object'),
  key_id               TEXT    NOT NULL CHECK (${HEX64('key_id')}),
  signature            TEXT    NOT NULL CHECK (length(signature) > 0),
  previous_entry_hash  TEXT    CHECK (previous_entry_hash IS NULL OR (${HEX64('previous_entry_hash')})),
  entry_hash           TEXT    NOT NULL UNIQUE CHECK (${HEX64('entry_hash')}),
  UNIQUE (report_uid, version)
) STRICT;

CREATE TABLE legacy_signatures (
  report_uid    TEXT PRIMARY KEY,
  content_hash  TEXT NOT NULL,
  listed_at     TEXT NOT NULL
) STRICT;

INSERT INTO legacy_signatures (report_uid, content_hash, listed_at)
  SELECT uid, content_hash, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM reports
  WHERE status IN ('final', 'amended') AND content_hash IS NOT NULL;

CREATE TRIGGER legacy_signatures_no_update BEFORE UPDATE ON legacy_signatures
BEGIN SELECT RAISE(ABORT, 'legacy_signatures is fixed at migration'); END;

CREATE TRIGGER legacy_signatures_no_insert BEFORE INSERT ON legacy_signatures
BEGIN SELECT RAISE(ABORT, 'legacy_signatures is fixed at migration'); END;

CREATE TRIGGER signature_ledger_chain BEFORE INSERT ON signature_ledger
WHEN NEW.previous_entry_hash IS NOT (SELECT entry_hash FROM signature_ledger ORDER BY seq DESC LIMIT 1)
BEGIN SELECT RAISE(ABORT, 'a ledger entry must chain to the previous entry'); END;

CREATE TRIGGER signature_ledger_no_update BEFORE UPDATE ON signature_ledger
BEGIN SELECT RAISE(ABORT, 'signature_ledger is append-only'); END;

CREATE TRIGGER signature_ledger_no_delete BEFORE DELETE ON signature_ledger
BEGIN SELECT RAISE(ABORT, 'signature_ledger is append-only'); END;

CREATE TRIGGER regions_signed_update BEFORE UPDATE ON regions
WHEN EXISTS (${SIGNED_LINK}) OR EXISTS (${SIGNED_CANDIDATE})
BEGIN SELECT RAISE(ABORT, 'report is signed: the regions it rests on cannot change'); END;

CREATE TRIGGER regions_signed_delete BEFORE DELETE ON regions
WHEN EXISTS (${SIGNED_LINK}) OR EXISTS (${SIGNED_CANDIDATE})
BEGIN SELECT RAISE(ABORT, 'report is signed: the regions it rests on cannot be deleted'); END;

CREATE TRIGGER model_runs_signed_update BEFORE UPDATE ON model_runs
WHEN OLD.status <> 'running' AND EXISTS (${SIGNED_RUN})
BEGIN SELECT RAISE(ABORT, 'report is signed: the model run behind its regions cannot change'); END;

CREATE TRIGGER model_runs_signed_delete BEFORE DELETE ON model_runs
WHEN EXISTS (${SIGNED_RUN})
BEGIN SELECT RAISE(ABORT, 'report is signed: the model run behind its regions cannot be deleted'); END;
`;

const migration: Migration = {
  version: 8,
  name: 'signature-ledger',
  up(db) {
    db.exec(SQL);
  },
};

export default migration;
