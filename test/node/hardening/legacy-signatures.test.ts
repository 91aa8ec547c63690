/**
 * Reports signed before RadGround kept a signature ledger: migration 8 lists them, the core adopts
 * each once with a signed entry, verification then passes with a notice and catches later changes;
 * a report not listed is never adopted (removing a later report's ledger entries stays visible).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReportService, verifyReportChain } from '../../../electron/core/reports';
import { adoptLegacySignatures } from '../../../electron/core/reports/lifecycle/adopt-legacy-signatures';
import { openDatabase } from '../../../electron/core/storage/open-database';
import { draftDemo, openReportDb, testEnv, type ReportDb } from '../reports/support/report-db';

let dir: string;
let r: ReportDb;
const dbPath = () => join(dir, 'radground.sqlite');
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rg-legacy-'));
  r = openReportDb(dbPath());
});
afterEach(() => {
  r.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The database as a build without the ledger left it: signed reports, no ledger, no head file; `listed` as migration 8 lists them. */
function asBeforeTheLedger(listed: string[], ...sql: string[]) {
  r.close();
  const raw = new Database(dbPath());
  for (const { name } of raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]) raw.exec(`DROP TRIGGER ${name}`);
  raw.exec('DELETE FROM signature_ledger');
  for (const uid of listed) raw.prepare("INSERT INTO legacy_signatures SELECT uid, content_hash, '2026-01-01T00:00:00.000Z' FROM reports WHERE uid = ?").run(uid);
  for (const s of sql) raw.exec(s);
  raw.close();
  rmSync(`${dbPath()}.ledger-head`, { force: true });
  reopen();
}

function reopen() {
  const db = openDatabase(dbPath());
  r = { ...r, db, svc: createReportService(db, { env: testEnv('after') }), close: () => db.close() };
}

function signed(addendum: boolean): string {
  const v = draftDemo(r);
  r.svc.sign(v.id, 'dr.attending');
  if (addendum) r.svc.addAddendum(v.id, 'Discussed with the referring physician.', 'dr.attending');
  return v.id;
}

describe('reports signed before signatures were kept', () => {
  it('without adoption they fail verification; adopted once, they verify with a notice, and later addenda are signed as usual', () => {
    const id = signed(true);
    asBeforeTheLedger([id]);
    expect(verifyReportChain(r.db, id).ok).toBe(false);
    expect(adoptLegacySignatures(r.db, () => '2026-12-07T09:00:00.000Z')).toBe(1);
    expect(adoptLegacySignatures(r.db)).toBe(0); // once
    const v = verifyReportChain(r.db, id);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.notices[0]).toMatch(/before RadGround kept signatures; covered by the signature ledger since 2026-12-07T09:00:00.000Z/);
    r.svc.addAddendum(id, 'Second addendum.', 'dr.attending');
    expect(verifyReportChain(r.db, id).problems).toEqual([]);
  });

  it('a change after adoption is caught', () => {
    const id = signed(false);
    asBeforeTheLedger([id]);
    adoptLegacySignatures(r.db);
    r.close();
    const raw = new Database(dbPath());
    for (const { name } of raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]) raw.exec(`DROP TRIGGER ${name}`);
    raw.exec("UPDATE report_sentences SET text = 'The lungs are clear.' WHERE id = (SELECT MIN(id) FROM report_sentences)");
    raw.close();
    reopen();
    const v = verifyReportChain(r.db, id);
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => p.what)).toContain('content');
  });

  it('a signed report that migration 8 did not list is never adopted: its missing ledger entry stays a problem', () => {
    const id = signed(false);
    asBeforeTheLedger([]);
    expect(adoptLegacySignatures(r.db)).toBe(0);
    expect(verifyReportChain(r.db, id).problems.map((p) => p.message).join(' ')).toMatch(/no entry for this signed report/);
  });
});
