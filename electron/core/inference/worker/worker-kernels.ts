import { centeredStart, extractBox, foregroundBox, insertBox } from '../kernels/boxes';
import { argmaxLabels, sigmoidInPlace, sigmoidLabels, softmaxInPlace } from '../kernels/decide-labels';
import { invertPermutation, permuteAxes } from '../kernels/permute-axes';
import { scaleIntensity } from '../kernels/scale-intensity';
import { accumulateWindow, importanceMap, normalizeAccumulator, planWindows } from '../kernels/sliding-window';

/** Every kernel the worker calls, by name. Each is self-contained (see kernels/README.md). */
export const workerKernels = {
  permuteAxes,
  invertPermutation,
  scaleIntensity,
  extractBox,
  insertBox,
  foregroundBox,
  centeredStart,
  planWindows,
  importanceMap,
  accumulateWindow,
  normalizeAccumulator,
  argmaxLabels,
  sigmoidLabels,
  softmaxInPlace,
  sigmoidInPlace,
};

export type WorkerKernels = typeof workerKernels;
