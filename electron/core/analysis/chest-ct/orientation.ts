/**
 * Patient-coordinate helpers for a grid (LPS: +x = patient's LEFT, +y = posterior, +z = superior).
 * World coordinates are linear in (i, j, k), so each is `c[0] + c[1] i + c[2] j + c[3] k`.
 */
import type { Vec3 } from '../../dicom/dicom-instance';
import { RadGroundError } from '../../errors/radground-error';
import type { GridGeometry } from '../../../shared/geometry/grid';

/** The grid type is the shared one (electron/shared/geometry/grid.ts). */
export type { GridGeometry };

export type Linear = [number, number, number, number];

/** Coefficients of world axis `axis` (0 = x, 1 = y, 2 = z) as a function of (i, j, k). */
export function worldAxis(g: GridGeometry, axis: 0 | 1 | 2): Linear {
  const d = g.direction;
  return [g.origin[axis], d[axis]! * g.spacing[0], d[3 + axis]! * g.spacing[1], d[6 + axis]! * g.spacing[2]];
}

export function evalLinear(c: Linear, i: number, j: number, k: number): number {
  return c[0] + c[1] * i + c[2] * j + c[3] * k;
}

/** Throws unless slices are (close to) axial: the k axis must run mostly head-feet. */
export function assertAxial(g: GridGeometry): void {
  if (Math.abs(g.direction[8]!) < 0.8) {
    throw new RadGroundError('UNSUPPORTED_INPUT', 'chest-ct analysis needs axial slices (the slice axis is not head-feet)', {
      sliceAxis: [g.direction[6], g.direction[7], g.direction[8]],
    });
  }
}

/** +1 when k increases towards the head, -1 when towards the feet. */
export function superiorStep(g: GridGeometry): 1 | -1 {
  return g.direction[8]! >= 0 ? 1 : -1;
}

export function voxelVolumeMl(spacing: Vec3): number {
  return (spacing[0] * spacing[1] * spacing[2]) / 1000;
}
