import { scalarRange } from '../../shared/imaging/voxel-arrays';
import { isEncapsulatedTransferSyntax } from '../dicom/dataset/transfer-syntax';
import type { DicomInstance } from '../dicom/dicom-instance';
import { byLane, slicesByInstance } from './build-dicom-volume';
import { forEachLoaded, validatedFrame, type Frame, type FrameLoader, type LendingFrameLoader } from './load-frames';
import { writeSlice } from './slice-resample';
import { planDicomStack, type StackPlan } from './stack-plan';

/**
 * Slices of a volume decoded chunk by chunk, without the whole volume in memory: for a plain stack
 * only (no gantry-tilt shear, no resampling: output slice k is source slice k, native pixel data), where buildDicomVolume
 * writes each decoded frame straight into its slice (assembleDirect). What the whole volume's
 * answer needs besides the slices (its voxel type, its scalar range) comes from one pass over every
 * frame (scanDirectStack) that keeps nothing but those.
 */

/**
 * The stack's plan when its volume is a plain copy of its grey slices with native (uncompressed)
 * pixel data; null otherwise (tilted, resampled, color, compressed). Streaming decodes every frame
 * twice (the scan, then its chunk): for native pixel data that is a file read and a rescale, for a
 * compressed one it would double the decoding time, so those stacks are built whole.
 */
export function streamableStackPlan(instances: DicomInstance[]): StackPlan | null {
  if (instances.some((i) => i.samplesPerPixel !== 1 || isEncapsulatedTransferSyntax(i.transferSyntaxUid))) return null;
  const plan = planDicomStack(instances);
  return !plan.shear && plan.output.every((o, k) => o.kind === 'copy' && o.src === k) ? plan : null;
}

export interface DirectStackScan {
  /** The voxel type buildDicomVolume gives: int16 when every frame decodes to Int16Array. */
  dataType: 'int16' | 'float32';
  /** scalarRange of the whole volume's voxels. */
  scalarRange: [number, number];
}

/** Decodes every frame of the plan once, keeping only the volume's voxel type and scalar range. */
export async function scanDirectStack(plan: StackPlan, loadFrames: FrameLoader | LendingFrameLoader, concurrency = 4): Promise<DirectStackScan> {
  const bySource = slicesByInstance(plan);
  let int16 = true;
  let min = Infinity;
  let max = -Infinity;
  await forEachLoaded([...bySource.keys()], byLane(loadFrames), concurrency, undefined, (inst, frames) => {
    for (const s of bySource.get(inst) ?? []) {
      const frame = validatedFrame(plan, inst, frames, plan.slices[s]!.source.frameIndex);
      if (frame instanceof Float32Array) int16 = false;
      const [lo, hi] = scalarRange(frame);
      if (lo < min) min = lo;
      if (hi > max) max = hi;
    }
  });
  return { dataType: int16 ? 'int16' : 'float32', scalarRange: plan.slices.length && plan.rows * plan.cols ? [min, max] : [0, 0] };
}

/** Output slices [first, first + out.length / (rows * cols)) of a plain stack, decoded into `out` (of the volume's voxel type). */
export async function assembleDirectSlices(plan: StackPlan, loadFrames: FrameLoader | LendingFrameLoader, out: Frame, first: number, concurrency = 4): Promise<void> {
  const pix = plan.rows * plan.cols;
  const bySource = slicesByInstance(plan, first, first + out.length / pix);
  await forEachLoaded([...bySource.keys()], byLane(loadFrames), concurrency, undefined, (inst, frames) => {
    for (const s of bySource.get(inst) ?? []) writeSlice(out, (s - first) * pix, validatedFrame(plan, inst, frames, plan.slices[s]!.source.frameIndex));
  });
}
