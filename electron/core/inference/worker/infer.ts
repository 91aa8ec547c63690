/**
 * Inference in the worker: the preprocessed array through the model, as one full-volume run or as
 * batched sliding windows blended into one score volume. Scores come back channel-major over `dims`.
 */
import { codedError } from '../../workers/serve-requests';
import { centeredStart, extractBox } from '../kernels/boxes';
import { accumulateWindow, importanceMap, normalizeAccumulator, planWindows } from '../kernels/sliding-window';
import type { Dims3 } from '../kernels/types';
import type { SegmentPlan } from './protocol';
import type { CachedSession, SessionCache } from './sessions';

export interface InferHooks {
  throwIfCancelled(): void;
  progress(done: number, total: number): void;
}

export interface Scores {
  scores: Float32Array;
  channels: number;
  windows: number;
  inferenceMs: number;
  blendMs: number;
}

function expectDims(actual: number[], expected: number[], what: string): void {
  if (actual.length !== expected.length || actual.some((d, i) => d !== expected[i])) {
    throw codedError('MODEL_INVALID', `${what}: the model returned shape [${actual.join(', ')}], expected [${expected.join(', ')}]`);
  }
}

export async function infer(sessions: SessionCache, entry: CachedSession, input: Float32Array, dims: Dims3, plan: SegmentPlan, hooks: InferHooks): Promise<Scores> {
  const scores = plan.window ? await inferWindows(sessions, entry, input, dims, plan, plan.window, hooks) : await inferWhole(sessions, entry, input, dims, plan, hooks);
  if (scores.channels < plan.channels) {
    throw codedError('MODEL_INVALID', `the model returned ${scores.channels} channels; the manifest names channel ${plan.channels - 1}`);
  }
  return scores;
}

async function inferWhole(sessions: SessionCache, entry: CachedSession, input: Float32Array, dims: Dims3, plan: SegmentPlan, hooks: InferHooks): Promise<Scores> {
  const tensorDims = [dims[2], dims[1], dims[0]];
  if (plan.inputSpatial.some((d, a) => d !== null && d !== tensorDims[a])) {
    throw codedError(
      'BAD_REQUEST',
      `the preprocessed volume is [${tensorDims.join(', ')}] (tensor order) but the model takes [${plan.inputSpatial.map((d) => d ?? '?').join(', ')}]; the pack needs cropPad or slidingWindow`,
    );
  }
  hooks.throwIfCancelled();
  hooks.progress(0, 1);
  const t0 = performance.now();
  const out = await sessions.runOnce(entry, plan.inputName, plan.outputName, input, [1, 1, dims[2], dims[1], dims[0]]);
  const inferenceMs = performance.now() - t0;
  const channels = out.dims[1] ?? 0;
  expectDims(out.dims, [1, channels, dims[2], dims[1], dims[0]], `output '${plan.outputName}'`);
  hooks.progress(1, 1);
  return { scores: out.data, channels, windows: 1, inferenceMs, blendMs: 0 };
}

async function inferWindows(
  sessions: SessionCache,
  entry: CachedSession,
  input: Float32Array,
  dims: Dims3,
  plan: SegmentPlan,
  { roi, overlap, blending, batchSize }: NonNullable<SegmentPlan['window']>,
  hooks: InferHooks,
): Promise<Scores> {
  // A volume smaller than the window is padded to it (and cropped back after blending).
  const wdims: Dims3 = [Math.max(dims[0], roi[0]), Math.max(dims[1], roi[1]), Math.max(dims[2], roi[2])];
  let f = input;
  let padLo: Dims3 | null = null;
  if (wdims[0] !== dims[0] || wdims[1] !== dims[1] || wdims[2] !== dims[2]) {
    padLo = [centeredStart(dims[0], wdims[0]), centeredStart(dims[1], wdims[1]), centeredStart(dims[2], wdims[2])];
    f = extractBox(f, dims, padLo, wdims, 1, 0, null, 0);
  }
  const starts = planWindows(wdims, roi, overlap);
  const windows = starts.length / 3;
  const importance = importanceMap(roi, blending);
  const rvol = roi[0] * roi[1] * roi[2];
  const wvol = wdims[0] * wdims[1] * wdims[2];
  const weight = new Float32Array(wvol);
  let acc: Float32Array | null = null;
  let channels = 0;
  let inferenceMs = 0;
  let blendMs = 0;
  hooks.progress(0, windows);
  for (let w0 = 0; w0 < windows; w0 += batchSize) {
    hooks.throwIfCancelled();
    const nb = Math.min(batchSize, windows - w0);
    const batch = new Float32Array(nb * rvol);
    for (let b = 0; b < nb; b++) {
      const s = 3 * (w0 + b);
      extractBox(f, wdims, [starts[s]!, starts[s + 1]!, starts[s + 2]!], roi, 1, 0, batch, b * rvol);
    }
    const t0 = performance.now();
    const out = await sessions.runOnce(entry, plan.inputName, plan.outputName, batch, [nb, 1, roi[2], roi[1], roi[0]]);
    inferenceMs += performance.now() - t0;
    if (!acc) {
      channels = out.dims[1] ?? 0;
      acc = new Float32Array(channels * wvol);
    }
    expectDims(out.dims, [nb, channels, roi[2], roi[1], roi[0]], `output '${plan.outputName}'`);
    const t1 = performance.now();
    for (let b = 0; b < nb; b++) {
      const s = 3 * (w0 + b);
      accumulateWindow(acc, weight, wdims, channels, [starts[s]!, starts[s + 1]!, starts[s + 2]!], roi, out.data, b * channels * rvol, importance);
    }
    blendMs += performance.now() - t1;
    hooks.progress(w0 + nb, windows);
  }
  const t1 = performance.now();
  normalizeAccumulator(acc!, weight, channels);
  const scores = padLo ? extractBox(acc!, wdims, [-padLo[0], -padLo[1], -padLo[2]], dims, channels, 0, null, 0) : acc!;
  blendMs += performance.now() - t1;
  return { scores, channels, windows, inferenceMs, blendMs };
}
