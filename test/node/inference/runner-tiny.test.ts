import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InferenceWorker } from '../../../electron/core/inference/inference-worker';
import { loadModelPack } from '../../../electron/core/inference/load-model-pack';
import type { ModelPack } from '../../../electron/core/inference/model-pack';
import { runSegmentationPack, type InferenceProgress } from '../../../electron/core/inference/run-segmentation-pack';
import { RadGroundError } from '../../../electron/core/errors/radground-error';
import { identityModel, signModel } from './support/tiny-onnx';
import { tinyManifest, tmpDir, writePack } from './support/packs';
import { makeVolume, noise } from './support/volumes';
import { withEventLoopLag } from './support/lag';
import type { Vec3 } from '../../../electron/core/dicom/dicom-instance';

const worker = new InferenceWorker();
const root = tmpDir('tiny-packs');
const sign = signModel();

async function pack(id: string, overrides: Parameters<typeof tinyManifest>[2] = {}, bytes = sign): Promise<ModelPack> {
  const dir = writePack(root, tinyManifest(id, bytes, overrides), { 'model.onnx': bytes });
  return loadModelPack(dir, worker);
}

function preprocessing(p: Record<string, unknown>): Record<string, unknown> {
  return { orientation: 'none', targetSpacing: null, intensity: { kind: 'none' }, cropPad: null, slidingWindow: null, ...p };
}

const dims: Vec3 = [23, 17, 11];
const n = dims[0] * dims[1] * dims[2];
const values = noise(n, 7);
const expected = Uint8Array.from(values, (v) => (v > 0 ? 1 : 0));

afterAll(async () => {
  await worker.close();
  rmSync(root, { recursive: true, force: true });
});

describe('runSegmentationPack with a pointwise model (sign of the input)', () => {
  let full: ModelPack;
  beforeAll(async () => {
    full = await pack('sign-full');
  });

  it('labels every voxel of a full-volume run, reports the provider and the requested order', async () => {
    const events: InferenceProgress[] = [];
    const r = await runSegmentationPack(full, makeVolume(values, dims), { worker, providers: ['cuda', 'cpu'], onProgress: (e) => events.push(e) });
    expect(r.labelVolume).toEqual(expected);
    expect(r.executionProvider).toBe('cpu');
    expect(r.requestedProviders).toEqual(process.platform === 'darwin' ? ['cpu'] : ['cuda', 'cpu']);
    if (process.platform !== 'darwin') expect(r.providerAttempts[0]).toMatchObject({ provider: 'cuda', error: expect.any(String) });
    expect(r.providerAttempts.at(-1)).toEqual({ provider: 'cpu', error: null });
    expect(r.windows).toBe(1);
    expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(['load', 'preprocess', 'infer', 'postprocess']));
    const again = await runSegmentationPack(full, makeVolume(values, dims), { worker, providers: ['cuda', 'cpu'] });
    expect(again.sessionCached).toBe(true);
    expect(again.labelVolume).toEqual(expected);
  });

  it('leaves the caller volume intact (the worker gets a copy)', async () => {
    const vol = makeVolume(values.slice(), dims);
    await runSegmentationPack(full, vol, { worker });
    expect(vol.scalars).toEqual(values);
  });

  for (const blending of ['constant', 'gaussian'] as const) {
    for (const [overlap, batchSize] of [
      [0, 1],
      [0.5, 3],
      [0.8, 2],
    ] as const) {
      it(`sliding windows (${blending}, overlap ${overlap}, batch ${batchSize}) reproduce the full-volume result`, async () => {
        const p = await pack(`sign-sw-${blending}-${overlap}-${batchSize}`, {
          preprocessing: preprocessing({ slidingWindow: { roiSize: [4, 8, 6], overlap, blending, batchSize } }),
        });
        const r = await runSegmentationPack(p, makeVolume(values, dims), { worker, returnProbabilities: true });
        expect(r.windows).toBeGreaterThan(1);
        expect(r.labelVolume).toEqual(expected);
        // softmax(-x, x)[1] = sigmoid(2x), whatever the blending weights
        const probs = r.probabilities!;
        expect(probs.channels).toBe(2);
        for (let q = 0; q < n; q += 97) expect(probs.data[n + q]).toBeCloseTo(1 / (1 + Math.exp(-2 * values[q]!)), 5);
      });
    }
  }

  it('pads a volume smaller than the window and crops the labels back', async () => {
    const p = await pack('sign-sw-big', { preprocessing: preprocessing({ slidingWindow: { roiSize: [16, 32, 32], overlap: 0.25, blending: 'gaussian', batchSize: 1 } }) });
    const r = await runSegmentationPack(p, makeVolume(values, dims), { worker });
    expect(r.labelVolume).toEqual(expected);
  });

  it('maps labels back through reorientation (RAS, LPS) and the ijk tensor layout exactly', async () => {
    // A permuted grid: i along -z, j along +x, k along -y.
    const direction: [number, number, number, number, number, number, number, number, number] = [0, 0, -1, 1, 0, 0, 0, -1, 0];
    for (const orientation of ['ras', 'lps'] as const) {
      for (const spatialAxisOrder of ['kji', 'ijk'] as const) {
        const p = await pack(`sign-${orientation}-${spatialAxisOrder}`, {
          preprocessing: preprocessing({ orientation: orientation.toUpperCase(), spatialAxisOrder, slidingWindow: { roiSize: [5, 6, 7], overlap: 0.3, blending: 'gaussian', batchSize: 2 } }),
        });
        const r = await runSegmentationPack(p, makeVolume(values, dims, { direction }), { worker });
        expect(r.labelVolume).toEqual(expected);
      }
    }
  });

  it('centre-crops and zero-pads to cropPad and labels what was cropped away as background', async () => {
    // tensor order [k, j, i] = [9, 20, 12]: i cropped 23 -> 12 (start 5), j padded 17 -> 20, k cropped 11 -> 9 (start 1)
    const p = await pack('sign-croppad', { preprocessing: preprocessing({ cropPad: [9, 20, 12] }) });
    const r = await runSegmentationPack(p, makeVolume(values, dims), { worker });
    const want = new Uint8Array(n);
    for (let k = 1; k < 10; k++) for (let j = 0; j < 17; j++) for (let i = 5; i < 17; i++) want[i + dims[0] * (j + dims[1] * k)] = expected[i + dims[0] * (j + dims[1] * k)]!;
    expect(r.labelVolume).toEqual(want);
  });

  it('crops to the foreground and labels the rest background', async () => {
    const vol = new Float32Array(n).fill(-1);
    const inside = (i: number, j: number, k: number) => i >= 5 && i < 15 && j >= 3 && j < 9 && k >= 2 && k < 7;
    for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) if (inside(i, j, k)) vol[i + dims[0] * (j + dims[1] * k)] = 1;
    const p = await pack('sign-fg', { preprocessing: preprocessing({ cropForeground: { threshold: 0, margin: 1 }, slidingWindow: { roiSize: [4, 4, 4], overlap: 0.5, blending: 'gaussian', batchSize: 4 } }) });
    const r = await runSegmentationPack(p, makeVolume(vol, dims), { worker });
    expect(r.labelVolume).toEqual(Uint8Array.from(vol, (v) => (v > 0 ? 1 : 0)));
    const empty = await runSegmentationPack(p, makeVolume(new Float32Array(n).fill(-1), dims), { worker });
    expect(empty.windows).toBe(0);
    expect(empty.labelVolume.every((v) => v === 0)).toBe(true);
  });

  it('sigmoid decision: label 1 + channel where sigmoid reaches the threshold', async () => {
    const id = identityModel();
    const p = await pack(
      'ident-sigmoid',
      { outputs: [{ channel: 0, label: 'thing', kind: 'finding' }], postprocessing: { decision: { sigmoidThreshold: 0.7 }, connectedComponents: true, minSizeVoxels: 1 } },
      id,
    );
    const r = await runSegmentationPack(p, makeVolume(values, dims), { worker, returnProbabilities: true });
    const cut = Math.log(0.7 / 0.3);
    expect(r.labelVolume).toEqual(Uint8Array.from(values, (v) => (v >= cut ? 1 : 0)));
    expect(r.probabilities!.data[5]).toBeCloseTo(1 / (1 + Math.exp(-values[5]!)), 6);
  });

  it('refuses what it cannot run: resampling, a volume that does not fit a fixed-size model', async () => {
    const p = await pack('sign-spacing', { preprocessing: preprocessing({ targetSpacing: [2, 2, 2] }) });
    await expect(runSegmentationPack(p, makeVolume(values, dims), { worker })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/resampling is not implemented/) });
    const fixed = signModel([8, 8, 8]);
    const q = await pack('sign-fixed', { inputs: [{ name: 'input', shape: ['batch', 1, 8, 8, 8], dtype: 'float32' }] }, fixed);
    await expect(runSegmentationPack(q, makeVolume(values, dims), { worker })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/needs cropPad or slidingWindow/) });
  });

  it('cancelling a sliding-window run stops it between windows with CANCELLED', async () => {
    const bigDims: Vec3 = [48, 48, 48];
    const big = noise(bigDims[0] * bigDims[1] * bigDims[2], 3);
    const p = await pack('sign-cancel', { preprocessing: preprocessing({ slidingWindow: { roiSize: [4, 4, 4], overlap: 0.5, blending: 'constant', batchSize: 1 } }) });
    const controller = new AbortController();
    let lastDone = 0;
    let total = 0;
    const run = runSegmentationPack(p, makeVolume(big, bigDims), {
      worker,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.phase !== 'infer') return;
        lastDone = e.done;
        total = e.total;
        if (e.done >= 20) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(RadGroundError);
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(total).toBe(23 ** 3);
    expect(lastDone).toBeLessThan(total);
    // The worker survives (sessions stay cached) and takes the next run.
    const after = await runSegmentationPack(full, makeVolume(values, dims), { worker });
    expect(after.labelVolume).toEqual(expected);
    expect(after.sessionCached).toBe(true);
  });

  it('bare runs and session release through the worker', async () => {
    const input = Float32Array.from([1, -2, 3, -4, 5, -6, 7, -8]);
    const spec = { key: 'bare@1', modelPath: full.model.absolutePath, providers: ['cpu' as const], options: { intraOpNumThreads: 1, allowSpinning: false } };
    const r = await worker.run({ session: spec, input: input.slice().buffer, shape: [1, 1, 2, 2, 2], inputName: 'input', outputName: 'output' });
    expect(r.shape).toEqual([1, 2, 2, 2, 2]);
    expect(Array.from(new Float32Array(r.output))).toEqual([...input].map((v) => -v).concat([...input]));
    expect(r.session).toMatchObject({ provider: 'cpu', cached: false });
    expect(await worker.release('bare@1')).toBe(1);
    expect(await worker.release('bare@1')).toBe(0);
  });

  it('the event-loop lag probe used by the responsiveness check does see a blocked main thread', async () => {
    const { maxLagMs } = await withEventLoopLag(async () => {
      await new Promise((r) => setTimeout(r, 30));
      const until = performance.now() + 600;
      while (performance.now() < until); // what running session.run on the main thread would do
    });
    expect(maxLagMs).toBeGreaterThan(500);
  });

  it('an already-aborted signal never starts', async () => {
    await expect(runSegmentationPack(full, makeVolume(values, dims), { worker, signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
