/**
 * Voxel bounding boxes on a [nx, ny, nz] grid (i fastest), shared by the analysis, the mask
 * operations and the inference preprocessing: of a mask, of one label of a label volume or of the
 * voxels above a threshold (a slice is the grid [nx, ny, 1] over that slice's subarray), of a list
 * of voxel indices, and growing a box inside the grid.
 * One pass over the voxels, no allocation per voxel.
 */
import type { Vec3 } from '../../shared/math/vec3';

/** Inclusive voxel bounds: lo[a] <= index[a] <= hi[a] on each axis. */
export interface VoxelBox {
  lo: Vec3;
  hi: Vec3;
}

/** Which voxels a box bounds: those equal to `equals`, or those above `above` (NaN never is). */
export type VoxelTest = { equals: number } | { above: number };

/**
 * Bounding box of the voxels of `values` that are non-zero (no `test`) or pass `test`; null when
 * there are none. Each row is scanned from its start to its first hit and from its end back to its
 * last hit, so no voxel is read twice.
 */
export function boundingBox(values: ArrayLike<number>, dims: Vec3, test?: VoxelTest): VoxelBox | null {
  const [nx, ny, nz] = dims;
  const mode = test === undefined ? 0 : 'equals' in test ? 1 : 2;
  const ref = test === undefined ? 0 : 'equals' in test ? test.equals : test.above;
  let i0 = nx, i1 = -1, j0 = ny, j1 = -1, k0 = nz, k1 = -1;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = (k * ny + j) * nx;
      const end = row + nx;
      let a = row;
      if (mode === 0) while (a < end && !values[a]) a++;
      else if (mode === 1) while (a < end && values[a] !== ref) a++;
      else while (a < end && !(values[a]! > ref)) a++;
      if (a === end) continue;
      let b = end - 1;
      if (mode === 0) while (b > a && !values[b]) b--;
      else if (mode === 1) while (b > a && values[b] !== ref) b--;
      else while (b > a && !(values[b]! > ref)) b--;
      if (a - row < i0) i0 = a - row;
      if (b - row > i1) i1 = b - row;
      if (j < j0) j0 = j;
      if (j > j1) j1 = j;
      if (k < k0) k0 = k;
      k1 = k;
    }
  }
  return i1 < 0 ? null : { lo: [i0, j0, k0], hi: [i1, j1, k1] };
}

/** Bounding box of the linear voxel indices `voxels` on a grid of `dims`; null for an empty list. */
export function boundingBoxOfVoxels(voxels: Int32Array, dims: Vec3): VoxelBox | null {
  const [nx, ny] = dims;
  const plane = nx * ny;
  let i0 = Infinity, i1 = -Infinity, j0 = Infinity, j1 = -Infinity, k0 = Infinity, k1 = -Infinity;
  for (const p of voxels) {
    const k = Math.floor(p / plane);
    const j = Math.floor((p - k * plane) / nx);
    const i = p - k * plane - j * nx;
    if (i < i0) i0 = i;
    if (i > i1) i1 = i;
    if (j < j0) j0 = j;
    if (j > j1) j1 = j;
    if (k < k0) k0 = k;
    if (k > k1) k1 = k;
  }
  return voxels.length ? { lo: [i0, j0, k0], hi: [i1, j1, k1] } : null;
}

/** `box` grown by `by[a]` voxels on each side of axis a, clamped to the grid of `dims`. */
export function growBox(box: VoxelBox, by: readonly [number, number, number], dims: Vec3): VoxelBox {
  const { lo, hi } = box;
  return {
    lo: [Math.max(0, lo[0] - by[0]), Math.max(0, lo[1] - by[1]), Math.max(0, lo[2] - by[2])],
    hi: [Math.min(dims[0] - 1, hi[0] + by[0]), Math.min(dims[1] - 1, hi[1] + by[1]), Math.min(dims[2] - 1, hi[2] + by[2])],
  };
}

/** Voxels along each axis of `box`. */
export function boxDims(box: VoxelBox): Vec3 {
  return [box.hi[0] - box.lo[0] + 1, box.hi[1] - box.lo[1] + 1, box.hi[2] - box.lo[2] + 1];
}
