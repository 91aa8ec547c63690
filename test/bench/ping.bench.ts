/**
 * Responsiveness of the browser host (the same core as the Electron main process): `app.ping`
 * round trips, sent every 20 ms from another thread, while the host runs (1) a chest-ct analysis of
 * A0001, (2) an import of ~500 generated DICOM files, (3) an HTML export with key images, (4) the
 * DICOM export of a signed report (SR + SEG of the analysis' regions, as sent to a PACS), (5) the
 * import of that SR + SEG (both parsed by dcmjs), (6) opening LIDC-IDRI-0001 whole (133 slices:
 * frames decoded, the volume's scalar range), (7) opening the gantry-tilted head CT (sheared and
 * resampled). Target (issue 13): p99 < 50 ms in each.
 *
 *   npx tsx test/bench/ping.bench.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemoStudies, readDemoManifest, type DemoManifest } from '../../electron/core/demo';
import { call } from '../../electron/cli/with-core';
import { exportReportDicom } from '../../electron/core/standards';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../support/shared-data';
import { createTestCore } from '../support/test-core';
import { startTestHost } from '../support/test-host';
import { useFreshWorkerBundles } from '../support/worker-bundles';
import { pingStats, whilePinging } from '../support/pinger';

const hasData = requireSharedData();

const TARGET_P99_MS = 50;

/** ~500-slice generated CT (0.6 mm slices), kept between runs in the temp folder. */
async function generatedCt(): Promise<{ dir: string; files: number }> {
  const root = join(tmpdir(), 'radground-bench-ct-0.6mm');
  const manifest: DemoManifest = (await readDemoManifest(root)) ?? (await generateDemoStudies(root, { sliceSpacingMm: 0.6 }));
  const exam = manifest.exams.current;
  return { dir: join(root, exam.directory), files: exam.fileCount };
}

export async function runPingBench(): Promise<void> {
  if (!hasData) {
    process.stdout.write(`  skipped: ${NO_SHARED_DATA_REASON}\n`);
    return;
  }
  const big = await generatedCt();
  const env = await createTestCore();
  const host = await startTestHost(env.core);
  try {
    const a0001 = await call(env.core, 'studies.import', { paths: [sharedData('ct', 'chest_lung_pet_ct_dx_A0001')] });
    const volumeId = a0001.volumes[0]!.volumeId;
    const studyInstanceUid = a0001.studies[0]!.studyInstanceUid;
    // Warm-up: session creation and JIT, and a report to export.
    const report = await call(env.core, 'reports.draft', { studyInstanceUid });

    const rows: { name: string; ms: number; latencies: number[] }[] = [];
    const measure = async (name: string, fn: () => Promise<unknown>): Promise<void> => {
      const t0 = performance.now();
      const { latencies } = await whilePinging(host, fn);
      rows.push({ name, ms: performance.now() - t0, latencies });
    };
    await measure('analysis.run (A0001, 64 slices)', () => call(env.core, 'analysis.run', { volumeId }));
    await measure(`studies.import (${big.files} files)`, () => call(env.core, 'studies.import', { paths: [big.dir] }));
    await measure('reports.exportHtml (key images)', () => call(env.core, 'reports.exportHtml', { reportId: report.id }));
    // A report drafted from the analysis (its regions have masks), signed: what pacs.send exports.
    const analysed = await call(env.core, 'reports.draft', { studyInstanceUid });
    await call(env.core, 'reports.sign', { reportId: analysed.id, signer: 'Bench^Reader', overrideReason: 'benchmark of the DICOM export' });
    let exported: Awaited<ReturnType<typeof exportReportDicom>> | null = null;
    await measure('DICOM SR + SEG export (signed)', async () => (exported = await exportReportDicom(env.core, analysed.id)));
    const srSeg = mkdtempSync(join(tmpdir(), 'radground-bench-sr-seg-'));
    try {
      writeFileSync(join(srSeg, 'sr.dcm'), exported!.sr);
      writeFileSync(join(srSeg, 'seg.dcm'), exported!.seg!);
      await measure('studies.import (that SR + SEG)', () => call(env.core, 'studies.import', { paths: [join(srSeg, 'sr.dcm'), join(srSeg, 'seg.dcm')] }));
    } finally {
      rmSync(srSeg, { recursive: true, force: true });
    }
    const lidc = await call(env.core, 'studies.import', { paths: [sharedData('ct', 'chest_lidc_idri_0001')] });
    await measure('volumes.get (LIDC-IDRI-0001, 133 sl.)', () => call(env.core, 'volumes.get', { volumeId: lidc.volumes[0]!.volumeId }));
    const tilted = await call(env.core, 'studies.import', { paths: [sharedData('ct', 'head_gantry_tilt')] });
    await measure('volumes.get (head CT, gantry tilt)', () => call(env.core, 'volumes.get', { volumeId: tilted.volumes[0]!.volumeId }));

    process.stdout.write('  app.ping while...                       pings    p50      p99      max   p99 / target\n');
    for (const r of rows) {
      const s = pingStats(r.latencies);
      const ratio = s.p99 / TARGET_P99_MS;
      process.stdout.write(
        `  ${r.name.padEnd(38)} ${String(s.count).padStart(5)} ${s.p50.toFixed(1).padStart(6)} ms ${s.p99.toFixed(1).padStart(6)} ms ${s.max.toFixed(0).padStart(6)} ms   ${ratio.toFixed(2)}x ${ratio < 1 ? 'OK' : 'OVER TARGET'}   (work ${(r.ms / 1000).toFixed(1)} s)\n`,
      );
    }
  } finally {
    await host.close();
    await env.dispose();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const remove = await useFreshWorkerBundles();
  await runPingBench().finally(remove);
}
