// Tests run the TypeScript sources, and worker threads run bundles: build fresh worker bundles of
// the sources under test (build/worker-bundles.mjs) into a folder of this run, and point
// RADGROUND_WORKER_DIR at it (test processes inherit the environment).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildWorkerBundles, nodeBundleOptions } from './worker-bundles.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export default async function setup(): Promise<() => void> {
  // Inside the project, so the bundles resolve node_modules like dist/workers does.
  const dir = join(root, 'node_modules', '.cache', `radground-workers-${process.pid}`);
  await buildWorkerBundles(build, { ...nodeBundleOptions(root), sourcemap: 'inline' }, dir);
  process.env.RADGROUND_WORKER_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
