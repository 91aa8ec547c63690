// Viewer benchmark through Playwright in Debian Chromium (WebGL2 via SwiftShader here, so figures
// are software-rendering figures): time from opening a study to the first rendered axial image, and
// the scroll rate on 512x512 slices. Targets (issue "Viewer"): < 1 s for the 64-slice real CT,
// < 2 s for a ~500-slice generated CT.
import { chromium, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemoStudies } from '../../electron/core/demo';

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const a0001 = resolve(root, '..', 'shared', 'data', 'ct', 'chest_lung_pet_ct_dx_A0001');

interface Host {
  origin: string;
  url: string;
  token: string;
  stop(): void;
}

async function startHost(dataDir: string): Promise<Host> {
  const child = spawn(process.execPath, [join(root, 'electron', 'cli', 'radground.cjs'), 'serve', '--json', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, RADGROUND_LOG_LEVEL: 'warn' },
  });
  const line = await new Promise<string>((r) => child.stdout.on('data', (d: Buffer) => r(d.toString().split('\n')[0]!)));
  const { url, port, token } = JSON.parse(line) as { url: string; port: number; token: string };
  return { origin: `http://127.0.0.1:${port}`, url, token, stop: () => child.kill('SIGTERM') };
}

async function call(host: Host, channel: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${host.origin}/api/call/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body: JSON.stringify(body) });
  const envelope = (await res.json()) as { ok: boolean; value: unknown; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.message}`);
  return envelope.value;
}

const snapshot = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __RADGROUND_VIEWER__?: { snapshot(): { renderCount: number } } }).__RADGROUND_VIEWER__?.snapshot() ?? null);

/** Opens the study from the worklist and waits for the first frame; returns ms. */
async function timeToFirstImage(page: Page, host: Host, description: string): Promise<number> {
  await page.goto(host.url);
  await page.getByTestId('worklist-row').filter({ hasText: description }).first().waitFor();
  const started = Date.now();
  await page.getByTestId('worklist-row').filter({ hasText: description }).first().dblclick();
  await page.waitForFunction(() => ((globalThis as unknown as { __RADGROUND_VIEWER__?: { snapshot(): { renderCount: number } } }).__RADGROUND_VIEWER__?.snapshot().renderCount ?? 0) > 0, null, {
    timeout: 600_000,
    polling: 10,
  });
  return Date.now() - started;
}

/** Scroll frames per second in the axial view: one arrow key per frame, waiting for each render. */
async function scrollRate(page: Page, frames: number): Promise<number> {
  await page.getByTestId('viewport-axial').click();
  const started = Date.now();
  for (let i = 0; i < frames; i++) {
    const before = (await snapshot(page))!.renderCount;
    await page.keyboard.press(i % 2 ? 'ArrowUp' : 'ArrowDown');
    await page.waitForFunction((n) => ((globalThis as unknown as { __RADGROUND_VIEWER__: { snapshot(): { renderCount: number } } }).__RADGROUND_VIEWER__.snapshot().renderCount ?? 0) > n, before, { polling: 5 });
  }
  return (frames * 1000) / (Date.now() - started);
}

export async function runViewerBench(): Promise<void> {
  if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) throw new Error('run `npm run build` first');
  const dataDir = mkdtempSync(join(tmpdir(), 'radground-viewer-bench-'));
  const host = await startHost(dataDir);
  const browser = await chromium.launch({
    executablePath: process.env.RADGROUND_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const rows: { name: string; slices: number; firstMs: number; targetMs: number; fps: number }[] = [];
    if (existsSync(a0001)) {
      await call(host, 'studies.import', { paths: [a0001] });
      rows.push({ name: 'A0001 real CT', slices: 64, firstMs: await timeToFirstImage(page, host, 'Chest'), targetMs: 1000, fps: await scrollRate(page, 20) });
    } else {
      process.stdout.write(`  (A0001 not found at ${a0001}: real-CT row skipped)\n`);
    }
    // A ~500-slice CT made by the project's own phantom generator (0.6 mm slices).
    const big = join(dataDir, 'big-ct');
    const manifest = await generateDemoStudies(big, { sliceSpacingMm: 0.6 });
    await call(host, 'studies.import', { paths: [join(big, manifest.exams.current.directory)] });
    const slices = manifest.exams.current.dims[2];
    rows.push({ name: `generated CT`, slices, firstMs: await timeToFirstImage(page, host, '2024-03-15'), targetMs: 2000, fps: await scrollRate(page, 20) });

    process.stdout.write('  study                  slices  first axial image   target   ratio   scroll\n');
    for (const r of rows) {
      process.stdout.write(
        `  ${r.name.padEnd(22)} ${String(r.slices).padStart(6)}  ${`${r.firstMs} ms`.padStart(17)}  ${`${r.targetMs} ms`.padStart(7)}  ${(r.firstMs / r.targetMs).toFixed(2).padStart(5)}x  ${r.fps.toFixed(1)} fps\n`,
      );
    }
    process.stdout.write('  (SwiftShader software WebGL on this machine; a GPU renders far faster)\n');
  } finally {
    await browser.close();
    host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
