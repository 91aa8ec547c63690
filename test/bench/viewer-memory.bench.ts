// Peak memory while reading A0001 (issue 13 item 4: host + renderer <= 2.5x the volume's bytes),
// with the parts apart: the host process tree (the core, its worker threads), Chromium's renderer
// process, the GPU process (SwiftShader keeps the 3D texture there; shown, not counted), and the
// renderer's JS heap at its peak. Each run is a fresh host and data folder: import A0001, open it
// from the worklist, sample RSS every 10 ms until the MPR views have drawn the whole volume.
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMemorySampler, type MemoryPeaks } from './process-memory';
import { a0001, call, startHost } from './viewer.bench';

const MB = 1024 * 1024;
const RUNS = Number(process.env.RADGROUND_BENCH_RUNS ?? 3);
// RADGROUND_BENCH_VTK_OWN_UPLOAD=1: vtk.js uploads the 3D texture itself, whole (the comparison
// for the viewer's slab-wise upload, renderer/src/viewer/composables/useVtkImageData.ts).
const VTK_OWN_UPLOAD = process.env.RADGROUND_BENCH_VTK_OWN_UPLOAD === '1';

type Snap = { renderCount: number; loading?: { status: string } };

async function oneRun(): Promise<{ peak: MemoryPeaks; heapPeak: number; bytes: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'radground-memory-bench-'));
  const host = await startHost(dataDir);
  const browser = await chromium.launch({
    executablePath: process.env.RADGROUND_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  });
  try {
    const summary = (await call(host, 'studies.import', { paths: [a0001] })) as { volumes: { dims: [number, number, number] }[] };
    const [w, h, d] = summary.volumes[0]!.dims;
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    if (VTK_OWN_UPLOAD) await page.addInitScript(() => ((globalThis as unknown as { __RADGROUND_VTK_OWN_UPLOAD__: boolean }).__RADGROUND_VTK_OWN_UPLOAD__ = true));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(host.url);
    const row = page.getByTestId('worklist-row').filter({ hasText: 'Chest' }).first();
    await row.waitFor();
    await page.waitForTimeout(1000); // let the worklist's own allocations settle into the baseline
    let heapPeak = 0;
    const heapTimer = setInterval(() => {
      void cdp
        .send('Performance.getMetrics')
        .then((m) => (heapPeak = Math.max(heapPeak, m.metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0)))
        .catch(() => {});
    }, 25);
    const heapBase = (await cdp.send('Performance.getMetrics')).metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0;
    const sampler = startMemorySampler(host.pid, process.pid, 10);
    await row.dblclick();
    await page.waitForFunction(
      () => {
        const s = (globalThis as unknown as { __RADGROUND_VIEWER__?: { snapshot(): Snap } }).__RADGROUND_VIEWER__?.snapshot();
        return !!s && s.renderCount > 0 && s.loading?.status === 'ready';
      },
      null,
      { timeout: 600_000, polling: 10 },
    );
    await page.waitForTimeout(1500); // the last frames (3D included) and their buffers
    clearInterval(heapTimer);
    return { peak: sampler.stop(), heapPeak: heapPeak - heapBase, bytes: w * h * d * 2 };
  } finally {
    await browser.close();
    host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runViewerMemoryBench(): Promise<void> {
  if (!existsSync(a0001)) {
    process.stdout.write(`  (A0001 not found at ${a0001}: skipped)\n`);
    return;
  }
  const runs: Awaited<ReturnType<typeof oneRun>>[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await oneRun());
  const median = (f: (r: (typeof runs)[number]) => number) => [...runs.map(f)].sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  const bytes = runs[0]!.bytes;
  const x = (v: number) => `${(v / MB).toFixed(0)} MB (${(v / bytes).toFixed(2)}x)`;
  process.stdout.write(`  A0001 volume: ${(bytes / MB).toFixed(0)} MB of Int16 voxels; ${RUNS} runs, medians; each figure above its level before opening\n`);
  if (VTK_OWN_UPLOAD) process.stdout.write('  (RADGROUND_BENCH_VTK_OWN_UPLOAD=1: vtk.js uploads the 3D texture whole)\n');
  process.stdout.write(`  peak host + renderer  ${x(median((r) => r.peak.hostRenderer))}   target <= 2.5x: ${(median((r) => r.peak.hostRenderer) / bytes / 2.5).toFixed(2)}x of target\n`);
  process.stdout.write(`    host tree peak      ${x(median((r) => r.peak.host))}\n`);
  process.stdout.write(`    renderer peak       ${x(median((r) => r.peak.renderer))}   (its JS heap peak ${x(median((r) => r.heapPeak))})\n`);
  process.stdout.write(`    GPU process peak    ${x(median((r) => r.peak.gpu))}   (SwiftShader's textures; not in the target)\n`);
  process.stdout.write(`  every run, host+renderer: ${runs.map((r) => (r.peak.hostRenderer / bytes).toFixed(2) + 'x').join(', ')}\n`);
}
