// Peak memory while reading A0001 (issue 13 item 4: host + renderer <= 2.5x the volume's bytes),
// with the parts apart: the host process tree (the core, its worker threads), Chromium's renderer
// process, the GPU process (SwiftShader keeps the 3D texture there; shown, not counted), and the
// renderer's JS heap at its peak. Each run is a fresh data folder: import A0001, then start a NEW
// host on that folder (reading a study imported earlier: the import's DICOM worker threads are not
// already running, as they are in the host that just imported it), open it from the worklist, sample
// RSS every 10 ms until the MPR views have drawn the whole volume. The figures come from Chromium
// driven over raw CDP (raw-cdp-page.ts); the same runs in the host that did the import, and under
// Playwright (whose Network domain makes Chromium keep every response body in the renderer), are
// printed apart.
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMemorySampler, type MemoryPeaks } from './process-memory';
import { launchRawCdpPage } from './raw-cdp-page';
import { a0001, call, startHost } from './viewer.bench';
import { CHROMIUM_WITHOUT_GPU_ARGS } from '../../build/chromium-without-gpu';

const MB = 1024 * 1024;
const RUNS = Number(process.env.RADGROUND_BENCH_RUNS ?? 3);
// RADGROUND_BENCH_VTK_OWN_UPLOAD=1: vtk.js uploads the 3D texture itself, whole (the comparison
// for the viewer's slab-wise upload, renderer/src/viewer/composables/useVtkImageData.ts).
const VTK_OWN_UPLOAD = process.env.RADGROUND_BENCH_VTK_OWN_UPLOAD === '1';

const CHROMIUM = process.env.RADGROUND_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', ...CHROMIUM_WITHOUT_GPU_ARGS];
const VIEWPORT = { width: 1600, height: 900 };
const READY = `(() => { const s = globalThis.__RADGROUND_VIEWER__?.snapshot(); return !!s && s.renderCount > 0 && s.loading?.status === 'ready'; })()`;
const CHEST_ROW = `[...document.querySelectorAll('[data-testid="worklist-row"]')].find((r) => r.textContent.includes('Chest'))`;

/** The page, as one run drives it: over raw CDP (the app's own memory), or through Playwright. */
interface Driver {
  browserPid: number;
  evaluate<T>(expression: string): Promise<T>;
  heapUsed(): Promise<number>;
  goto(url: string): Promise<void>;
  close(): Promise<void>;
}

async function rawCdpDriver(): Promise<Driver> {
  const page = await launchRawCdpPage(CHROMIUM, CHROMIUM_ARGS, VIEWPORT);
  await page.send('Performance.enable');
  if (VTK_OWN_UPLOAD) await page.send('Page.addScriptToEvaluateOnNewDocument', { source: 'globalThis.__RADGROUND_VTK_OWN_UPLOAD__ = true;' });
  return {
    browserPid: page.pid,
    evaluate: (e) => page.evaluate(e),
    heapUsed: async () => ((await page.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0,
    goto: async (url) => void (await page.send('Page.navigate', { url })),
    close: () => page.close(),
  };
}

/** Playwright enables the Network domain: Chromium then keeps a copy of every response body in the renderer. */
async function playwrightDriver(): Promise<Driver> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: VIEWPORT });
  if (VTK_OWN_UPLOAD) await page.addInitScript(() => ((globalThis as unknown as { __RADGROUND_VTK_OWN_UPLOAD__: boolean }).__RADGROUND_VTK_OWN_UPLOAD__ = true));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return {
    browserPid: process.pid, // the browser is a child of this process; the host is not in its tree
    evaluate: (e) => page.evaluate(e),
    heapUsed: async () => (await cdp.send('Performance.getMetrics')).metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0,
    goto: async (url) => void (await page.goto(url)),
    close: () => browser.close(),
  };
}

async function until(driver: Driver, expression: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await driver.evaluate<boolean>(expression))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${expression.slice(0, 60)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Resolves once process `pid` has exited. */
async function exited(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `sameHost`: read in the host that did the import (its worker threads already started), else in a new one. */
async function oneRun(makeDriver: () => Promise<Driver>, sameHost = false): Promise<{ peak: MemoryPeaks; heapPeak: number; bytes: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'radground-memory-bench-'));
  let host = await startHost(dataDir);
  let driver: Driver | null = null;
  try {
    const summary = (await call(host, 'studies.import', { paths: [a0001] })) as { volumes: { dims: [number, number, number] }[] };
    const [w, h, d] = summary.volumes[0]!.dims;
    if (!sameHost) {
      host.stop();
      await exited(host.pid);
      host = await startHost(dataDir);
    }
    const page = (driver = await makeDriver());
    await page.goto(host.url);
    await until(page, `!!${CHEST_ROW}`, 60_000);
    await new Promise((r) => setTimeout(r, 1000)); // let the worklist's own allocations settle into the baseline
    let heapPeak = 0;
    const heapTimer = setInterval(() => {
      void page
        .heapUsed()
        .then((v) => (heapPeak = Math.max(heapPeak, v)))
        .catch(() => {});
    }, 25);
    const heapBase = await page.heapUsed();
    const sampler = startMemorySampler(host.pid, page.browserPid, 10);
    await page.evaluate(`${CHEST_ROW}.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }))`);
    await until(page, READY, 600_000);
    await new Promise((r) => setTimeout(r, 1500)); // the last frames (3D included) and their buffers
    clearInterval(heapTimer);
    return { peak: sampler.stop(), heapPeak: heapPeak - heapBase, bytes: w * h * d * 2 };
  } finally {
    await driver?.close();
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
  for (let i = 0; i < RUNS; i++) runs.push(await oneRun(rawCdpDriver));
  const inImportingHost: Awaited<ReturnType<typeof oneRun>>[] = [];
  for (let i = 0; i < RUNS; i++) inImportingHost.push(await oneRun(rawCdpDriver, true));
  const underPlaywright: Awaited<ReturnType<typeof oneRun>>[] = [];
  for (let i = 0; i < RUNS; i++) underPlaywright.push(await oneRun(playwrightDriver));
  const median = (list: typeof runs, f: (r: (typeof runs)[number]) => number) => [...list.map(f)].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  const bytes = runs[0]!.bytes;
  const x = (v: number) => `${(v / MB).toFixed(0)} MiB (${(v / bytes).toFixed(2)}x)`;
  const m = (f: (r: (typeof runs)[number]) => number) => median(runs, f);
  process.stdout.write(`  A0001 volume: ${(bytes / MB).toFixed(0)} MiB of Int16 voxels; ${RUNS} runs, medians; each figure above its level before opening\n`);
  process.stdout.write('  Chromium driven over raw CDP (Page/Runtime only: no DevTools copy of response bodies); A0001 imported earlier, read in a new host\n');
  if (VTK_OWN_UPLOAD) process.stdout.write('  (RADGROUND_BENCH_VTK_OWN_UPLOAD=1: vtk.js uploads the 3D texture whole)\n');
  process.stdout.write(`  peak host + renderer  ${x(m((r) => r.peak.hostRenderer))}   target <= 2.5x: ${(m((r) => r.peak.hostRenderer) / bytes / 2.5).toFixed(2)}x of target\n`);
  process.stdout.write(`    host tree peak      ${x(m((r) => r.peak.host))}\n`);
  process.stdout.write(`    renderer peak       ${x(m((r) => r.peak.renderer))}   (its JS heap peak ${x(m((r) => r.heapPeak))})\n`);
  process.stdout.write(`      of it shared      ${x(m((r) => r.peak.rendererShmem))}   (memory the renderer shares with the compositor: without a GPU, its tiles and the canvas's bitmaps)\n`);
  process.stdout.write(`    GPU process peak    ${x(m((r) => r.peak.gpu))}   (SwiftShader's textures; not in the target)\n`);
  process.stdout.write(`  every run, host+renderer: ${runs.map((r) => (r.peak.hostRenderer / bytes).toFixed(2) + 'x').join(', ')}\n`);
  process.stdout.write(
    `  read in the host that just imported it (its DICOM worker threads already running): host + renderer ${x(median(inImportingHost, (r) => r.peak.hostRenderer))}, host ${x(median(inImportingHost, (r) => r.peak.host))}\n`,
  );
  process.stdout.write(
    `  under Playwright (its Network domain keeps response bodies in the renderer): host + renderer ${x(median(underPlaywright, (r) => r.peak.hostRenderer))}, renderer ${x(median(underPlaywright, (r) => r.peak.renderer))}\n`,
  );
}
