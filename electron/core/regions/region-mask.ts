import type { Vec3 } from '../dicom/dicom-instance';
import type { RegionMask } from './region';

/**
 * RegionMask from voxel indices (k * dims[0] * dims[1] + j * dims[0] + i) sorted ascending and
 * without duplicates: per slice k, runs [start, length] over the in-slice index j * dims[0] + i.
 */
export function maskFromSortedIndices(indices: ArrayLike<number>, dims: Vec3): RegionMask {
  const area = dims[0] * dims[1];
  const slices: RegionMask['slices'] = [];
  let current: { k: number; runs: number[] } | null = null;
  let runStart = -1;
  let runEnd = -1; // exclusive
  const flush = (): void => {
    if (current && runStart >= 0) current.runs.push(runStart, runEnd - runStart);
    runStart = -1;
  };
  for (let n = 0; n < indices.length; n++) {
    const v = indices[n]!;
    const k = Math.floor(v / area);
    const p = v - k * area;
    if (!current || current.k !== k) {
      flush();
      current = { k, runs: [] };
      slices.push(current);
    }
    if (runStart >= 0 && p === runEnd) {
      runEnd++;
    } else {
      flush();
      runStart = p;
      runEnd = p + 1;
    }
  }
  flush();
  return { dims: [dims[0], dims[1], dims[2]], slices };
}

/** Voxel indices of a mask, ascending. */
export function maskToIndices(mask: RegionMask): Int32Array {
  const area = mask.dims[0] * mask.dims[1];
  const out = new Int32Array(maskVoxelCount(mask));
  let n = 0;
  for (const s of mask.slices) {
    const base = s.k * area;
    for (let r = 0; r < s.runs.length; r += 2) {
      const start = base + s.runs[r]!;
      const len = s.runs[r + 1]!;
      for (let q = 0; q < len; q++) out[n++] = start + q;
    }
  }
  return out;
}

export function maskVoxelCount(mask: RegionMask): number {
  let n = 0;
  for (const s of mask.slices) for (let r = 1; r < s.runs.length; r += 2) n += s.runs[r]!;
  return n;
}

/** Paints a mask into a label map of the mask's dims. */
export function paintMask(mask: RegionMask, target: Uint8Array, value: number): void {
  const area = mask.dims[0] * mask.dims[1];
  for (const s of mask.slices) {
    for (let r = 0; r < s.runs.length; r += 2) {
      const start = s.k * area + s.runs[r]!;
      target.fill(value, start, start + s.runs[r + 1]!);
    }
  }
}
