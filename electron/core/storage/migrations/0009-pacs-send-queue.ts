import type { Migration } from './migration';

/**
 * The PACS send queue (electron/core/pacs/send-queue.ts): one row per signed report version
 * (content hash) and node. The DICOM objects are not stored: the SR + SEG of a signed report are
 * exported again, identically, at each attempt. A row left 'sending' by a closed or crashed app goes
 * back to 'queued' at the next start. report_uid is not a foreign key: a send stays visible even
 * if its report goes.
 */
const SQL = /* sql */ `
CREATE TABLE pacs_sends (
  id               INTEGER PRIMARY KEY,
  report_uid       TEXT    NOT NULL,
  node_id          TEXT    NOT NULL,
  content_hash     TEXT    NOT NULL,
  status           TEXT    NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error       TEXT,
  next_attempt_at  TEXT    NOT NULL,
  created_at       TEXT    NOT NULL,
  updated_at       TEXT    NOT NULL,
  sent_json        TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(sent_json) AND json_type(sent_json) = 'array'),
  UNIQUE (report_uid, node_id, content_hash)
) STRICT;
CREATE INDEX pacs_sends_due ON pacs_sends (status, next_attempt_at);
`;

const migration: Migration = {
  version: 9,
  name: 'pacs-send-queue',
  up(db) {
    db.exec(SQL);
  },
};
export default migration;
