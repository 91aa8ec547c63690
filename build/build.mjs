// Builds everything `npm start`, the CLI and the tests run: the Electron main process, the core's
// utility process and the sandboxed preload (CommonJS bundles), the CLI bundle, the worker threads (worker-bundles.mjs),
// and the Vue renderer (Vite).
// Usage: node build/build.mjs [--skip-renderer]
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { buildWorkerBundles, CORE_UTILITY_ENTRY, nodeBundleOptions } from './worker-bundles.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const skipRenderer = process.argv.includes('--skip-renderer');

const nodeBundle = nodeBundleOptions(root);

const started = Date.now();
await Promise.all([
  esbuild({ ...nodeBundle, entryPoints: ['electron/main/main.ts'], outfile: join(dist, 'electron', 'main.cjs') }),
  // The core's utilityProcess in the desktop app (main.ts forks it from beside main.cjs).
  esbuild({ ...nodeBundle, entryPoints: [CORE_UTILITY_ENTRY], outfile: join(dist, 'electron', 'core-utility.cjs') }),
  esbuild({ ...nodeBundle, entryPoints: ['electron/cli/cli-main.ts'], outfile: join(dist, 'cli', 'radground.cjs') }),
  buildWorkerBundles(esbuild, nodeBundle, join(dist, 'workers')),
  // A sandboxed preload can require only 'electron': bundle everything else into one file.
  esbuild({
    ...nodeBundle,
    external: ['electron'],
    entryPoints: ['electron/preload/preload.ts'],
    outfile: join(dist, 'electron', 'preload.cjs'),
  }),
]);
if (!skipRenderer) {
  await viteBuild({ configFile: join(root, 'build', 'vite.renderer.config.ts'), logLevel: 'warn' });
}
process.stderr.write(`radground build: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
