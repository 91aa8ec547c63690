import type { GridGeometry, Vec3 } from '../types';
import { distanceFromPlane } from './projection';
import type { SliceCamera } from './slice-camera';
import { distance } from './vec3';

/**
 * Length of a measurement, mm. Its end points are world (LPS, mm) points, obtained from the screen
 * through the view camera, so voxel spacing and the direction matrix are already accounted for.
 */
export function lengthMm(p1: Vec3, p2: Vec3): number {
  return distance(p1, p2);
}

/** "12.3 mm" (one decimal under 100 mm, none above). */
export function formatLength(mm: number): string {
  return `${mm < 100 ? mm.toFixed(1) : mm.toFixed(0)} mm`;
}

/**
 * Whether a world point lies on a view's current slice: within half a voxel of its plane along
 * the slice axis (so a measurement drawn on slice n shows on slice n only).
 */
export function isOnSlice(camera: Pick<SliceCamera, 'planePoint' | 'directionOfProjection' | 'sliceAxis'>, grid: GridGeometry, p: Vec3): boolean {
  return Math.abs(distanceFromPlane(camera, p)) <= grid.spacing[camera.sliceAxis] / 2 + 1e-3;
}
