import type { IntensitySpec } from '../pack-manifest';
import type { NumericArray } from './types';

/**
 * Volume scalars -> float32 model input: window (clip to [c - w/2, c + w/2], scale to 0..1),
 * minmax over the WHOLE array (0 everywhere for a constant array), v * slope + intercept, or a
 * plain copy. Self-contained (runs in the inference worker; see README.md).
 */
export function scaleIntensity(src: NumericArray, spec: IntensitySpec): Float32Array {
  const n = src.length;
  const out = new Float32Array(n);
  if (spec.kind === 'window') {
    const lo = spec.center - spec.width / 2;
    const inv = 1 / spec.width;
    for (let q = 0; q < n; q++) {
      const v = (src[q]! - lo) * inv;
      out[q] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  } else if (spec.kind === 'minmax') {
    let mn = Infinity;
    let mx = -Infinity;
    for (let q = 0; q < n; q++) {
      const v = src[q]!;
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
    if (mx > mn) {
      const inv = 1 / (mx - mn);
      for (let q = 0; q < n; q++) out[q] = (src[q]! - mn) * inv;
    }
  } else if (spec.kind === 'scale') {
    for (let q = 0; q < n; q++) out[q] = src[q]! * spec.slope + spec.intercept;
  } else {
    for (let q = 0; q < n; q++) out[q] = src[q]!;
  }
  return out;
}
