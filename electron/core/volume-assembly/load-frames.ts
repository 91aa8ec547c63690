import type { DicomInstance } from '../dicom/dicom-instance';
import { RadGroundError } from '../errors/radground-error';
import type { StackPlan } from './stack-plan';

/** Decodes all frames of one instance (rows*cols each, column index fastest, rescale applied). */
export type FrameLoader = (instance: DicomInstance) => Promise<(Int16Array | Float32Array)[]>;

/**
 * Like a FrameLoader, but the frames are lent: `lane` numbers the loads in progress at once
 * (0..concurrency-1), one lane's loads come one after the other, and the frames of a load are views
 * of one buffer per lane, valid until that lane's next load (the volume build copies what it keeps).
 */
export interface LendingFrameLoader {
  lend(instance: DicomInstance, lane: number): Promise<(Int16Array | Float32Array)[]>;
}

export type Frame = Int16Array | Float32Array;

export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RadGroundError('CANCELLED', 'volume build cancelled');
}

/**
 * Calls loadFrames for every instance, at most `concurrency` at a time (lanes 0..concurrency-1),
 * handing each result to `onLoaded` as soon as it arrives (so callers can consume and drop frames).
 * Stops starting new loads after the first failure or abort.
 */
export async function forEachLoaded(
  instances: DicomInstance[],
  loadFrames: (instance: DicomInstance, lane: number) => Promise<Frame[]>,
  concurrency: number,
  signal: AbortSignal | undefined,
  onLoaded: (instance: DicomInstance, frames: Frame[]) => void,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (lane: number) => {
    while (!failed && next < instances.length) {
      checkAborted(signal);
      const inst = instances[next++]!; // next < instances.length was checked just above, with no await between
      try {
        const frames = await loadFrames(inst, lane);
        if (!Array.isArray(frames)) {
          throw new RadGroundError('CORRUPT_INPUT', `no pixel data decoded for ${inst.sopInstanceUid}`);
        }
        checkAborted(signal);
        onLoaded(inst, frames);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const n = Math.max(1, Math.min(Math.floor(concurrency) || 1, instances.length));
  await Promise.all(Array.from({ length: n }, (_, lane) => worker(lane)));
}

/** Frame `frameIndex` of a decoded instance, validated against the plan's image size. */
export function validatedFrame(plan: StackPlan, instance: DicomInstance, frames: Frame[], frameIndex: number): Frame {
  const f = frames[frameIndex];
  if (!f) {
    throw new RadGroundError(
      'CORRUPT_INPUT',
      `instance ${instance.sopInstanceUid} decoded to ${frames.length} frame(s); frame ${frameIndex + 1} is missing`,
    );
  }
  if (!(f instanceof Int16Array || f instanceof Float32Array)) {
    throw new RadGroundError('CORRUPT_INPUT', `frame of ${instance.sopInstanceUid} is not Int16Array/Float32Array`);
  }
  if (f.length !== plan.rows * plan.cols) {
    throw new RadGroundError(
      'CORRUPT_INPUT',
      `frame of ${instance.sopInstanceUid} has ${f.length} pixels, expected ${plan.rows}x${plan.cols}`,
    );
  }
  return f;
}
