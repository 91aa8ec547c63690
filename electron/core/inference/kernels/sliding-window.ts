import type { Dims3 } from './types';

/**
 * Window starts for sliding-window inference over an array of `dims` (each dim >= roi), MONAI
 * style: step = max(1, floor(roi * (1 - overlap))) per axis, the last window flush with the end.
 * Returns the starts as a flat list of [s0, s1, s2] triplets, axis 0 fastest.
 * Self-contained (runs in the inference worker; see README.md).
 */
export function planWindows(dims: Dims3, roi: Dims3, overlap: number): number[] {
  const starts0 = axisStarts(0, dims[0], roi[0], overlap);
  const starts1 = axisStarts(1, dims[1], roi[1], overlap);
  const starts2 = axisStarts(2, dims[2], roi[2], overlap);
  const out: number[] = [];
  for (const s2 of starts2) for (const s1 of starts1) for (const s0 of starts0) out.push(s0, s1, s2);
  return out;
}

/** Window starts along one axis of `n` voxels (see planWindows). */
function axisStarts(a: number, n: number, r: number, overlap: number): number[] {
  if (n < r) throw new Error(`planWindows: axis ${a} has ${n} voxels, fewer than the window's ${r}`);
  const step = Math.max(1, Math.floor(r * (1 - overlap)));
  const count = Math.ceil((n - r) / step) + 1;
  const starts: number[] = [];
  for (let q = 0; q < count; q++) {
    const s = Math.min(q * step, n - r);
    if (starts.length === 0 || starts[starts.length - 1] !== s) starts.push(s);
  }
  return starts;
}

/**
 * Per-voxel weight of a window's output when windows are blended: 1 everywhere ('constant'), or a
 * gaussian centred on the window with sigma = 0.125 * roi on each axis, scaled to a maximum of 1,
 * its smallest values raised to the smallest non-zero one (as MONAI's compute_importance_map).
 * Self-contained (see README.md).
 */
export function importanceMap(roi: Dims3, blending: 'constant' | 'gaussian'): Float32Array {
  const n = roi[0] * roi[1] * roi[2];
  const out = new Float32Array(n);
  if (blending === 'constant') return out.fill(1);
  const g0 = axisGaussian(roi[0]);
  const g1 = axisGaussian(roi[1]);
  const g2 = axisGaussian(roi[2]);
  let max = 0;
  let q = 0;
  for (let z = 0; z < roi[2]; z++) {
    for (let y = 0; y < roi[1]; y++) {
      const gyz = g1[y]! * g2[z]!;
      for (let x = 0; x < roi[0]; x++, q++) {
        const w = g0[x]! * gyz;
        out[q] = w;
        if (w > max) max = w;
      }
    }
  }
  let minNonZero = Infinity;
  for (let p = 0; p < n; p++) {
    const w = out[p]! / max;
    out[p] = w;
    if (w > 0 && w < minNonZero) minNonZero = w;
  }
  for (let p = 0; p < n; p++) if (out[p]! < minNonZero) out[p] = minNonZero;
  return out;
}

/** exp(-(x - c)^2 / (2 sigma^2)) over x in 0..n-1, with c the centre and sigma = 0.125 n (see importanceMap). */
function axisGaussian(n: number): Float64Array {
  const sigma = 0.125 * n;
  const c = (n - 1) / 2;
  const v = new Float64Array(n);
  for (let x = 0; x < n; x++) v[x] = Math.exp(-((x - c) * (x - c)) / (2 * sigma * sigma));
  return v;
}

/**
 * Adds one window's output (`channels` stacked roi arrays in `win` from `winOffset`) times the
 * importance map into the accumulator (`channels` stacked arrays of `dims`) at `start`, and the
 * weights into `weight`. Self-contained (see README.md).
 */
export function accumulateWindow(
  acc: Float32Array,
  weight: Float32Array,
  dims: Dims3,
  channels: number,
  start: Dims3,
  roi: Dims3,
  win: Float32Array,
  winOffset: number,
  importance: Float32Array,
): void {
  const vol = dims[0] * dims[1] * dims[2];
  const rvol = roi[0] * roi[1] * roi[2];
  for (let z = 0; z < roi[2]; z++) {
    for (let y = 0; y < roi[1]; y++) {
      const r = (z * roi[1] + y) * roi[0];
      const g = ((start[2] + z) * dims[1] + start[1] + y) * dims[0] + start[0];
      for (let x = 0; x < roi[0]; x++) weight[g + x]! += importance[r + x]!;
      for (let c = 0; c < channels; c++) {
        const cg = c * vol + g;
        const cw = winOffset + c * rvol + r;
        for (let x = 0; x < roi[0]; x++) acc[cg + x]! += win[cw + x]! * importance[r + x]!;
      }
    }
  }
}

/** acc[c][v] /= weight[v] in place (weight 0 leaves 0). Self-contained (see README.md). */
export function normalizeAccumulator(acc: Float32Array, weight: Float32Array, channels: number): void {
  const vol = weight.length;
  for (let v = 0; v < vol; v++) {
    const w = weight[v]!;
    if (w === 0) continue;
    const inv = 1 / w;
    for (let c = 0; c < channels; c++) acc[c * vol + v]! *= inv;
  }
}
