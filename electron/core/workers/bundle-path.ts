import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RadGroundError } from '../errors/radground-error';

/** Where the worker bundles (build/worker-bundles.mjs) are looked for, first found wins. */
export function workerBundleDirs(): string[] {
  const dirs: string[] = [];
  // Tests and benchmarks build fresh bundles of the sources they run into a folder of their own.
  if (process.env.RADGROUND_WORKER_DIR) dirs.push(process.env.RADGROUND_WORKER_DIR);
  // In the app's CommonJS bundles (dist/electron/main.cjs, dist/cli/radground.cjs): dist/workers.
  if (typeof __dirname === 'string') dirs.push(join(__dirname, '..', 'workers'));
  // From the sources (tsx): the last `npm run build` of the project in the working directory.
  dirs.push(join(process.cwd(), 'dist', 'workers'));
  return dirs;
}

/**
 * The file of worker bundle `name` (`<name>.cjs`, an esbuild bundle of the worker's entry module;
 * the list is build/worker-bundles.mjs). INTERNAL when no build has made it.
 */
export function workerBundlePath(name: string): string {
  const dirs = workerBundleDirs();
  for (const dir of dirs) {
    const file = join(dir, `${name}.cjs`);
    if (existsSync(file)) return file;
  }
  throw new RadGroundError('INTERNAL', `worker bundle ${name}.cjs not found (run \`npm run build\`); looked in ${dirs.join(', ')}`);
}
