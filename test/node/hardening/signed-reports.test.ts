/**
 * Issue 15: tamper-evident signed reports. The signature covers the text, the links and a snapshot
 * of every linked region; linked regions are frozen by triggers; every signature is in a ledger
 * whose signed head sits beside the database; forging needs the install's Ed25519 key.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import { canonicalJson, verifyReportChain } from '../../../electron/core/reports';
import { ledgerEntryHash } from '../../../electron/core/reports/lifecycle/signature-ledger';
import { verifyDatabase } from '../../../electron/core/reports/lifecycle/verify-all';
import { openDatabase } from '../../../electron/core/storage/open-database';
import { projectRoot } from '../../support/shared-data';
import { draftDemo, openReportDb, type ReportDb } from '../reports/support/report-db';

let dir: string;
let r: ReportDb;
const dbPath = () => join(dir, 'radground.sqlite');
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rg-signed-'));
  r = openReportDb(dbPath());
});
afterEach(() => {
  r.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A signed report whose findings link the (left) N3 region, plus an addendum. */
function signedReport() {
  const v = draftDemo(r);
  r.svc.sign(v.id, 'dr.attending');
  r.svc.addAddendum(v.id, 'Discussed with the referring physician.', 'dr.attending');
  const linked = v.sections.flatMap((s) => s.sentences).flatMap((s) => s.regionIds);
  const left = linked.find((uid) => (r.db.prepare('SELECT laterality FROM regions WHERE uid = ?').get(uid) as { laterality: string | null }).laterality === 'left');
  expect(left).toBeDefined();
  return { id: v.id, regionId: left! };
}

/** Runs SQL on the database file with every trigger dropped (an attacker with the file), then reopens. */
function tamper(...sql: string[]) {
  r.close();
  const raw = new Database(dbPath());
  raw.pragma('foreign_keys = OFF');
  for (const { name } of raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]) raw.exec(`DROP TRIGGER ${name}`);
  for (const s of sql) raw.exec(s);
  raw.close();
  const db = openDatabase(dbPath());
  r = { ...r, db, close: () => db.close() };
}

describe('signing: key, ledger, head file', () => {
  it('makes an Ed25519 key file 0600 in the data folder, a ledger entry per signature and a signed head file', () => {
    const { id } = signedReport();
    expect(statSync(join(dir, 'signing-key.pem')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'signing-key.pem'), 'utf8')).toMatch(/BEGIN PRIVATE KEY/);
    const rows = r.db.prepare('SELECT report_uid, action, version FROM signature_ledger ORDER BY seq').all();
    expect(rows).toEqual([
      { report_uid: id, action: 'sign', version: 1 },
      { report_uid: id, action: 'addendum', version: 2 },
    ]);
    const head = JSON.parse(readFileSync(`${dbPath()}.ledger-head`, 'utf8'));
    expect(head).toMatchObject({ committed: { seq: 2 }, pending: null });
    expect(verifyDatabase(r.db, null)).toMatchObject({ ok: true, reports: [{ id, ok: true, problems: [] }], ledger: { ok: true, entries: 2 } });
  });

  it('freezes regions and model runs a signed report rests on; an unlinked region stays editable', () => {
    const { regionId } = signedReport();
    expect(() => r.db.prepare("UPDATE regions SET laterality = 'right' WHERE uid = ?").run(regionId)).toThrow(/report is signed/);
    expect(() => r.db.prepare("UPDATE model_runs SET pack_version = '9.9'").run()).toThrow(/report is signed/);
    expect(() => r.db.prepare('DELETE FROM signature_ledger').run()).toThrow(/append-only/);
    expect(() => r.db.prepare("UPDATE signature_ledger SET signature = 'x'").run()).toThrow(/append-only/);
  });
});

describe('verification catches', () => {
  it('a linked region changed after signing, naming the field', () => {
    const { id, regionId } = signedReport();
    tamper(`UPDATE regions SET laterality = 'right' WHERE uid = '${regionId}'`);
    const v = verifyReportChain(r.db, id);
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => p.message).join('\n')).toMatch(/laterality was "left" at signing, now "right"/);
    tamper(`UPDATE regions SET laterality = 'left', diameter_mm = diameter_mm + 1 WHERE uid = '${regionId}'`);
    expect(verifyReportChain(r.db, id).problems.map((p) => p.message).join('\n')).toMatch(/diameter_mm was/);
  });

  it('a mask or model run rewritten after signing', () => {
    const { id, regionId } = signedReport();
    tamper(`UPDATE regions SET mask = x'00' WHERE uid = '${regionId}'`);
    expect(verifyReportChain(r.db, id).problems.map((p) => p.message).join('\n')).toMatch(/mask was/);
    tamper(`UPDATE regions SET mask = NULL WHERE uid = '${regionId}'`, "UPDATE model_runs SET pack_version = '6.6.6'");
    expect(verifyReportChain(r.db, id).problems.map((p) => p.message).join('\n')).toMatch(/run was .*6\.6\.6/);
  });

  it('an attacker who rewrites the text and recomputes every hash, but has not the key', () => {
    const { id } = signedReport();
    // Re-sign the ledger entry with the attacker's own key, and recompute the entry hash.
    const entry = r.db.prepare("SELECT * FROM signature_ledger WHERE action = 'sign'").get() as Record<string, string>;
    const payload = JSON.parse(entry.payload!);
    payload.signer = 'mallory';
    const text = canonicalJson(payload);
    const mallory = generateKeyPairSync('ed25519');
    const signature = sign(null, Buffer.from(text), mallory.privateKey).toString('base64');
    const entryHash = ledgerEntryHash({ previousEntryHash: null, payload: text, keyId: entry.key_id!, signature });
    tamper(`UPDATE signature_ledger SET payload = '${text.replace(/'/g, "''")}', signature = '${signature}', entry_hash = '${entryHash}' WHERE seq = 1`, "UPDATE reports SET signed_by = 'mallory'", "UPDATE report_audit_log SET actor = 'mallory' WHERE action = 'sign'");
    const v = verifyReportChain(r.db, id);
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => p.message).join('\n')).toMatch(/does not carry a valid signature by this install's key/);
  });

  it('a deleted signed report, and ledger entries removed with it (head file)', () => {
    const { id } = signedReport();
    const other = draftDemo(r);
    r.svc.sign(other.id, 'dr.attending');
    tamper(`DELETE FROM reports WHERE uid = '${id}'`);
    let all = verifyDatabase(r.db, null);
    expect(all.ok).toBe(false);
    expect(all.reports.find((x) => x.id === id)!.problems[0]!.message).toMatch(/no longer in the database: it was deleted/);
    // Remove its ledger rows and the newer report's too, so the chain holds: the head file still tells.
    tamper(`DELETE FROM signature_ledger WHERE seq >= 3`, `DELETE FROM reports WHERE uid = '${other.id}'`);
    all = verifyDatabase(r.db, null);
    expect(all.ledger.ok).toBe(false);
    expect(all.ledger.problems.join('\n')).toMatch(/ends at entry 2 but its head file records entry 3/);
    // A head file written by someone without the key is refused too.
    const head = JSON.parse(readFileSync(`${dbPath()}.ledger-head`, 'utf8'));
    writeFileSync(`${dbPath()}.ledger-head`, JSON.stringify({ ...head, committed: { seq: 2, entryHash: 'f'.repeat(64) } }));
    expect(verifyDatabase(r.db, null).ledger.problems.join('\n')).toMatch(/not signed by this install/);
  });

  it('a report unsigned behind the triggers, and one verified without its key', () => {
    const { id } = signedReport();
    tamper(`DELETE FROM report_addenda`, `UPDATE reports SET status = 'draft', signed_by = NULL, signed_at = NULL, content_hash = NULL, previous_hash = NULL, version = 1 WHERE uid = '${id}'`);
    expect(verifyReportChain(r.db, id).problems.map((p) => p.message).join('\n')).toMatch(/ledger records this report as signed/);
    rmSync(join(dir, 'signing-key.pem'));
    expect(verifyDatabase(r.db, null).ledger.problems.join('\n')).toMatch(/signing key of this data folder is missing/);
  });
});

describe('radground verify / report show / export', () => {
  async function cli(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...args, '--data-dir', dir], { io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) }, env: {}, rendererDir: '/none', modelsDir: join(projectRoot, 'native-models') });
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  it('prints { ok, reports: [{ id, ok, problems }] }, exits 1 on a problem, and show/export carry a warning', async () => {
    const { id, regionId } = signedReport();
    r.close();
    const good = await cli(['verify', '--all', '--json']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ ok: true, reports: [{ id, ok: true, problems: [] }] });
    expect((await cli(['report', 'show', id])).stderr).toBe('');

    tamper(`UPDATE regions SET laterality = 'right' WHERE uid = '${regionId}'`);
    r.close();
    const bad = await cli(['verify', id, '--json']);
    expect(bad.code).toBe(1);
    const body = JSON.parse(bad.stdout);
    expect(body.ok).toBe(false);
    expect(body.reports[0]).toMatchObject({ id, ok: false });
    expect(body.reports[0].problems.length).toBeGreaterThan(0);
    expect((await cli(['verify', '--all'])).stdout).toMatch(/FAILED/);
    expect((await cli(['verify'])).code).not.toBe(0);

    const show = await cli(['report', 'show', id]);
    expect(show.code).toBe(0);
    expect(show.stderr).toMatch(/WARNING: report .* FAILED verification/);
    const html = join(dir, 'r.html');
    const json = join(dir, 'r.json');
    const exp = await cli(['export', id, '--html', html, '--json-file', json]);
    expect(exp.stderr).toMatch(/FAILED verification/);
    expect(readFileSync(html, 'utf8')).toMatch(/data-verification="failed"[^>]*>WARNING: report/);
    expect(JSON.parse(readFileSync(json, 'utf8')).verification).toMatchObject({ ok: false });
    expect(existsSync(`${dbPath()}.ledger-head`)).toBe(true);
  }, 60_000);
});
