import type { Mat3 } from './mat3';
import { mat3Inverse, mat3MulVec, mat3ScaleColumns } from './mat3';
import type { Vec3 } from './vec3';

/**
 * Index <-> world (patient LPS, mm) conversions for a Volume-like grid.
 *
 *   world = origin + direction * diag(spacing) * [i, j, k]
 *
 * `direction` is column-major (column 0 = unit vector of the i axis, see volumes/volume.ts).
 * Integer indices are voxel CENTRES: voxel (i, j, k) covers the index-space cube
 * [i - 0.5, i + 0.5] x [j - 0.5, j + 0.5] x [k - 0.5, k + 0.5].
 */
export interface VolumeGeometry {
  dims: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: Mat3;
}

/** An axis-aligned box in world (LPS) coordinates, mm. */
export interface WorldBox {
  min: Vec3;
  max: Vec3;
}

/** A box of voxels, INCLUSIVE integer indices on each axis (min <= max). */
export interface VoxelBox {
  min: Vec3;
  max: Vec3;
}

/** direction * diag(spacing): maps index offsets to world offsets. */
export function indexToWorldMatrix(g: Pick<VolumeGeometry, 'spacing' | 'direction'>): Mat3 {
  return mat3ScaleColumns(g.direction, g.spacing);
}

export function indexToWorld(g: Pick<VolumeGeometry, 'spacing' | 'direction' | 'origin'>, ijk: Vec3): Vec3 {
  const d = mat3MulVec(indexToWorldMatrix(g), ijk);
  return [g.origin[0] + d[0], g.origin[1] + d[1], g.origin[2] + d[2]];
}

/**
 * Continuous (fractional) index of a world point. Works for non-orthogonal directions too (general
 * inverse). Throws when the geometry is degenerate (zero spacing or collinear axes).
 */
export function worldToIndex(g: Pick<VolumeGeometry, 'spacing' | 'direction' | 'origin'>, xyz: Vec3): Vec3 {
  const inv = mat3Inverse(indexToWorldMatrix(g));
  if (!inv) throw new Error('worldToIndex: degenerate volume geometry (singular index-to-world matrix)');
  return mat3MulVec(inv, [xyz[0] - g.origin[0], xyz[1] - g.origin[1], xyz[2] - g.origin[2]]);
}

/** Rounds a continuous index to the nearest voxel centre. */
export function nearestVoxel(ijk: Vec3): Vec3 {
  return [Math.round(ijk[0]), Math.round(ijk[1]), Math.round(ijk[2])];
}

export function isInsideVolume(g: Pick<VolumeGeometry, 'dims'>, ijk: Vec3): boolean {
  for (let a = 0; a < 3; a++) {
    if (!(ijk[a] >= -0.5 && ijk[a] <= g.dims[a] - 0.5)) return false;
  }
  return true;
}

function corners(min: Vec3, max: Vec3): Vec3[] {
  const out: Vec3[] = [];
  for (let c = 0; c < 8; c++) {
    out.push([c & 1 ? max[0] : min[0], c & 2 ? max[1] : min[1], c & 4 ? max[2] : min[2]]);
  }
  return out;
}

function boundsOf(points: Vec3[]): { min: Vec3; max: Vec3 } {
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const p of points) {
    for (let a = 0; a < 3; a++) {
      if (p[a] < min[a]) min[a] = p[a];
      if (p[a] > max[a]) max[a] = p[a];
    }
  }
  return { min, max };
}

/**
 * World-axis-aligned box enclosing a voxel box, voxel EDGES included: the 8 corners of the index
 * cube [min - 0.5, max + 0.5] are mapped to world and their bounds returned. For oblique directions
 * the world box is the enclosing box of the rotated voxel block (so it is larger than the block).
 */
export function voxelBoxToWorldBox(g: Pick<VolumeGeometry, 'spacing' | 'direction' | 'origin'>, box: VoxelBox): WorldBox {
  const lo: Vec3 = [box.min[0] - 0.5, box.min[1] - 0.5, box.min[2] - 0.5];
  const hi: Vec3 = [box.max[0] + 0.5, box.max[1] + 0.5, box.max[2] + 0.5];
  return boundsOf(corners(lo, hi).map((c) => indexToWorld(g, c)));
}

/**
 * The voxels whose cubes intersect a world box: the 8 world corners are mapped to continuous index,
 * and every voxel whose extent [i - 0.5, i + 0.5] overlaps the index-space bounds is included
 * (1e-6 voxel tolerance so that exact voxel edges do not pull in the neighbour).
 * Clamped to the volume; null when the box misses the volume entirely.
 * Round trip: worldBoxToVoxelBox(voxelBoxToWorldBox(b)) === b for axis-aligned directions, and a
 * superset of b for oblique ones.
 */
export function worldBoxToVoxelBox(g: VolumeGeometry, box: WorldBox): VoxelBox | null {
  const idx = boundsOf(corners(box.min, box.max).map((c) => worldToIndex(g, c)));
  const eps = 1e-6;
  const min: Vec3 = [0, 0, 0];
  const max: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    let lo = Math.floor(idx.min[a] + 0.5 + eps);
    let hi = Math.ceil(idx.max[a] - 0.5 - eps);
    if (hi < lo) {
      // Box thinner than the tolerance and sitting on a voxel edge: take the voxel of its centre.
      lo = hi = Math.floor((idx.min[a] + idx.max[a]) / 2 + 0.5);
    }
    const cl = Math.max(0, lo);
    const ch = Math.min(g.dims[a] - 1, hi);
    if (cl > ch) return null;
    min[a] = cl;
    max[a] = ch;
  }
  return { min, max };
}

/** DICOM LPS -> NIfTI/ITK-SNAP-style RAS (negate x and y). */
export function lpsToRas(p: Vec3): Vec3 {
  return [-p[0], -p[1], p[2]];
}

/** RAS -> LPS (negate x and y; the map is its own inverse). */
export function rasToLps(p: Vec3): Vec3 {
  return [-p[0], -p[1], p[2]];
}
