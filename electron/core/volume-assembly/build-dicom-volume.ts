import { RadGroundError } from '../errors/radground-error';
import type { DicomInstance } from '../dicom/dicom-instance';
import { checkAborted, forEachLoaded, validatedFrame, type Frame, type FrameLoader, type LendingFrameLoader } from './load-frames';
import { blendSlices, shiftSlice, writeSlice } from './slice-resample';
import { planDicomStack, type StackPlan } from './stack-plan';
import type { Volume } from './volume';
import { yieldEvery } from '../workers/yield-to-event-loop';

/** Longest stretch of resampling on the serving thread before the event loop runs again. */
const SLICE_BUDGET_MS = 8;

export type { FrameLoader };

export interface BuildDicomVolumeOptions {
  /** Instances decoded at the same time (default 4). */
  concurrency?: number;
  signal?: AbortSignal;
}

/** Slices `first..end-1` of the plan (all by default) contributed by each instance (multi-frame: several). */
export function slicesByInstance(plan: StackPlan, first = 0, end = plan.slices.length): Map<DicomInstance, number[]> {
  const m = new Map<DicomInstance, number[]>();
  for (let s = first; s < end; s++) {
    const instance = plan.slices[s]!.source.instance;
    const list = m.get(instance);
    if (list) list.push(s);
    else m.set(instance, [s]);
  }
  return m;
}

function isPlainLoader(loader: FrameLoader | LendingFrameLoader): loader is FrameLoader {
  return typeof loader === 'function';
}

/** The loader as forEachLoaded calls it: by lane (a plain loader ignores the lane). */
export function byLane(loader: FrameLoader | LendingFrameLoader): (instance: DicomInstance, lane: number) => Promise<Frame[]> {
  return isPlainLoader(loader) ? (instance) => loader(instance) : (instance, lane) => loader.lend(instance, lane);
}

/**
 * Output buffer that starts as Int16Array and is widened to Float32Array the first time a Float32
 * frame arrives (so frames can be written as they are decoded, without holding them all).
 */
class ScalarSink {
  data: Int16Array | Float32Array | null = null;
  constructor(private readonly length: number) {}
  accept(frame: Frame): Int16Array | Float32Array {
    if (!this.data) this.data = frame instanceof Int16Array ? new Int16Array(this.length) : new Float32Array(this.length);
    else if (this.data instanceof Int16Array && frame instanceof Float32Array) this.data = Float32Array.from(this.data);
    return this.data;
  }
}

/** No tilt, no resampling: output slice k is source slice k; frames are written as they arrive. */
async function assembleDirect(plan: StackPlan, loadFrames: FrameLoader | LendingFrameLoader, options: BuildDicomVolumeOptions) {
  const pix = plan.rows * plan.cols;
  const sink = new ScalarSink(pix * plan.output.length);
  const bySource = slicesByInstance(plan);
  await forEachLoaded([...bySource.keys()], byLane(loadFrames), options.concurrency ?? 4, options.signal, (inst, frames) => {
    for (const s of bySource.get(inst)!) {
      const frame = validatedFrame(plan, inst, frames, plan.slices[s]!.source.frameIndex);
      writeSlice(sink.accept(frame), s * pix, frame);
    }
  });
  return sink.data!;
}

async function minimumOf(arrays: Frame[], pause: () => Promise<void>): Promise<number> {
  let m = Infinity;
  for (const a of arrays) {
    await pause();
    for (let p = 0; p < a.length; p++) {
      const v = a[p]!;
      if (v < m) m = v;
    }
  }
  return Number.isFinite(m) ? m : 0;
}

/**
 * Tilt correction and/or through-plane resampling: needs the source slices side by side. Runs on the
 * thread serving the API (~0.75 s for the gantry-tilted head CT), so it lets the event loop run
 * every SLICE_BUDGET_MS between slices.
 */
async function assembleResampled(plan: StackPlan, loadFrames: FrameLoader | LendingFrameLoader, options: BuildDicomVolumeOptions) {
  const pix = plan.rows * plan.cols;
  const sources: Frame[] = new Array(plan.slices.length);
  const bySource = slicesByInstance(plan);
  const lent = !isPlainLoader(loadFrames);
  await forEachLoaded([...bySource.keys()], byLane(loadFrames), options.concurrency ?? 4, options.signal, (inst, frames) => {
    for (const s of bySource.get(inst)!) {
      const frame = validatedFrame(plan, inst, frames, plan.slices[s]!.source.frameIndex);
      sources[s] = lent ? frame.slice() : frame; // lent frames are rewritten by the lane's next load
    }
  });
  const allInt16 = sources.every((f) => f instanceof Int16Array);
  const nOut = plan.output.length;
  const scalars = allInt16 ? new Int16Array(pix * nOut) : new Float32Array(pix * nOut);
  const pause = yieldEvery(SLICE_BUDGET_MS);
  const fill = plan.shear ? await minimumOf(sources, pause) : 0;

  // Sheared source slices, computed lazily; consecutive output slices reuse the same two sources.
  const shifted = new Map<number, Float32Array>();
  // s is a plan.slices index (from plan.output), and every slice's frame is in `sources` by now.
  const prepared = (s: number): ArrayLike<number> => {
    const sl = plan.slices[s]!;
    const source = sources[s]!;
    if (!plan.shear || (sl.shiftI === 0 && sl.shiftJ === 0)) return source;
    let out = shifted.get(s);
    if (!out) {
      if (shifted.size >= 2) shifted.delete(shifted.keys().next().value!);
      out = shiftSlice(source, plan.cols, plan.rows, sl.shiftI, sl.shiftJ, fill, new Float32Array(pix));
      shifted.set(s, out);
    }
    return out;
  };

  const tmp = new Float32Array(pix);
  for (let k = 0; k < nOut; k++) {
    await pause();
    checkAborted(options.signal);
    const o = plan.output[k]!;
    if (o.kind === 'copy') writeSlice(scalars, k * pix, prepared(o.src));
    else writeSlice(scalars, k * pix, blendSlices(prepared(o.lo), prepared(o.hi), o.t, tmp));
  }
  return scalars;
}

/**
 * Builds one volume from the instances of one stack (see groupSeriesStacks).
 *
 * Geometry (planDicomStack): slices sorted by position along the normal (row x column cosine), never
 * by InstanceNumber; spacing from positions, not SliceThickness; identical positions keep the first
 * (by InstanceNumber) with a warning; gantry tilt corrected by shearing each slice in-plane onto an
 * orthogonal grid (bilinear, as dcm2niix); uneven spacing resampled to a uniform grid (linear; step
 * chosen in slice-spacing.ts). Direction/origin are LPS; origin is the first pixel of the first slice.
 *
 * sopInstanceUids[k]: the source instance of output slice k when k is a source slice (also when it
 * was only shifted in-plane for tilt correction: it is still that image's plane, but pixel (i, j) is
 * no longer that image's pixel (i, j); map source pixels through their own ImagePositionPatient);
 * null for slices interpolated between two source slices.
 *
 * Frames come from `loadFrames`, at most `concurrency` instances at a time; a LendingFrameLoader's
 * frames (views of a buffer it reuses) are copied where they must be kept (resampled stacks).
 *
 * Scalars: Int16Array when every decoded frame is Int16Array (interpolated values are rounded),
 * else Float32Array. units 'HU' for CT; invertForDisplay for MONOCHROME1; defaultWindow from the
 * first slice's WindowCenter/WindowWidth.
 */
export async function buildDicomVolume(
  instances: DicomInstance[],
  loadFrames: FrameLoader | LendingFrameLoader,
  options: BuildDicomVolumeOptions = {},
): Promise<Volume> {
  for (const inst of instances) {
    if (inst.samplesPerPixel !== 1) {
      throw new RadGroundError(
        'UNSUPPORTED_INPUT',
        `color images (SamplesPerPixel ${inst.samplesPerPixel}, ${inst.photometricInterpretation}) cannot be built into a grey-scale volume`,
      );
    }
  }
  const plan = planDicomStack(instances);
  checkAborted(options.signal);
  const direct = !plan.shear && plan.output.every((o, k) => o.kind === 'copy' && o.src === k);
  const scalars = direct
    ? await assembleDirect(plan, loadFrames, options)
    : await assembleResampled(plan, loadFrames, options);

  const sopInstanceUids = plan.output.map((o) => (o.kind === 'copy' ? plan.slices[o.src]!.source.instance.sopInstanceUid : null));
  const ref = plan.slices[0]!.source.instance;
  const modality = ref.modality ?? null;
  const window =
    ref.windowCenter != null && ref.windowWidth != null && Number.isFinite(ref.windowCenter) && ref.windowWidth > 0
      ? { center: ref.windowCenter, width: ref.windowWidth }
      : null;

  return {
    scalars,
    dims: plan.dims,
    spacing: plan.spacing,
    origin: plan.origin,
    direction: plan.direction,
    units: modality === 'CT' ? 'HU' : 'raw',
    modality,
    frameOfReferenceUid: ref.frameOfReferenceUid ?? null,
    seriesInstanceUid: ref.seriesInstanceUid ?? null,
    sopInstanceUids,
    invertForDisplay: (ref.photometricInterpretation ?? '').trim().toUpperCase() === 'MONOCHROME1',
    defaultWindow: window,
    warnings: plan.warnings,
  };
}
