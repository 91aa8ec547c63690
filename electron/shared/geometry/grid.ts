import type { VolumeGeometry } from '../api/channels/study-channels';
import { mat3Column, mat3Inverse, mat3MulVec, mat3ScaleColumns, type Mat3 } from '../math/mat3';
import { dot, norm, type Vec3 } from '../math/vec3';

/**
 * The grid of a volume and index <-> world (patient LPS, mm), for the core and the renderer alike.
 *
 *   world = origin + direction * diag(spacing) * [i, j, k]
 *
 * `direction` is column-major (electron/shared/math/README.md): elements 0..2 are the unit vector of
 * the i axis, 3..5 of j, 6..8 of k, as in Volume.direction and vtkImageData.setDirection.
 * Integer indices are voxel CENTRES: voxel (i, j, k) covers the index-space cube
 * [i - 0.5, i + 0.5] x [j - 0.5, j + 0.5] x [k - 0.5, k + 0.5].
 */
export type GridGeometry = Pick<VolumeGeometry, 'dims' | 'spacing' | 'origin' | 'direction'>;

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

type Frame = Pick<GridGeometry, 'spacing' | 'direction' | 'origin'>;

/** The direction as a Mat3; throws a RangeError unless it has 9 elements. */
export function directionMatrix(direction: readonly number[]): Mat3 {
  if (direction.length !== 9) throw new RangeError(`a direction matrix has 9 elements, not ${direction.length}`);
  return direction as Mat3;
}

/** Unit vector of index axis `axis` (column `axis` of the direction). */
export function axisDirection(g: { readonly direction: readonly number[] }, axis: 0 | 1 | 2): Vec3 {
  return mat3Column(directionMatrix(g.direction), axis);
}

const AXIS_PERMUTATIONS: readonly (readonly [0 | 1 | 2, 0 | 1 | 2, 0 | 1 | 2])[] = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

/**
 * Which index axis goes with each of three target directions: the assignment (a permutation, so two
 * targets never share an axis) maximising the total |alignment| sum over t of
 * |axisDirection(perm[t]) . targets[t]|; among equal scores (within 1e-9) the first permutation in
 * lexicographic order wins. Exact for axis-aligned grids; oblique ones get the nearest assignment.
 */
export function closestAxisAssignment(direction: readonly number[], targets: readonly [Vec3, Vec3, Vec3]): [0 | 1 | 2, 0 | 1 | 2, 0 | 1 | 2] {
  const g = { direction };
  let best = AXIS_PERMUTATIONS[0]!;
  let bestScore = -Infinity;
  for (const perm of AXIS_PERMUTATIONS) {
    let score = 0;
    for (let t = 0; t < 3; t++) score += Math.abs(dot(axisDirection(g, perm[t]!), targets[t]!));
    if (score > bestScore + 1e-9) {
      bestScore = score;
      best = perm;
    }
  }
  return [best[0], best[1], best[2]];
}

/** direction * diag(spacing): maps index offsets to world offsets. */
export function indexToWorldMatrix(g: Pick<GridGeometry, 'spacing' | 'direction'>): Mat3 {
  return mat3ScaleColumns(directionMatrix(g.direction), g.spacing);
}

export function indexToWorld(g: Frame, ijk: Vec3): Vec3 {
  const d = mat3MulVec(indexToWorldMatrix(g), ijk);
  return [g.origin[0] + d[0], g.origin[1] + d[1], g.origin[2] + d[2]];
}

/**
 * Continuous (fractional) index of a world point. Works for non-orthogonal directions too (general
 * inverse). Throws when the geometry is degenerate (zero spacing or collinear axes).
 */
export function worldToIndex(g: Frame, xyz: Vec3): Vec3 {
  const inv = mat3Inverse(indexToWorldMatrix(g));
  if (!inv) throw new Error('worldToIndex: degenerate volume geometry (singular index-to-world matrix)');
  return mat3MulVec(inv, [xyz[0] - g.origin[0], xyz[1] - g.origin[1], xyz[2] - g.origin[2]]);
}

/** Rounds a continuous index to the nearest voxel centre. */
export function nearestVoxel(ijk: Vec3): Vec3 {
  return [Math.round(ijk[0]), Math.round(ijk[1]), Math.round(ijk[2])];
}

/** Whether a continuous index lies inside the grid's voxel-edge box (-0.5 .. dims - 0.5). */
export function isInsideVolume(g: Pick<GridGeometry, 'dims'>, ijk: Vec3): boolean {
  for (let a = 0; a < 3; a++) {
    const v = ijk[a]!;
    if (!(v >= -0.5 && v <= g.dims[a]! - 0.5)) return false;
  }
  return true;
}

/** The world centre of the grid (centre of the middle voxel, fractional when dims are even). */
export function gridCenter(g: GridGeometry): Vec3 {
  return indexToWorld(g, [(g.dims[0] - 1) / 2, (g.dims[1] - 1) / 2, (g.dims[2] - 1) / 2]);
}

/** The voxel at the middle of the grid (index round((dims-1)/2) on each axis), world coordinates. */
export function centerVoxel(g: GridGeometry): Vec3 {
  return indexToWorld(g, [Math.round((g.dims[0] - 1) / 2), Math.round((g.dims[1] - 1) / 2), Math.round((g.dims[2] - 1) / 2)]);
}

/** Snaps a world point to the nearest voxel centre inside the grid. */
export function snapToVoxelCenter(g: GridGeometry, world: Vec3): Vec3 {
  const ijk = worldToIndex(g, world);
  const snapped: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) snapped[a] = Math.min(g.dims[a]! - 1, Math.max(0, Math.round(ijk[a]!)));
  return indexToWorld(g, snapped);
}

/** The 8 index-space corners of the box [min, max], i fastest. */
function corners(min: Vec3, max: Vec3): Vec3[] {
  const out: Vec3[] = [];
  for (let c = 0; c < 8; c++) {
    out.push([c & 1 ? max[0] : min[0], c & 2 ? max[1] : min[1], c & 4 ? max[2] : min[2]]);
  }
  return out;
}

/** The 8 world corners of the grid's voxel-edge box (index -0.5 .. dims-0.5), i fastest. */
export function gridCorners(g: GridGeometry): Vec3[] {
  return corners([-0.5, -0.5, -0.5], [g.dims[0] - 0.5, g.dims[1] - 0.5, g.dims[2] - 0.5]).map((c) => indexToWorld(g, c));
}

/** Length of the grid's diagonal, mm (a safe scale for camera distances). */
export function gridDiagonal(g: Pick<GridGeometry, 'dims' | 'spacing'>): number {
  return norm([g.dims[0] * g.spacing[0], g.dims[1] * g.spacing[1], g.dims[2] * g.spacing[2]]);
}

/** The axis-aligned bounds of a set of points. */
export function worldBoundsOf(points: readonly Vec3[]): WorldBox {
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const p of points) {
    for (let a = 0; a < 3; a++) {
      const v = p[a]!;
      if (v < min[a]!) min[a] = v;
      if (v > max[a]!) max[a] = v;
    }
  }
  return { min, max };
}

/**
 * World-axis-aligned box enclosing a voxel box, voxel EDGES included: the 8 corners of the index
 * cube [min - 0.5, max + 0.5] are mapped to world and their bounds returned. For oblique directions
 * the world box is the enclosing box of the rotated voxel block (so it is larger than the block).
 */
export function voxelBoxToWorldBox(g: Frame, box: VoxelBox): WorldBox {
  const lo: Vec3 = [box.min[0] - 0.5, box.min[1] - 0.5, box.min[2] - 0.5];
  const hi: Vec3 = [box.max[0] + 0.5, box.max[1] + 0.5, box.max[2] + 0.5];
  return worldBoundsOf(corners(lo, hi).map((c) => indexToWorld(g, c)));
}

/**
 * The voxels whose cubes intersect a world box: the 8 world corners are mapped to continuous index,
 * and every voxel whose extent [i - 0.5, i + 0.5] overlaps the index-space bounds is included
 * (1e-6 voxel tolerance so that exact voxel edges do not pull in the neighbour).
 * Clamped to the volume; null when the box misses the volume entirely.
 * Round trip: worldBoxToVoxelBox(voxelBoxToWorldBox(b)) === b for axis-aligned directions, and a
 * superset of b for oblique ones.
 */
export function worldBoxToVoxelBox(g: GridGeometry, box: WorldBox): VoxelBox | null {
  const idx = worldBoundsOf(corners(box.min, box.max).map((c) => worldToIndex(g, c)));
  const eps = 1e-6;
  const min: Vec3 = [0, 0, 0];
  const max: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const iMin = idx.min[a]!;
    const iMax = idx.max[a]!;
    let lo = Math.floor(iMin + 0.5 + eps);
    let hi = Math.ceil(iMax - 0.5 - eps);
    if (hi < lo) {
      // Box thinner than the tolerance and sitting on a voxel edge: take the voxel of its centre.
      lo = hi = Math.floor((iMin + iMax) / 2 + 0.5);
    }
    const cl = Math.max(0, lo);
    const ch = Math.min(g.dims[a]! - 1, hi);
    if (cl > ch) return null;
    min[a] = cl;
    max[a] = ch;
  }
  return { min, max };
}
