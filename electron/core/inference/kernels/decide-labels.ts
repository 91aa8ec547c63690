/**
 * Output scores (`channels` stacked arrays of `vol` voxels, channel-major as ONNX NCDHW) -> labels.
 * Self-contained (run in the inference worker; see README.md).
 */

/** Winning channel per voxel (ties go to the lower channel). */
export function argmaxLabels(scores: Float32Array, channels: number, vol: number): Uint8Array {
  if (channels > 256) throw new Error(`argmaxLabels: ${channels} channels do not fit in uint8 labels`);
  const out = new Uint8Array(vol);
  if (channels < 2) return out;
  const best = scores.slice(0, vol);
  for (let c = 1; c < channels; c++) {
    const b = c * vol;
    for (let v = 0; v < vol; v++) {
      const s = scores[b + v]!;
      if (s > best[v]!) {
        best[v] = s;
        out[v] = c;
      }
    }
  }
  return out;
}

/** 1 + the most probable channel whose sigmoid reaches `threshold`; 0 where none does. */
export function sigmoidLabels(scores: Float32Array, channels: number, vol: number, threshold: number): Uint8Array {
  if (channels > 255) throw new Error(`sigmoidLabels: ${channels} channels do not fit in uint8 labels`);
  const out = new Uint8Array(vol);
  // sigmoid(s) >= t  <=>  s >= logit(t); sigmoid is monotonic, so compare logits.
  const cut = Math.log(threshold / (1 - threshold));
  const best = new Float32Array(vol).fill(-Infinity);
  for (let c = 0; c < channels; c++) {
    const b = c * vol;
    for (let v = 0; v < vol; v++) {
      const s = scores[b + v]!;
      if (s >= cut && s > best[v]!) {
        best[v] = s;
        out[v] = c + 1;
      }
    }
  }
  return out;
}

/** Softmax over channels, in place. */
export function softmaxInPlace(scores: Float32Array, channels: number, vol: number): void {
  for (let v = 0; v < vol; v++) {
    let max = -Infinity;
    for (let c = 0; c < channels; c++) if (scores[c * vol + v]! > max) max = scores[c * vol + v]!;
    let sum = 0;
    for (let c = 0; c < channels; c++) {
      const e = Math.exp(scores[c * vol + v]! - max);
      scores[c * vol + v] = e;
      sum += e;
    }
    for (let c = 0; c < channels; c++) scores[c * vol + v]! /= sum;
  }
}

/** Logistic sigmoid, in place. */
export function sigmoidInPlace(scores: Float32Array): void {
  for (let q = 0; q < scores.length; q++) scores[q] = 1 / (1 + Math.exp(-scores[q]!));
}
