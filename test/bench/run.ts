// `npm run bench -- <name…>`: runs the named benchmarks (all when none is named) and prints
// medians and ratios against the baselines their issues name. Speed targets live here, never in tests.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useFreshWorkerBundles } from '../support/worker-bundles';

/** `appBuild`: it starts the built app (dist/: the CLI's host and the renderer), which is built first. */
type Bench = { name: string; summary: string; run: () => Promise<void>; appBuild?: true };

const benches: Bench[] = [
  {
    name: 'import',
    summary: 'A0001 CT files -> HU volume: ours vs dcmjs naturalize vs raw file read',
    run: async () => (await import('./import-dicom.bench')).runImportBench(),
  },
  {
    name: 'analyze',
    summary: 'chest-ct pack on A0001 (512x512x64) and on the same volume doubled in z',
    run: async () => (await import('./analyze-chest-ct.bench')).runChestCtBench(),
  },
  {
    name: 'viewer',
    appBuild: true,
    summary: 'Chromium: open study -> first image, full volume, scroll fps, peak memory / volume bytes (64-slice A0001, 488-slice generated CT)',
    run: async () => (await import('./viewer.bench')).runViewerBench(),
  },
  {
    name: 'memory',
    appBuild: true,
    summary: 'Chromium: peak memory (host + renderer, and each apart) while opening A0001, against the volume bytes (target <= 2.5x)',
    run: async () => (await import('./viewer-memory.bench')).runViewerMemoryBench(),
  },
  {
    name: 'meshnet',
    summary: 'MeshNet 256^3 through the worker runner vs a bare onnxruntime session.run',
    run: async () => (await import('./analyze-meshnet.bench')).runMeshnetBench(),
  },
  {
    name: 'ping',
    summary: 'app.ping p50/p99/max through the browser host during analysis, a 500-file import and an export (target p99 < 50 ms)',
    run: async () => (await import('./ping.bench')).runPingBench(),
  },
  {
    name: 'reports',
    summary: 're-grounding p95 (50 regions), drafting, signing p95 with 10,000 reports',
    run: async () => (await import('./reports.bench')).runReportsBench(),
  },
  {
    name: 'compare',
    appBuild: true,
    summary: 'registration of a real CT and a rotated, shifted copy in the worker (A0001 512x512x64, LIDC 512x512x133); target <= 10 s',
    run: async () => {
      await (await import('./compare.bench')).runCompareBench();
      // Compare mode in Chromium: Compare -> both first images, synchronised scroll latency (target < 50 ms/step).
      await (await import('./compare-viewer.bench')).runCompareViewerBench();
    },
  },
  {
    name: 'eval',
    summary: 'radground eval per shared case: whole-case eval time / analysis time (target <= 1.1)',
    run: async () => (await import('./eval.bench')).runEvalBench(),
  },
  {
    name: 'pacs',
    summary: 'WADO-RS retrieve of a 133-slice CT from a loopback Orthanc: MB/s and instances/s vs curl on the same URL (target >= 0.8x of curl)',
    run: async () => (await import('./pacs.bench')).runPacsBench(),
  },
];

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = requested.filter((n) => !benches.some((b) => b.name === n));
if (unknown.length) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}\navailable:\n${benches.map((b) => `  ${b.name.padEnd(10)} ${b.summary}`).join('\n')}\n`);
  process.exit(2);
}
const selected = benches.filter((b) => !requested.length || requested.includes(b.name));
// The Chromium benchmarks drive dist/ (host and renderer): a build older than the sources would be
// measured instead of them (a stale dist/ read 3.29x for the memory target where the sources give 2.54x).
if (selected.some((b) => b.appBuild)) {
  const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
  const built = spawnSync(process.execPath, [resolve(root, 'build', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`npm run bench: the app build failed (exit ${built.status ?? built.signal})`);
}
// Worker threads run bundles: build them from the sources being measured.
const removeWorkerBundles = await useFreshWorkerBundles();
try {
  for (const bench of selected) {
    process.stdout.write(`\n== ${bench.name}: ${bench.summary}\n`);
    await bench.run();
  }
} finally {
  removeWorkerBundles();
}
