import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/shared-data';
import { tinyManifest, tmpDir, writePack } from './support/packs';
import { signModel } from './support/tiny-onnx';

const run = promisify(execFile);

/**
 * The app ships single-file CJS bundles (build/build.mjs: esbuild, platform node, format cjs,
 * onnxruntime-node external). The inference worker must start from such a bundle with no extra
 * file: bundle a small program the same way and run it in a plain node process.
 */
const outDir = join(projectRoot, 'node_modules', '.cache', `radground-inference-bundle-${process.pid}`);
const packRoot = tmpDir('bundle-packs');
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  rmSync(packRoot, { recursive: true, force: true });
});

const esbuildOptions: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron', 'better-sqlite3', 'onnxruntime-node', '@cornerstonejs/*'],
  logLevel: 'silent',
  absWorkingDir: projectRoot,
};

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
  it('runs from one bundle file (eval worker) and from a separate worker bundle (RADGROUND_INFERENCE_WORKER)', async () => {
    mkdirSync(outDir, { recursive: true });
    const entry = join(outDir, 'program.ts');
    writeFileSync(entry, program);
    const main = await build({ ...esbuildOptions, entryPoints: [entry], outfile: join(outDir, 'program.cjs') });
    expect(main.warnings).toEqual([]);
    const workerBundle = await build({ ...esbuildOptions, entryPoints: [join(projectRoot, 'electron/core/inference/worker/worker-entry.ts')], outfile: join(outDir, 'inference-worker.cjs') });
    expect(workerBundle.warnings).toEqual([]);

    const bytes = signModel();
    const dir = writePack(packRoot, tinyManifest('bundled', bytes), { 'model.onnx': bytes });
    const expected = { positives: 333, provider: 'cpu' }; // q % 3 - 1 > 0 for q % 3 == 2

    const env = { ...process.env };
    delete env.RADGROUND_INFERENCE_WORKER;
    const inline = await run(process.execPath, [join(outDir, 'program.cjs'), dir], { cwd: outDir, env });
    expect(JSON.parse(inline.stdout)).toEqual(expected);

    const viaFile = await run(process.execPath, [join(outDir, 'program.cjs'), dir], { cwd: outDir, env: { ...env, RADGROUND_INFERENCE_WORKER: join(outDir, 'inference-worker.cjs') } });
    expect(JSON.parse(viaFile.stdout)).toEqual(expected);
  });
});
