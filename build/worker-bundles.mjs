// Worker threads the app starts, each an esbuild bundle of its entry module: dist/workers/<name>.cjs.
// At run time electron/core/workers/bundle-path.ts (workerBundlePath(name)) finds the file beside the
// app's bundles (dist/electron, dist/cli -> dist/workers), or in RADGROUND_WORKER_DIR, where the
// vitest global setup (test/support/vitest-global-setup.ts) and `npm run bench` build fresh bundles of the
// sources they run. To add a worker: one line here, then `new Worker(workerBundlePath('<name>'))`.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * esbuild options of every Node bundle (main process, CLI, workers). Native addons and packages that
 * load their own .wasm/.node files stay in node_modules; everything else is bundled (some
 * dependencies ship ESM only).
 * @param {string} root the project folder
 * @returns {import('esbuild').BuildOptions}
 */
export function nodeBundleOptions(root) {
  return {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    external: ['electron', 'better-sqlite3', 'onnxruntime-node', '@cornerstonejs/*', 'jpeg-lossless-decoder-js'],
    logLevel: 'warning',
    absWorkingDir: root,
  };
}

/** Entry of the core's Electron utilityProcess (dist/electron/core-utility.cjs; tests bundle it too). */
export const CORE_UTILITY_ENTRY = 'electron/utility/core-utility.ts';

/** @type {{ name: string; entry: string }[]} */
export const WORKER_BUNDLES = [
  { name: 'inference-worker', entry: 'electron/core/workers/inference-worker-entry.ts' },
  { name: 'registration-worker', entry: 'electron/core/registration/worker/registration-worker.ts' },
  { name: 'dicom-worker', entry: 'electron/core/workers/dicom-worker-entry.ts' },
];

/**
 * Builds every worker bundle into outDir. Each file is written under a temporary name and renamed,
 * so a process starting a worker never reads a half-written bundle.
 * @param {typeof import('esbuild').build} esbuild
 * @param {import('esbuild').BuildOptions} options node bundle options (platform, format, externals, absWorkingDir)
 * @param {string} outDir
 */
export async function buildWorkerBundles(esbuild, options, outDir) {
  await mkdir(outDir, { recursive: true });
  await Promise.all(
    WORKER_BUNDLES.map(async ({ name, entry }) => {
      const outfile = join(outDir, `${name}.cjs`);
      const result = await esbuild({ ...options, entryPoints: [entry], outfile, write: false });
      for (const file of result.outputFiles ?? []) {
        const tmp = `${file.path}.${process.pid}.tmp`;
        await writeFile(tmp, file.contents);
        await rename(tmp, file.path);
      }
    }),
  );
}
