// MeshNet 256^3 through the RadGround runner (worker thread, preprocessing, argmax, back to the
// volume grid, with the app's default session options) vs a bare onnxruntime InferenceSession.run
// on the same prepared input in this process, with onnxruntime's DEFAULT session options (nothing
// set: its own thread count and spinning). Median of 3 after one warm-up run each.
// Target (issue 13.3): runner / bare <= 1.10.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { InferenceWorker, defaultIntraOpThreads } from '../../electron/core/inference/inference-worker';
import { loadModelPack } from '../../electron/core/inference/load-model-pack';
import { runSegmentationPack } from '../../electron/core/inference/run-segmentation-pack';
import { readNiftiVolume } from '../../electron/core/volume-assembly';
import { median } from '../../electron/shared/math/median';
import { NO_SHARED_DATA_REASON, projectRoot, requireSharedData, sharedData } from '../support/shared-data';

const hasData = requireSharedData();

const RUNS = 3;

function report(label: string, times: number[]): void {
  process.stdout.write(`  ${label.padEnd(44)} ${times.map((t) => t.toFixed(0).padStart(6)).join(' ')} ms  median ${median(times).toFixed(0)} ms\n`);
}

/** One warm-up each, then RUNS rounds alternating the contenders, so that other load on the machine hits both alike. */
async function race(contenders: Record<string, () => Promise<unknown>>): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = {};
  for (const [name, fn] of Object.entries(contenders)) {
    await fn();
    times[name] = [];
  }
  for (let r = 0; r < RUNS; r++) {
    for (const [name, fn] of Object.entries(contenders)) {
      const t0 = performance.now();
      await fn();
      times[name]!.push(performance.now() - t0);
    }
  }
  return times;
}

export async function runMeshnetBench(): Promise<void> {
  if (!hasData) {
    process.stdout.write(`  skipped: ${NO_SHARED_DATA_REASON}\n`);
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'radground-meshnet-bench-'));
  const packDir = join(dataDir, 'models', 'meshnet-gwm');
  mkdirSync(packDir, { recursive: true });
  copyFileSync(join(projectRoot, 'native-models', 'meshnet-gwm', 'manifest.json'), join(packDir, 'manifest.json'));
  copyFileSync(sharedData('models', 'meshnet_gwm_niivue-onnx_model.onnx'), join(packDir, 'meshnet_gwm_niivue-onnx_model.onnx'));
  const worker = new InferenceWorker();
  try {
    const pack = await loadModelPack(packDir, worker);
    const volume = await readNiftiVolume(sharedData('nifti', 'brain_t1_conformed_256.nii.gz'));
    const threads = defaultIntraOpThreads();
    process.stdout.write(`  ${volume.dims.join('x')} ${volume.scalars.constructor.name}; onnxruntime ${ort.env.versions.node ?? '?'}; runner: intra-op threads ${threads}, spinning off, worker niced +10\n`);

    // The same input the runner builds: whole-volume min-max to 0..1, raw voxel order.
    const n = volume.scalars.length;
    let mn = Infinity;
    let mx = -Infinity;
    for (let q = 0; q < n; q++) {
      const v = volume.scalars[q]!;
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
    const input = new Float32Array(n);
    for (let q = 0; q < n; q++) input[q] = (volume.scalars[q]! - mn) / (mx - mn);
    const shape = [1, 1, volume.dims[2], volume.dims[1], volume.dims[0]];
    // onnxruntime's defaults: no options at all.
    const session = await ort.InferenceSession.create(pack.model.absolutePath);

    const inRun: number[] = [];
    const times = await race({
      runner: async () => {
        const r = await runSegmentationPack(pack, volume, { worker, providers: ['cpu'] });
        inRun.push(r.timings.totalMs - r.timings.inferenceMs);
      },
      bare: () => session.run({ input: new ort.Tensor('float32', input, shape) }),
    });
    await session.release();
    const runner = times.runner!;
    const bare = times.bare!;
    report('runner (runSegmentationPack, worker thread)', runner);
    report('bare InferenceSession.run (ORT defaults)', bare);

    const ratio = median(runner) / median(bare);
    process.stdout.write(`  ratio: runner median / bare median = ${ratio.toFixed(2)}x (target <= 1.10x) ${ratio <= 1.1 ? 'OK' : 'OVER TARGET'}\n`);
    // Cross-run medians are at the mercy of other load on the machine; the runner's own clock
    // separates what it adds (copy, transfer, preprocessing, argmax, messages) from session.run.
    const added = median(inRun.slice(1));
    process.stdout.write(`  runner time outside session.run (median): ${added.toFixed(0)} ms = ${((added / median(bare)) * 100).toFixed(1)}% of the bare run\n`);
  } finally {
    await worker.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
