import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWorkerBundles, nodeBundleOptions } from '../../../build/worker-bundles.mjs';
import { projectRoot } from '../../support/shared-data';
import { tinyManifest, tmpDir, writePack } from './support/packs';
import { signModel } from './support/tiny-onnx';

const run = promisify(execFile);

/**
 * The app ships CJS bundles (build/build.mjs: esbuild, platform node, format cjs, onnxruntime-node
 * external) and the inference worker as a bundle of its own in dist/workers
 * (build/worker-bundles.mjs). Lay out a small program and the worker the same way and run it in a
 * plain node process: the program finds the worker bundle beside its own folder.
 */
const outDir = join(projectRoot, 'node_modules', '.cache', `radground-inference-bundle-${process.pid}`);
const packRoot = tmpDir('bundle-packs');
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  rmSync(packRoot, { recursive: true, force: true });
});

const esbuildOptions = { ...nodeBundleOptions(projectRoot), sourcemap: false, logLevel: 'silent' } as const;

const program = `
import { InferenceWorker } from ${JSON.stringify(join(projectRoot, 'electron/core/inference/inference-worker'))};
import { loadModelPack } from ${JSON.stringify(join(projectRoot, 'electron/core/inference/load-model-pack'))};
import { runSegmentationPack } from ${JSON.stringify(join(projectRoot, 'electron/core/inference/run-segmentation-pack'))};
async function main() {
  const worker = new InferenceWorker();
  const pack = await loadModelPack(process.argv[2], worker);
  const scalars = Float32Array.from({ length: 1000 }, (_, q) => (q % 3) - 1);
  const volume = { scalars, dims: [10, 10, 10], spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], units: 'raw',
    modality: null, frameOfReferenceUid: null, seriesInstanceUid: null, sopInstanceUids: [], invertForDisplay: false, defaultWindow: null, warnings: [] };
  const r = await runSegmentationPack(pack, volume, { worker });
  let positives = 0;
  for (const v of r.labelVolume) positives += v;
  process.stdout.write(JSON.stringify({ positives, provider: r.executionProvider }));
  await worker.close();
}
main().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
`;

describe('the inference worker from an esbuild CJS bundle', () => {
  it('runs from the worker bundle beside the program bundle (dist/cli + dist/workers); says what is missing without it', async () => {
    mkdirSync(join(outDir, 'cli'), { recursive: true });
    const entry = join(outDir, 'program.ts');
    writeFileSync(entry, program);
    const main = await build({ ...esbuildOptions, entryPoints: [entry], outfile: join(outDir, 'cli', 'program.cjs') });
    expect(main.warnings).toEqual([]);
    const env = { ...process.env };
    delete env.RADGROUND_WORKER_DIR;
    const bytes = signModel();
    const dir = writePack(packRoot, tinyManifest('bundled', bytes), { 'model.onnx': bytes });

    // No worker bundle anywhere yet (cwd has no dist/workers): a clear error, not a hang.
    const missing = await run(process.execPath, [join(outDir, 'cli', 'program.cjs'), dir], { cwd: outDir, env }).then(
      () => null,
      (e: { stderr: string }) => e.stderr,
    );
    expect(missing).toMatch(/worker bundle inference-worker\.cjs not found/);

    await buildWorkerBundles(build, esbuildOptions, join(outDir, 'workers'));
    const r = await run(process.execPath, [join(outDir, 'cli', 'program.cjs'), dir], { cwd: outDir, env });
    expect(JSON.parse(r.stdout)).toEqual({ positives: 333, provider: 'cpu' }); // q % 3 - 1 > 0 for q % 3 == 2
  });
});
