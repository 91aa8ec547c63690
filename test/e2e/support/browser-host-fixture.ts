import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunningHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
}

const projectRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..');
export const artifactsDir = join(projectRoot, 'test-results', 'screenshots');

/** Starts `radground serve` (the built CLI) on a fresh data dir for each test file. */
export async function startHost(extraArgs: string[] = []): Promise<{ host: RunningHost; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'radground-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [join(projectRoot, 'electron', 'cli', 'radground.cjs'), 'serve', '--json', '--data-dir', dataDir, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, RADGROUND_LOG_LEVEL: 'warn' } },
  );
  const line = await new Promise<string>((resolveLine, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolveLine(buf.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`radground serve exited with ${code}`)));
  });
  const started = JSON.parse(line) as { url: string; port: number; token: string };
  return {
    host: { ...started, origin: `http://127.0.0.1:${started.port}`, dataDir },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A host of the spec file's own (the worker's shared host may already hold the same files and their
 * reports from other specs): started before the file's tests when `enabled`, stopped after them.
 * Read `.current` inside tests.
 */
export function hostOfThisFile(enabled: boolean): { readonly current: RunningHost } {
  let running: Awaited<ReturnType<typeof startHost>> | null = null;
  base.beforeAll(async () => {
    if (enabled) running = await startHost();
  });
  base.afterAll(async () => {
    await running?.stop();
  });
  return {
    get current(): RunningHost {
      if (!running) throw new Error('the host of this spec file was not started');
      return running.host;
    },
  };
}

export const test = base.extend<object, { host: RunningHost; demoHost: RunningHost }>({
  host: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their first argument.
    async ({}, use) => {
      const running = await startHost();
      await use(running.host);
      await running.stop();
    },
    { scope: 'worker' },
  ],
  /** A host started as `npm start` does without Electron: `serve --demo` (demo generated and opened). */
  demoHost: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their first argument.
    async ({}, use) => {
      const running = await startHost(['--demo']);
      await use(running.host);
      await running.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});
export { expect } from '@playwright/test';
