import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createReportService, verifyReportChain } from '../../../electron/core/reports';
import { openDatabase } from '../../../electron/core/storage/open-database';
import { projectRoot } from '../../support/shared-data';
import { draftDemo, openReportDb } from './support/report-db';

type Mode = 'between' | 'mid-transaction' | 'mid-edit';
const CHILD = join(projectRoot, 'test/node/reports/support/crash-child.ts');
const dir = mkdtempSync(join(tmpdir(), 'radground-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runChild(dbPath: string, reportId: string, sentenceId: string, edits: number, mode: Mode) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, dbPath, reportId, sentenceId, String(edits), mode], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(child.error).toBeUndefined();
  expect(child.signal, child.stderr).toBe('SIGKILL');
  const lines = child.stdout.split('\n').filter(Boolean);
  const added = lines.filter((l) => l.startsWith('added ')).map((l) => {
    const [, id, ...text] = l.split(' ');
    return { id: id!, text: text.join(' ') };
  });
  const updated = lines.filter((l) => l.startsWith('updated ')).map((l) => l.split(' ').slice(2).join(' '));
  return { added, updated, lines };
}

describe('autosave survives a crash', () => {
  it.each(['between', 'mid-transaction', 'mid-edit'] as const)('killed with SIGKILL (%s): every saved edit is there and the database is intact', (mode) => {
    const dbPath = join(dir, `${mode}.db`);
    const r = openReportDb(dbPath);
    const report = draftDemo(r);
    const target = report.sections.find((s) => s.name === 'findings')!.sentences[2]!;
    r.close();

    const edits = 6;
    const { added, updated, lines } = runChild(dbPath, report.id, target.id, edits, mode);
    expect(added).toHaveLength(edits);
    expect(updated).toHaveLength(edits);
    if (mode === 'mid-transaction') expect(lines.at(-1)).toBe('in-transaction');
    if (mode === 'mid-edit') expect(lines.at(-1)).toBe('crashing inside the edit');

    const db = openDatabase(dbPath);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const view = createReportService(db).getReport(report.id);
      const findings = view.sections.find((s) => s.name === 'findings')!.sentences;
      for (const a of added) expect(findings.find((s) => s.id === a.id)?.text, a.id).toBe(a.text);
      // The interrupted or uncommitted write left no trace; the last saved edit is what is stored.
      expect(findings.find((s) => s.id === target.id)!.text).toBe(updated.at(-1));
      expect(findings.find((s) => s.id === target.id)!.regionIds).toEqual([r.fx.findings.N3!.id]);
      const audit = createReportService(db).audit(report.id);
      expect(audit).toHaveLength(1 + 2 * edits);
      expect(verifyReportChain(db, report.id)).toMatchObject({ ok: true, problems: [] });
    } finally {
      db.close();
    }
  });
});
