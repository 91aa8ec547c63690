/**
 * Reports benchmark (targets from the "Grounded reports" issue; speed targets live here, not in tests):
 *
 *   - re-grounding one typed sentence against 50 regions (parse, score, link, checks; the grounding
 *     context is rebuilt each time, as an edit does): p50/p95 over 1000 runs, target p95 < 20 ms;
 *     also the whole autosave edit (updateSentence: transaction, re-grounding, links, hashes, audit);
 *   - drafting a report from a finished analysis (50 regions, 118 slice headers, stored with its
 *     audit row): median, target < 200 ms;
 *   - signing with 10,000 reports in the database (file database, WAL): p50/p95 over 200 signatures,
 *     target p95 < 10 ms.
 *
 *   npx tsx test/bench/reports.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Vec3 } from '../../electron/core/dicom/dicom-instance';
import type { Region } from '../../electron/core/regions/region';
import { saveRegions } from '../../electron/core/regions/region-repository';
import { analyzeSentence, createReportService, draftReport, reportContext, signReport } from '../../electron/core/reports';
import { createReport } from '../../electron/core/reports/operations/create-report';
import type { SqliteDatabase } from '../../electron/core/storage/database-types';
import { openDatabase } from '../../electron/core/storage/open-database';
import { demoFixture, type DemoFixture } from '../node/reports/support/demo-regions';
import { demoHeaders, testEnv } from '../node/reports/support/report-db';

const TARGETS = { groundP95Ms: 20, draftMs: 200, signP95Ms: 10 };

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function stats(times: number[]): { p50: number; p95: number; max: number } {
  const s = [...times].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1]! };
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

const fmt = (ms: number) => `${ms.toFixed(ms < 1 ? 3 : 2)} ms`;
const line = (what: string, value: number, target: number) =>
  process.stdout.write(`  ${what.padEnd(46)} ${fmt(value).padStart(11)}   target ${String(target).padStart(4)} ms   ratio ${(value / target).toFixed(3)}\n`);

/** The demo's 14 anatomy + 5 finding regions, plus 31 more findings spread over both lungs: 50. */
function fiftyRegions(fx: DemoFixture): Region[] {
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const extra: Region[] = [];
  const lungs = fx.anatomy.filter((r) => r.label.endsWith(' lung'));
  for (let n = 0; extra.length < 50 - fx.all.length; n++) {
    const lung = lungs[n % 2]!;
    const zone = (['upper', 'middle', 'lower'] as const)[Math.floor(rnd() * 3)]!;
    const { min, max } = lung.worldBox;
    const h = (max[2] - min[2]) / 3;
    const zi = zone === 'upper' ? 0 : zone === 'middle' ? 1 : 2;
    const c: Vec3 = [min[0] + (0.2 + 0.6 * rnd()) * (max[0] - min[0]), min[1] + (0.2 + 0.6 * rnd()) * (max[1] - min[1]), max[2] - (zi + 0.2 + 0.6 * rnd()) * h];
    const d = 4 + Math.round(rnd() * 26);
    const base = fx.findings.N1!;
    extra.push({
      ...base,
      id: `bench-finding-${n}`,
      label: d >= 30 ? 'mass' : 'nodule',
      laterality: lung.laterality,
      zone,
      centroid: c,
      worldBox: { min: c.map((v) => v - d / 2) as Vec3, max: c.map((v) => v + d / 2) as Vec3 },
      diameterMm: d,
      confidence: 0.3 + 0.69 * rnd(),
    });
  }
  return [...fx.all, ...extra];
}

function benchGrounding(fx: DemoFixture, regions: Region[]): void {
  const sentences = [
    'The 8 mm nodule in the right lower lobe is unchanged since the prior.',
    'New 12 x 9 mm solid nodule in the LUL (previously not seen), no pleural effusion.',
    'Bilateral lower lobe nodules, the largest 10 mm on the left.',
    'No pleural effusion, pneumothorax or consolidation.',
  ];
  for (let i = 0; i < 200; i++) analyzeSentence(sentences[i % 4]!, 'findings', reportContext(regions, null), null); // warm-up
  const times: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const text = sentences[i % 4]!;
    times.push(time(() => analyzeSentence(text, 'findings', reportContext(regions, null), null)));
  }
  const s = stats(times);
  process.stdout.write(`\n  re-grounding one sentence against ${regions.length} regions (1000 runs)\n`);
  line('p50', s.p50, TARGETS.groundP95Ms);
  line('p95', s.p95, TARGETS.groundP95Ms);

  // The whole autosave edit through the service, on an in-memory database.
  const db = openDatabase(':memory:');
  saveRegions(db, null, regions);
  const svc = createReportService(db, { env: testEnv('edit') });
  const report = svc.createDraft(fx.exam.studyInstanceUid, { author: 'bench', regions, seriesHeaders: demoHeaders(fx), prior: null, locate: fx.locate });
  const sentenceId = report.sections.find((x) => x.name === 'findings')!.sentences[0]!.id;
  const edits: number[] = [];
  for (let i = 0; i < 300; i++) edits.push(time(() => svc.updateSentence(sentenceId, `${sentences[i % 4]!} (${i})`)));
  const e = stats(edits.slice(50));
  line('updateSentence (autosave edit) p50', e.p50, TARGETS.groundP95Ms);
  line('updateSentence (autosave edit) p95', e.p95, TARGETS.groundP95Ms);
  db.close();
}

function benchDrafting(fx: DemoFixture, regions: Region[]): void {
  const db = openDatabase(':memory:');
  saveRegions(db, null, regions);
  const svc = createReportService(db, { env: testEnv('draft') });
  const headers = demoHeaders(fx);
  const run = () => svc.createDraft(fx.exam.studyInstanceUid, { author: 'bench', regions, seriesHeaders: headers, prior: { studyDate: '20230315', description: 'CT CHEST' } });
  for (let i = 0; i < 5; i++) run();
  const times = Array.from({ length: 30 }, () => time(run));
  const s = stats(times);
  process.stdout.write(`\n  drafting from a finished analysis (${regions.length} regions, ${headers.length} headers, stored; 30 runs)\n`);
  line('median (createDraft)', s.p50, TARGETS.draftMs);
  line('p95', s.p95, TARGETS.draftMs);
  const pure = stats(Array.from({ length: 30 }, () => time(() => draftReport({ study: { studyInstanceUid: 'x' }, seriesHeaders: headers, regions, prior: null, locate: fx.locate }))));
  line('median (draftReport alone, no database)', pure.p50, TARGETS.draftMs);
  db.close();
}

function benchSigning(fx: DemoFixture, regions: Region[]): void {
  const dir = mkdtempSync(join(tmpdir(), 'radground-reports-bench-'));
  const db: SqliteDatabase = openDatabase(join(dir, 'reports.db'));
  try {
    saveRegions(db, null, regions);
    const env = testEnv('r');
    const draft = draftReport({ study: { studyInstanceUid: fx.exam.studyInstanceUid }, seriesHeaders: demoHeaders(fx), regions, prior: null, locate: fx.locate });
    const N = 10_000;
    const ids: string[] = [];
    const t0 = performance.now();
    db.transaction(() => {
      for (let i = 0; i < N; i++) ids.push(createReport(db, env, { studyInstanceUid: `1.2.826.0.1.${i % 2500}`, author: 'bench', prior: null, regions, draft }));
    })();
    const genMs = performance.now() - t0;
    const counts = db.prepare('SELECT (SELECT count(*) FROM reports) AS reports, (SELECT count(*) FROM report_sentences) AS sentences, (SELECT count(*) FROM sentence_regions) AS links, (SELECT count(*) FROM report_audit_log) AS audit').get() as Record<string, number>;
    process.stdout.write(`\n  signing with ${counts.reports} reports in the database (${counts.sentences} sentences, ${counts.links} links, ${counts.audit} audit rows; generated in ${(genMs / 1000).toFixed(1)} s)\n`);
    const times: number[] = [];
    for (let i = 0; i < 220; i++) {
      const id = ids[(i * 7919) % N]!;
      const t = time(() => signReport(db, env, id, 'dr.bench'));
      if (i >= 20) times.push(t);
    }
    const s = stats(times);
    line('p50 (200 signatures)', s.p50, TARGETS.signP95Ms);
    line('p95', s.p95, TARGETS.signP95Ms);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runReportsBench(): Promise<void> {
  const fx = demoFixture();
  const regions = fiftyRegions(fx);
  benchGrounding(fx, regions);
  benchDrafting(fx, regions);
  benchSigning(fx, regions);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runReportsBench();
