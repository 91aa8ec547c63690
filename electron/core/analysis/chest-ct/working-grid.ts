/**
 * The working grid: the volume resampled along its own i, j, k axes to WORKING_SPACING_MM (no
 * reorientation, so directions are kept and left/right comes from the direction matrix).
 *
 * Along each axis, working index o sits at original (continuous) index u(o) = offset + o * ratio
 * with ratio = working spacing / original spacing, centred on the original extent. Resampling is
 * separable: linear interpolation when upsampling, a tent filter of half-width `ratio` when
 * downsampling (area-weighted, so thin dense structures are averaged rather than aliased).
 */
import { indexToWorld } from '../../../shared/geometry/grid';
import type { Vec3 } from '../../dicom/dicom-instance';
import type { Mat3, Volume } from '../../volume-assembly/volume';
import { WORKING_SPACING_MM } from './model-contract';

export interface WorkingGrid {
  dims: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: Mat3;
  /** Per axis: original index = offset[a] + working index * ratio[a]. */
  offset: Vec3;
  ratio: Vec3;
  /** Original dims (the grid regions are reported on). */
  sourceDims: Vec3;
}

export function workingGridFor(volume: Pick<Volume, 'dims' | 'spacing' | 'origin' | 'direction'>): WorkingGrid {
  const dims: number[] = [];
  const offset: number[] = [];
  const ratio: number[] = [];
  for (const a of [0, 1, 2] as const) {
    const r = WORKING_SPACING_MM[a] / volume.spacing[a];
    const n = Math.max(1, Math.round((volume.dims[a] * volume.spacing[a]) / WORKING_SPACING_MM[a]));
    dims.push(n);
    ratio.push(r);
    offset.push((volume.dims[a] - 1) / 2 - ((n - 1) / 2) * r);
  }
  const origin = indexToWorld(volume, offset as Vec3);
  return {
    dims: dims as Vec3,
    spacing: [...WORKING_SPACING_MM] as Vec3,
    origin,
    direction: [...volume.direction] as Mat3,
    offset: offset as Vec3,
    ratio: ratio as Vec3,
    sourceDims: [...volume.dims] as Vec3,
  };
}

interface AxisWeights {
  start: Int32Array;
  count: Int32Array;
  /** index of the first weight of output o in `idx`/`w` */
  first: Int32Array;
  idx: Int32Array;
  w: Float32Array;
}

function axisWeights(nIn: number, nOut: number, offset: number, ratio: number): AxisWeights {
  const half = Math.max(1, ratio);
  const start = new Int32Array(nOut);
  const count = new Int32Array(nOut);
  const first = new Int32Array(nOut);
  const idx: number[] = [];
  const w: number[] = [];
  for (let o = 0; o < nOut; o++) {
    const u = offset + o * ratio;
    const lo = Math.ceil(u - half);
    const hi = Math.floor(u + half);
    first[o] = idx.length;
    let sum = 0;
    const from = w.length;
    for (let t = lo; t <= hi; t++) {
      const wt = 1 - Math.abs(t - u) / half;
      if (wt <= 0) continue;
      idx.push(Math.min(nIn - 1, Math.max(0, t)));
      w.push(wt);
      sum += wt;
    }
    if (w.length === from) {
      idx.push(Math.min(nIn - 1, Math.max(0, Math.round(u))));
      w.push(1);
      sum = 1;
    }
    for (let q = from; q < w.length; q++) w[q]! /= sum;
    count[o] = w.length - from;
    start[o] = lo;
  }
  return { start, count, first, idx: Int32Array.from(idx), w: Float32Array.from(w) };
}

/** Resamples the volume's scalars onto the working grid (Float32, same units). */
export function resampleToWorkingGrid(volume: Pick<Volume, 'dims' | 'scalars'>, grid: WorkingGrid): Float32Array {
  const [nx, ny, nz] = volume.dims;
  const [mx, my, mz] = grid.dims;
  const ax = axisWeights(nx, mx, grid.offset[0], grid.ratio[0]);
  const ay = axisWeights(ny, my, grid.offset[1], grid.ratio[1]);
  const az = axisWeights(nz, mz, grid.offset[2], grid.ratio[2]);
  const src = volume.scalars;

  // i pass: [nz][ny][nx] -> [nz][ny][mx]
  const t1 = new Float32Array(nz * ny * mx);
  for (let row = 0; row < nz * ny; row++) {
    const sb = row * nx;
    const db = row * mx;
    for (let o = 0; o < mx; o++) {
      let acc = 0;
      const f = ax.first[o]!;
      for (let q = 0; q < ax.count[o]!; q++) acc += ax.w[f + q]! * src[sb + ax.idx[f + q]!]!;
      t1[db + o] = acc;
    }
  }
  // j pass: [nz][ny][mx] -> [nz][my][mx]
  const t2 = new Float32Array(nz * my * mx);
  for (let k = 0; k < nz; k++) {
    for (let o = 0; o < my; o++) {
      const db = (k * my + o) * mx;
      const f = ay.first[o]!;
      for (let q = 0; q < ay.count[o]!; q++) {
        const wt = ay.w[f + q]!;
        const sb = (k * ny + ay.idx[f + q]!) * mx;
        for (let i = 0; i < mx; i++) t2[db + i]! += wt * t1[sb + i]!;
      }
    }
  }
  // k pass: [nz][my][mx] -> [mz][my][mx]
  const plane = my * mx;
  const out = new Float32Array(mz * plane);
  for (let o = 0; o < mz; o++) {
    const db = o * plane;
    const f = az.first[o]!;
    for (let q = 0; q < az.count[o]!; q++) {
      const wt = az.w[f + q]!;
      const sb = az.idx[f + q]! * plane;
      for (let p = 0; p < plane; p++) out[db + p]! += wt * t2[sb + p]!;
    }
  }
  return out;
}

/** For each original index along axis a, the nearest working index. */
export function nearestWorkingIndex(grid: WorkingGrid, axis: 0 | 1 | 2): Int32Array {
  const n = grid.sourceDims[axis];
  const m = grid.dims[axis];
  const out = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    const o = Math.round((t - grid.offset[axis]) / grid.ratio[axis]);
    out[t] = o < 0 ? 0 : o >= m ? m - 1 : o;
  }
  return out;
}
