import type { Dims3 } from './types';

/**
 * Window starts for sliding-window inference over an array of `dims` (each dim >= roi), MONAI
 * style: step = max(1, floor(roi * (1 - overlap))) per axis, the last window flush with the end.
 * Returns the starts as a flat list of [s0, s1, s2] triplets, axis 0 fastest.
 * Self-contained (runs in the inference worker; see README.md).
 */
export function planWindows(dims: Dims3, roi: Dims3, overlap: number): number[] {
  const perAxis: number[][] = [];
  for (let a = 0; a < 3; a++) {
    if (dims[a] < roi[a]) throw new Error(`planWindows: axis ${a} has ${dims[a]} voxels, fewer than the window's ${roi[a]}`);
    const step = Math.max(1, Math.floor(roi[a] * (1 - overlap)));
    const count = Math.ceil((dims[a] - roi[a]) / step) + 1;
    const starts: number[] = [];
    for (let q = 0; q < count; q++) {
      const s = Math.min(q * step, dims[a] - roi[a]);
      if (starts.length === 0 || starts[starts.length - 1] !== s) starts.push(s);
    }
    perAxis.push(starts);
  }
  const out: number[] = [];
  for (const s2 of perAxis[2]) for (const s1 of perAxis[1]) for (const s0 of perAxis[0]) out.push(s0, s1, s2);
  return out;
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
  const g: Float64Array[] = [];
  for (let a = 0; a < 3; a++) {
    const sigma = 0.125 * roi[a];
    const c = (roi[a] - 1) / 2;
    const v = new Float64Array(roi[a]);
    for (let x = 0; x < roi[a]; x++) v[x] = Math.exp(-((x - c) * (x - c)) / (2 * sigma * sigma));
    g.push(v);
  }
  let max = 0;
  let q = 0;
  for (let z = 0; z < roi[2]; z++) {
    for (let y = 0; y < roi[1]; y++) {
      const gyz = g[1][y] * g[2][z];
      for (let x = 0; x < roi[0]; x++, q++) {
        const w = g[0][x] * gyz;
        out[q] = w;
        if (w > max) max = w;
      }
    }
  }
  let minNonZero = Infinity;
  for (let p = 0; p < n; p++) {
    const w = out[p] / max;
    out[p] = w;
    if (w > 0 && w < minNonZero) minNonZero = w;
  }
  for (let p = 0; p < n; p++) if (out[p] < minNonZero) out[p] = minNonZero;
  return out;
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
      for (let x = 0; x < roi[0]; x++) weight[g + x] += importance[r + x];
      for (let c = 0; c < channels; c++) {
        const cg = c * vol + g;
        const cw = winOffset + c * rvol + r;
        for (let x = 0; x < roi[0]; x++) acc[cg + x] += win[cw + x] * importance[r + x];
      }
    }
  }
}

/** acc[c][v] /= weight[v] in place (weight 0 leaves 0). Self-contained (see README.md). */
export function normalizeAccumulator(acc: Float32Array, weight: Float32Array, channels: number): void {
  const vol = weight.length;
  for (let v = 0; v < vol; v++) {
    const w = weight[v];
    if (w === 0) continue;
    const inv = 1 / w;
    for (let c = 0; c < channels; c++) acc[c * vol + v] *= inv;
  }
}
