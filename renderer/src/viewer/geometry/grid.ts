import type { GridGeometry, Vec3 } from '../types';
import { norm } from './vec3';

/**
 * Index <-> world for a volume grid: world = origin + D · diag(spacing) · [i, j, k], D's columns
 * being the i, j, k axis unit vectors (direction[0..2], [3..5], [6..8]). Integer indices are voxel
 * centres.
 */
export function axisDirection(g: Pick<GridGeometry, 'direction'>, axis: 0 | 1 | 2): Vec3 {
  const d = g.direction;
  return [d[axis * 3], d[axis * 3 + 1], d[axis * 3 + 2]];
}

export function indexToWorld(g: Pick<GridGeometry, 'direction' | 'spacing' | 'origin'>, ijk: Vec3): Vec3 {
  const out: Vec3 = [g.origin[0], g.origin[1], g.origin[2]];
  for (let a = 0 as 0 | 1 | 2; a < 3; a = (a + 1) as 0 | 1 | 2) {
    const u = axisDirection(g, a);
    const s = g.spacing[a] * ijk[a];
    out[0] += u[0] * s;
    out[1] += u[1] * s;
    out[2] += u[2] * s;
  }
  return out;
}

/** Continuous index of a world point; general 3x3 inverse, so non-orthogonal grids work too. */
export function worldToIndex(g: Pick<GridGeometry, 'direction' | 'spacing' | 'origin'>, xyz: Vec3): Vec3 {
  const m = indexToWorldMatrix(g);
  const inv = invert3(m);
  if (!inv) throw new Error('worldToIndex: degenerate grid geometry');
  const r: Vec3 = [xyz[0] - g.origin[0], xyz[1] - g.origin[1], xyz[2] - g.origin[2]];
  return [
    inv[0] * r[0] + inv[1] * r[1] + inv[2] * r[2],
    inv[3] * r[0] + inv[4] * r[1] + inv[5] * r[2],
    inv[6] * r[0] + inv[7] * r[1] + inv[8] * r[2],
  ];
}

/** Row-major 3x3 matrix M with world offset = M · index offset. */
function indexToWorldMatrix(g: Pick<GridGeometry, 'direction' | 'spacing'>): number[] {
  const d = g.direction;
  const s = g.spacing;
  return [
    d[0] * s[0], d[3] * s[1], d[6] * s[2],
    d[1] * s[0], d[4] * s[1], d[7] * s[2],
    d[2] * s[0], d[5] * s[1], d[8] * s[2],
  ];
}

function invert3(m: number[]): number[] | null {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) return null;
  return [
    A / det, -(b * i - c * h) / det, (b * f - c * e) / det,
    B / det, (a * i - c * g) / det, -(a * f - c * d) / det,
    C / det, -(a * h - b * g) / det, (a * e - b * d) / det,
  ];
}

/** The world centre of the grid (centre of the middle voxel, fractional when dims are even). */
export function gridCenter(g: GridGeometry): Vec3 {
  return indexToWorld(g, [(g.dims[0] - 1) / 2, (g.dims[1] - 1) / 2, (g.dims[2] - 1) / 2]);
}

/** The voxel at the middle of the grid (index round((dims-1)/2) on each axis), world coordinates. */
export function centerVoxel(g: GridGeometry): Vec3 {
  return indexToWorld(g, [Math.round((g.dims[0] - 1) / 2), Math.round((g.dims[1] - 1) / 2), Math.round((g.dims[2] - 1) / 2)]);
}

/** The 8 world corners of the grid's voxel-edge box (index -0.5 .. dims-0.5). */
export function gridCorners(g: GridGeometry): Vec3[] {
  const out: Vec3[] = [];
  for (const k of [-0.5, g.dims[2] - 0.5])
    for (const j of [-0.5, g.dims[1] - 0.5]) for (const i of [-0.5, g.dims[0] - 0.5]) out.push(indexToWorld(g, [i, j, k]));
  return out;
}

/** Length of the grid's diagonal, mm (a safe scale for camera distances). */
export function gridDiagonal(g: GridGeometry): number {
  return norm([g.dims[0] * g.spacing[0], g.dims[1] * g.spacing[1], g.dims[2] * g.spacing[2]]);
}

/** Snaps a world point to the nearest voxel centre inside the grid. */
export function snapToVoxelCenter(g: GridGeometry, world: Vec3): Vec3 {
  const ijk = worldToIndex(g, world);
  const snapped: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) snapped[a] = Math.min(g.dims[a] - 1, Math.max(0, Math.round(ijk[a])));
  return indexToWorld(g, snapped);
}

export function worldBoundsOf(points: Vec3[]): { min: Vec3; max: Vec3 } {
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const p of points)
    for (let a = 0; a < 3; a++) {
      min[a] = Math.min(min[a], p[a]);
      max[a] = Math.max(max[a], p[a]);
    }
  return { min, max };
}
