// Compare-mode viewer benchmark through Playwright in Debian Chromium (WebGL2 via SwiftShader: software
// figures). On a fresh `serve --demo`: time from pressing *Compare* to the first image of BOTH exams
// (cold: the core analyses the prior and registers the pair; warm: the comparison is cached), and the
// synchronised scroll latency: one wheel step on the current exam until both viewers have drawn the
// new slice (target < 50 ms per step, issue 10).
import { chromium, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_WITHOUT_GPU_ARGS } from '../../build/chromium-without-gpu';

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const TARGET_STEP_MS = 50;

async function startDemoHost(dataDir: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [join(root, 'electron', 'cli', 'radground.cjs'), 'serve', '--json', '--demo', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, RADGROUND_LOG_LEVEL: 'warn' },
  });
  const line = await new Promise<string>((r) => child.stdout.on('data', (d: Buffer) => r(d.toString().split('\n')[0]!)));
  return { url: (JSON.parse(line) as { url: string }).url, stop: () => child.kill('SIGTERM') };
}

type Counts = { current: number; prior: number };
const renderCounts = (page: Page) =>
  page.evaluate((): Counts => {
    const all = (globalThis as unknown as { __RADGROUND_VIEWERS__?: Record<string, { snapshot(): { renderCount: number } }> }).__RADGROUND_VIEWERS__ ?? {};
    return { current: all.current?.snapshot().renderCount ?? 0, prior: all.prior?.snapshot().renderCount ?? 0 };
  });

/** Compare -> both exams drawn, ms (the page's own figure, from the click handler's clock). */
async function compareToFirstImages(page: Page): Promise<number> {
  await page.getByTestId('compare-button').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="compare-view"]')?.getAttribute('data-first-images-ms'), null, { timeout: 600_000, polling: 10 });
  return Number(await page.getByTestId('compare-view').getAttribute('data-first-images-ms'));
}

async function syncedScrollSteps(page: Page, steps: number): Promise<number[]> {
  const vp = page.locator('[data-viewer-id="current"] [data-testid="viewport-axial"]');
  const box = (await vp.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const before = await renderCounts(page);
    const started = Date.now();
    await page.mouse.wheel(0, i % 20 < 10 ? 100 : -100);
    await page.waitForFunction((b: Counts) => {
      const all = (globalThis as unknown as { __RADGROUND_VIEWERS__: Record<string, { snapshot(): { renderCount: number } }> }).__RADGROUND_VIEWERS__;
      return all.current!.snapshot().renderCount > b.current && all.prior!.snapshot().renderCount > b.prior;
    }, before, { polling: 'raf', timeout: 30_000 });
    out.push(Date.now() - started);
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runCompareViewerBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'radground-bench-compare-viewer-'));
  const host = await startDemoHost(dataDir);
  const browser = await chromium.launch({
    executablePath: process.env.RADGROUND_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', ...CHROMIUM_WITHOUT_GPU_ARGS],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(host.url);
    await page.waitForSelector('[data-testid="reading-viewer"][data-status="ready"]', { timeout: 600_000 });
    await page.getByTestId('compare-button').waitFor({ timeout: 60_000 });
    const cold = await compareToFirstImages(page);
    await page.getByTestId('compare-stop').click();
    await page.waitForSelector('[data-testid="reading-viewer"][data-status="ready"]', { timeout: 60_000 });
    const warm = await compareToFirstImages(page);
    const steps = await syncedScrollSteps(page, 30);
    const p = median(steps);
    process.stdout.write(
      [
        `Compare -> both first images, cold (analysis of the prior + registration): ${cold} ms`,
        `Compare -> both first images, warm (comparison cached):                   ${warm} ms`,
        `synchronised scroll, one step until both exams drew it: median ${p} ms, max ${Math.max(...steps)} ms over ${steps.length} steps; target < ${TARGET_STEP_MS} ms: ${(p / TARGET_STEP_MS).toFixed(2)}x`,
      ].join('\n') + '\n',
    );
  } finally {
    await browser.close();
    host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
