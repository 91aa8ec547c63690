import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { InferenceWorker } from '../../../electron/core/inference/inference-worker';
import { loadModelPack } from '../../../electron/core/inference/load-model-pack';
import { runSegmentationPack } from '../../../electron/core/inference/run-segmentation-pack';
import type { Vec3 } from '../../../electron/core/dicom/dicom-instance';
import { tinyManifest, tmpDir, writePack } from './support/packs';
import { signModel, slowConvModel } from './support/tiny-onnx';
import { makeVolume, noise } from './support/volumes';

const worker = new InferenceWorker();
const root = tmpDir('cancel');
afterAll(async () => {
  await worker.close();
  rmSync(root, { recursive: true, force: true });
});

describe('cancelling a full-volume run', () => {
  it('rejects with CANCELLED promptly; the busy worker is retired (never killed inside onnxruntime) and the next run gets a fresh worker', async () => {
    const dims: Vec3 = [96, 96, 96];
    const slow = slowConvModel([96, 96, 96], 10, 8);
    const slowPack = await loadModelPack(
      writePack(root, tinyManifest('slow', slow, { inputs: [{ name: 'input', shape: ['batch', 1, 96, 96, 96], dtype: 'float32' }] }), { 'model.onnx': slow }),
      worker,
    );
    const controller = new AbortController();
    let abortedAt = 0;
    const started = performance.now();
    const run = runSegmentationPack(slowPack, makeVolume(noise(96 ** 3), dims), {
      worker,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.phase === 'infer' && e.done === 0) {
          setTimeout(() => {
            abortedAt = performance.now();
            controller.abort();
          }, 300);
        }
      },
    });
    const error = await run.then(
      () => null,
      (e: unknown) => e,
    );
    const rejectedAt = performance.now();
    expect(error).toMatchObject({ code: 'CANCELLED' });
    expect(abortedAt).toBeGreaterThan(started);
    expect(rejectedAt - abortedAt).toBeLessThan(100);
    // The abandoned run is still finishing in the retired worker.
    expect(worker.threadCount).toBe(1);

    const sign = signModel();
    const signPack = await loadModelPack(writePack(root, tinyManifest('sign', sign), { 'model.onnx': sign }), worker);
    const values = noise(1000, 5);
    const r = await runSegmentationPack(signPack, makeVolume(values, [10, 10, 10]), { worker });
    expect(r.sessionCached).toBe(false);
    expect(r.labelVolume).toEqual(Uint8Array.from(values, (v) => (v > 0 ? 1 : 0)));
    expect(worker.threadCount).toBe(2); // the fresh one and the retired one
    // The retired worker is terminated once its run is over.
    const deadline = Date.now() + 60_000;
    while (worker.threadCount > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(worker.threadCount).toBe(1);
  });

  it('the uncancelled slow model really runs for a while (so the test above cancels mid-run)', async () => {
    // Guard against the cancellation test passing vacuously on a machine where the run ends in <300 ms.
    const slow = slowConvModel([96, 96, 96], 10, 8);
    const pack = await loadModelPack(
      writePack(root, tinyManifest('slow2', slow, { inputs: [{ name: 'input', shape: ['batch', 1, 96, 96, 96], dtype: 'float32' }] }), { 'model.onnx': slow }),
      worker,
    );
    const r = await runSegmentationPack(pack, makeVolume(noise(96 ** 3), [96, 96, 96]), { worker });
    expect(r.timings.inferenceMs).toBeGreaterThan(300);
  });
});
