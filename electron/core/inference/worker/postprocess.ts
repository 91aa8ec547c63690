/** Inference postprocessing in the worker: scores -> labels (and probabilities), back in the volume's grid. */
import { insertBox } from '../kernels/boxes';
import { argmaxLabels, sigmoidInPlace, sigmoidLabels, softmaxInPlace } from '../kernels/decide-labels';
import { invertPermutation, permuteAxes } from '../kernels/permute-axes';
import type { Dims3 } from '../kernels/types';
import type { PreprocessSteps } from './preprocess';
import type { SegmentPlan } from './protocol';

export interface Decided {
  labels: Uint8Array;
  probabilities: Float32Array | null;
}

/** Labels and probabilities when nothing was above the foreground threshold: certain background. */
export function backgroundResult(gridDims: Dims3, plan: SegmentPlan): Decided {
  const labels = new Uint8Array(gridDims[0] * gridDims[1] * gridDims[2]);
  const probabilities = plan.returnProbabilities ? new Float32Array(labels.length * plan.channels) : null;
  if (probabilities && plan.decision.kind === 'argmax') probabilities.fill(1, 0, labels.length);
  return { labels, probabilities };
}

/** Argmax or sigmoid threshold, then the inverse of every preprocessing step (layout, crop/pad, foreground, orientation). */
export function postprocess(scores: Float32Array, channels: number, plan: SegmentPlan, steps: PreprocessSteps): Decided {
  let dims = steps.beforeLayoutDims;
  const vol = dims[0] * dims[1] * dims[2];
  let labels: Uint8Array = plan.decision.kind === 'argmax' ? argmaxLabels(scores, channels, vol) : sigmoidLabels(scores, channels, vol, plan.decision.threshold);
  let probs: Float32Array | null = null;
  if (plan.returnProbabilities) {
    probs = scores;
    if (plan.decision.kind === 'argmax') softmaxInPlace(probs, channels, vol);
    else sigmoidInPlace(probs);
  }
  if (plan.layout) {
    const inv = invertPermutation(plan.layout);
    const layoutDims: Dims3 = [dims[plan.layout.perm[0]]!, dims[plan.layout.perm[1]]!, dims[plan.layout.perm[2]]!];
    labels = permuteAxes(labels, layoutDims, inv, 1).data;
    if (probs) probs = permuteAxes(probs, layoutDims, inv, channels).data;
  }
  if (steps.cropPadLo) {
    labels = insertBox(labels, dims, steps.beforeCropPadDims, steps.cropPadLo, 1, 0);
    if (probs) probs = insertBox(probs, dims, steps.beforeCropPadDims, steps.cropPadLo, channels, 0);
    dims = steps.beforeCropPadDims;
  }
  const fg = steps.foreground;
  if (fg) {
    const oriented = steps.orientedDims;
    labels = insertBox(labels, dims, oriented, fg.lo, 1, 0);
    if (probs) {
      probs = insertBox(probs, dims, oriented, fg.lo, channels, 0);
      // Outside the processed box: certain background.
      if (plan.decision.kind === 'argmax') {
        const ov = oriented[0] * oriented[1] * oriented[2];
        const inside = insertBox(new Uint8Array(dims[0] * dims[1] * dims[2]).fill(1), dims, oriented, fg.lo, 1, 0);
        for (let v = 0; v < ov; v++) if (!inside[v]) probs[v] = 1;
      }
    }
    dims = oriented;
  }
  if (plan.orient) {
    const inv = invertPermutation(plan.orient);
    labels = permuteAxes(labels, dims, inv, 1).data;
    if (probs) probs = permuteAxes(probs, dims, inv, channels).data;
  }
  return { labels, probabilities: probs };
}
