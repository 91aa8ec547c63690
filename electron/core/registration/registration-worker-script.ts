/**
 * Where the registration worker's script is: RADGROUND_REGISTRATION_WORKER if set; else the file
 * build/build.mjs bundles beside the running bundle (dist/cli, dist/electron); else, when running
 * from TypeScript source (vitest, tsx), the worker entry bundled once per process with esbuild
 * (a dev dependency) into the temp folder.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REGISTRATION_WORKER_FILE = 'registration-worker.cjs';
const ENTRY_FROM_ROOT = join('electron', 'core', 'registration', 'worker', 'registration-worker.ts');

let built: Promise<string> | null = null;

function hereDir(): string | null {
  return typeof __dirname === 'string' ? __dirname : null;
}

function sourceEntry(): string {
  const here = hereDir();
  const beside = here ? join(here, 'worker', 'registration-worker.ts') : null;
  return beside && existsSync(beside) ? beside : join(process.cwd(), ENTRY_FROM_ROOT);
}

async function buildFromSource(): Promise<string> {
  const entry = sourceEntry();
  if (!existsSync(entry)) throw new Error(`registration worker: no bundled ${REGISTRATION_WORKER_FILE} and no source at ${entry}`);
  // A variable specifier: bundlers leave it alone, so esbuild is never pulled into a bundle.
  const esbuildModule = 'esbuild';
  const { build } = (await import(esbuildModule)) as typeof import('esbuild');
  const dir = join(tmpdir(), 'radground-workers');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `registration-worker-${process.pid}.cjs`);
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  return outfile;
}

export function registrationWorkerScript(): Promise<string> {
  const fromEnv = process.env.RADGROUND_REGISTRATION_WORKER;
  if (fromEnv) return Promise.resolve(fromEnv);
  const here = hereDir();
  const bundled = here ? join(here, REGISTRATION_WORKER_FILE) : null;
  if (bundled && existsSync(bundled)) return Promise.resolve(bundled);
  built ??= buildFromSource().catch((e) => {
    built = null;
    throw e;
  });
  return built;
}
