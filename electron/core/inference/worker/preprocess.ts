/**
 * Inference preprocessing in the worker: volume scalars -> the model's input array, and what each
 * step did so postprocess.ts can undo it (labels land in the volume's own grid).
 */
import { centeredStart, extractBox, foregroundBox } from '../kernels/boxes';
import { permuteAxes } from '../kernels/permute-axes';
import { scaleIntensity } from '../kernels/scale-intensity';
import type { Dims3, NumericArray } from '../kernels/types';
import type { ScalarDtype, SegmentPlan } from './protocol';

/** What preprocessing did, in the order postprocessing undoes it (last first). */
export interface PreprocessSteps {
  /** The volume's grid. */
  gridDims: Dims3;
  /** After reorientation (plan.orient). */
  orientedDims: Dims3;
  /** The foreground box in the oriented grid (plan.cropForeground). */
  foreground: { lo: Dims3; size: Dims3 } | null;
  /** Before the centre crop/pad, and where the pad/crop started. */
  beforeCropPadDims: Dims3;
  cropPadLo: Dims3 | null;
  /** Before the tensor layout permutation. */
  beforeLayoutDims: Dims3;
}

export type Preprocessed =
  /** Nothing above the foreground threshold: the model need not run. */
  | { kind: 'background'; steps: Pick<PreprocessSteps, 'gridDims'> }
  | { kind: 'input'; input: Float32Array; dims: Dims3; steps: PreprocessSteps };

const SCALAR_ARRAYS: Record<ScalarDtype, new (buffer: ArrayBuffer) => NumericArray> = {
  uint8: Uint8Array,
  int8: Int8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  float32: Float32Array,
  float64: Float64Array,
};

export function viewScalars(buffer: ArrayBuffer, dtype: ScalarDtype): NumericArray {
  return new SCALAR_ARRAYS[dtype](buffer);
}

/** Orient, scale intensity, crop to the foreground, centre crop/pad, tensor layout. */
export function preprocess(scalars: NumericArray, gridDims: Dims3, plan: SegmentPlan): Preprocessed {
  let dims: Dims3 = gridDims;
  let raw = scalars;
  if (plan.orient) ({ data: raw, dims } = permuteAxes(raw, dims, plan.orient, 1));
  const orientedDims = dims;
  let f: Float32Array = scaleIntensity(raw, plan.intensity);
  let foreground: { lo: Dims3; size: Dims3 } | null = null;
  if (plan.cropForeground) {
    foreground = foregroundBox(f, dims, plan.cropForeground.threshold, plan.cropForeground.margin);
    if (!foreground) return { kind: 'background', steps: { gridDims } };
    f = extractBox(f, dims, foreground.lo, foreground.size, 1, 0, null, 0);
    dims = foreground.size;
  }
  const beforeCropPadDims = dims;
  let cropPadLo: Dims3 | null = null;
  if (plan.cropPad) {
    const cp = plan.cropPad;
    cropPadLo = [centeredStart(dims[0], cp[0]), centeredStart(dims[1], cp[1]), centeredStart(dims[2], cp[2])];
    f = extractBox(f, dims, cropPadLo, cp, 1, 0, null, 0);
    dims = [cp[0], cp[1], cp[2]];
  }
  const beforeLayoutDims = dims;
  if (plan.layout) ({ data: f, dims } = permuteAxes(f, dims, plan.layout, 1));
  return { kind: 'input', input: f, dims, steps: { gridDims, orientedDims, foreground, beforeCropPadDims, cropPadLo, beforeLayoutDims } };
}
