/**
 * Region masks on the ORIGINAL grid (RegionMask: per slice k, maximal runs [start, length] over
 * j * dims[0] + i) with the statistics a Region needs, built either from a working-grid label map
 * (nearest working voxel, for anatomy) or from a list of original voxels (findings).
 */
import type { Vec3 } from '../../dicom/dicom-instance';
import type { VolumeScalars } from '../../volume-assembly/volume';
import type { RegionMask } from '../../regions/region';
import type { WorkingGrid } from './working-grid';
import { nearestWorkingIndex } from './working-grid';

export interface MaskStats {
  mask: RegionMask;
  voxels: number;
  min: Vec3;
  max: Vec3;
  /** Mean voxel index. */
  centroidIndex: Vec3;
  meanHu: number;
}

class MaskBuilder {
  private readonly slices: { k: number; runs: number[] }[] = [];
  private runs: number[] = [];
  private k = -1;
  voxels = 0;
  min: Vec3 = [Infinity, Infinity, Infinity];
  max: Vec3 = [-Infinity, -Infinity, -Infinity];
  sum: Vec3 = [0, 0, 0];
  huSum = 0;

  constructor(private readonly dims: Vec3) {}

  /** Adds the run i0..i1 (inclusive) of row j of slice k; calls must come in (k, j, i) order. */
  add(k: number, j: number, i0: number, i1: number, huSum: number): void {
    if (k !== this.k) this.flush(k);
    const start = j * this.dims[0] + i0;
    const len = i1 - i0 + 1;
    const r = this.runs;
    if (r.length && r[r.length - 2]! + r[r.length - 1]! === start) r[r.length - 1]! += len;
    else r.push(start, len);
    this.voxels += len;
    this.huSum += huSum;
    if (i0 < this.min[0]) this.min[0] = i0;
    if (i1 > this.max[0]) this.max[0] = i1;
    if (j < this.min[1]) this.min[1] = j;
    if (j > this.max[1]) this.max[1] = j;
    if (k < this.min[2]) this.min[2] = k;
    if (k > this.max[2]) this.max[2] = k;
    this.sum[0] += ((i0 + i1) / 2) * len;
    this.sum[1] += j * len;
    this.sum[2] += k * len;
  }

  private flush(next: number): void {
    if (this.runs.length) this.slices.push({ k: this.k, runs: this.runs });
    this.runs = [];
    this.k = next;
  }

  finish(): MaskStats | null {
    this.flush(-1);
    if (!this.voxels) return null;
    const n = this.voxels;
    return {
      mask: { dims: [...this.dims] as Vec3, slices: this.slices },
      voxels: n,
      min: this.min,
      max: this.max,
      centroidIndex: [this.sum[0] / n, this.sum[1] / n, this.sum[2] / n],
      meanHu: this.huSum / n,
    };
  }
}

function sumHu(scalars: VolumeScalars, from: number, to: number): number {
  let s = 0;
  for (let p = from; p <= to; p++) s += scalars[p]!;
  return s;
}

/**
 * Original-grid masks of several labels of a working-grid label map at once (`select(label)` gives
 * the output slot of a label, or -1). One pass over the original rows, run by run.
 */
export function masksFromWorkingLabels(
  labels: Uint8Array,
  grid: WorkingGrid,
  scalars: VolumeScalars,
  slots: number,
  select: (label: number, workingK: number) => number,
): (MaskStats | null)[] {
  const [nx, ny, nz] = grid.sourceDims;
  const [mx, my] = grid.dims;
  const wi = nearestWorkingIndex(grid, 0);
  const wj = nearestWorkingIndex(grid, 1);
  const wk = nearestWorkingIndex(grid, 2);
  const builders = Array.from({ length: slots }, () => new MaskBuilder([nx, ny, nz]));
  // Original column range of each working column.
  const first = new Int32Array(mx).fill(-1);
  const last = new Int32Array(mx).fill(-1);
  for (let i = 0; i < nx; i++) {
    const a = wi[i]!;
    if (first[a]! < 0) first[a] = i;
    last[a] = i;
  }
  for (let k = 0; k < nz; k++) {
    const wkk = wk[k]!;
    const wplane = wkk * mx * my;
    for (let j = 0; j < ny; j++) {
      const wrow = wplane + wj[j]! * mx;
      const orow = (k * ny + j) * nx;
      let a = 0;
      while (a < mx) {
        const slot = select(labels[wrow + a]!, wkk);
        let b = a;
        while (b + 1 < mx && select(labels[wrow + b + 1]!, wkk) === slot) b++;
        if (slot >= 0) {
          let i0 = -1;
          let i1 = -1;
          for (let q = a; q <= b; q++) {
            if (first[q]! < 0) continue;
            if (i0 < 0) i0 = first[q]!;
            i1 = last[q]!;
          }
          if (i0 >= 0) builders[slot]!.add(k, j, i0, i1, sumHu(scalars, orow + i0, orow + i1));
        }
        a = b + 1;
      }
    }
  }
  return builders.map((b) => b.finish());
}

/** Mask of a list of original-grid voxels (any order). */
export function maskFromVoxels(voxels: Int32Array, dims: Vec3, scalars: VolumeScalars): MaskStats | null {
  const sorted = Int32Array.from(voxels).sort();
  const [nx, ny] = dims;
  const plane = nx * ny;
  const b = new MaskBuilder(dims);
  let q = 0;
  while (q < sorted.length) {
    let r = q;
    while (r + 1 < sorted.length && sorted[r + 1] === sorted[r]! + 1 && (sorted[r + 1]! % nx) !== 0) r++;
    const p = sorted[q]!;
    const k = Math.floor(p / plane);
    const j = Math.floor((p - k * plane) / nx);
    const i0 = p - k * plane - j * nx;
    b.add(k, j, i0, i0 + (r - q), sumHu(scalars, p, sorted[r]!));
    q = r + 1;
  }
  return b.finish();
}
