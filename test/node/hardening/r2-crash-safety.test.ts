/**
 * R2 (issue 15): a child that creates, edits, signs and amends reports is killed with SIGKILL at a
 * random (seeded) moment, 20 times on one database. After each kill: integrity_check is ok, every
 * report the child saw signed is still there and signed (with at least the addenda it saw), and
 * verify (chains, signatures, evidence, ledger and its head file) passes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyDatabase } from '../../../electron/core/reports/lifecycle/verify-all';
import { openDatabase } from '../../../electron/core/storage/open-database';
import { projectRoot } from '../../support/shared-data';
import { openReportDb } from '../reports/support/report-db';
import { mulberry32, } from './support/mutations';
import { soakScale } from './support/fuzz-runner';

const CHILD = join(projectRoot, 'test/node/hardening/support/sign-crash-child.ts');
const dir = mkdtempSync(join(tmpdir(), 'rg-r2-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the child, kills it `delayMs` after it is ready; returns what it printed. */
function trial(dbPath: string, delayMs: number): Promise<{ lines: string[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      const first = !out.includes('ready\n');
      out += d.toString();
      if (first && out.includes('ready\n')) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL') reject(new Error(`child ended without being killed: ${err.slice(-1000)}`));
      else resolve({ lines: out.split('\n').filter(Boolean), signal });
    });
  });
}

describe('R2 crash safety', () => {
  it(`${20 * soakScale()} kill -9 trials while creating, editing, signing and amending lose no signed report`, async () => {
    const dbPath = join(dir, 'radground.sqlite');
    openReportDb(dbPath).close(); // the demo regions and their run
    const rng = mulberry32(2015);
    const signed = new Map<string, number>(); // report id -> version seen
    const trials = 20 * soakScale();
    for (let t = 0; t < trials; t++) {
      const { lines } = await trial(dbPath, 50 + Math.floor(rng() * 1500));
      for (const l of lines) {
        const [what, id, version] = l.split(' ');
        if (what === 'signed') signed.set(id!, 1);
        if (what === 'amended') signed.set(id!, Number(version));
      }
      const db = openDatabase(dbPath);
      try {
        expect(db.pragma('integrity_check', { simple: true }), `trial ${t}`).toBe('ok');
        for (const [id, version] of signed) {
          const row = db.prepare('SELECT status, version FROM reports WHERE uid = ?').get(id) as { status: string; version: number } | undefined;
          expect(row, `trial ${t}: report ${id}`).toBeDefined();
          expect(['final', 'amended']).toContain(row!.status);
          expect(row!.version).toBeGreaterThanOrEqual(version);
        }
        const v = verifyDatabase(db, null);
        expect(v.ledger.problems, `trial ${t}`).toEqual([]);
        expect(v.reports.filter((r) => !r.ok), `trial ${t}`).toEqual([]);
      } finally {
        db.close();
      }
    }
    console.log(`R2: ${trials} kill -9 trials, ${signed.size} signed reports kept, all verified`);
    expect(signed.size).toBeGreaterThan(0);
  }, 600_000 * soakScale());
});
