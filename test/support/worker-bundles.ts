import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildWorkerBundles, nodeBundleOptions } from '../../build/worker-bundles.mjs';
import { projectRoot } from './shared-data';

/**
 * Builds fresh worker bundles of the sources into a folder of this process and points
 * RADGROUND_WORKER_DIR at it (for benchmarks run with tsx); returns a function that removes them.
 */
export async function useFreshWorkerBundles(): Promise<() => void> {
  const dir = join(projectRoot, 'node_modules', '.cache', `radground-workers-${process.pid}`);
  await buildWorkerBundles(build, { ...nodeBundleOptions(projectRoot), sourcemap: 'inline' }, dir);
  process.env.RADGROUND_WORKER_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
