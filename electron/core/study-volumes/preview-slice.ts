import { readModalityFrames } from '../dicom';
import { planDicomStack, type SeriesStack, type StackPlan } from '../volume-assembly';
import { robustRange } from './series-thumbnail';

export interface PreviewSlice {
  /** The output slice shown (index along the volume's k axis). */
  k: number;
  rows: number;
  columns: number;
  pixels: Int16Array | Float32Array;
  /** 1st–99th percentile window of the slice. */
  window: { center: number; width: number };
}

/** The slice the viewer opens on: the middle voxel's, as the viewer's `centerVoxel` rounds it. */
export function middleSlice(depth: number): number {
  return Math.round((depth - 1) / 2);
}

/**
 * One decoded slice of a stack, for a first image before the volume is built: the acquired image
 * at output slice k, or the nearest acquired one where k was interpolated. Decodes that image only
 * (headers give the geometry), so it answers in tens of milliseconds whatever the series' length.
 */
export async function readPreviewSlice(stack: SeriesStack, k?: number, plan: StackPlan = planDicomStack(stack.instances)): Promise<PreviewSlice> {
  const depth = plan.output.length;
  const wanted = Math.min(depth - 1, Math.max(0, k ?? middleSlice(depth)));
  const src = nearestAcquired(plan, wanted);
  const source = plan.slices[src]!.source;
  const pixels = (await readModalityFrames(source.instance))[source.frameIndex]!;
  return { k: wanted, rows: plan.rows, columns: plan.cols, pixels, window: percentileWindow(pixels) };
}

function nearestAcquired(plan: StackPlan, k: number): number {
  for (let d = 0; d < plan.output.length; d++) {
    for (const c of [k - d, k + d]) {
      const o = plan.output[c];
      if (o?.kind === 'copy') return o.src;
    }
  }
  const o = plan.output[k]!;
  return o.kind === 'copy' ? o.src : o.t < 0.5 ? o.lo : o.hi;
}

function percentileWindow(values: ArrayLike<number>): { center: number; width: number } {
  const [lo, hi] = robustRange(values, 8192);
  return { center: (lo + hi) / 2, width: hi - lo };
}
