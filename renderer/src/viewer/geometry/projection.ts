import type { Vec2, Vec3 } from '../types';
import type { SliceCamera } from './slice-camera';
import { addScaled, dot, sub } from './vec3';

type ScreenCamera = Pick<SliceCamera, 'focalPoint' | 'viewRight' | 'viewUp' | 'directionOfProjection' | 'parallelScale' | 'widthPx' | 'heightPx'>;

/** Millimetres per CSS pixel of a parallel-projection 2D view. */
export function mmPerPixel(camera: Pick<SliceCamera, 'parallelScale' | 'heightPx'>): number {
  return (2 * camera.parallelScale) / Math.max(1, camera.heightPx);
}

/** World point → CSS pixel in the viewport (x right, y down, origin at the top-left corner). */
export function worldToScreen(camera: ScreenCamera, world: Vec3): Vec2 {
  const r = sub(world, camera.focalPoint);
  const mmpp = mmPerPixel(camera);
  return [camera.widthPx / 2 + dot(r, camera.viewRight) / mmpp, camera.heightPx / 2 - dot(r, camera.viewUp) / mmpp];
}

/** CSS pixel in the viewport → the world point under it on the slice plane. */
export function screenToWorld(camera: ScreenCamera, screen: Vec2): Vec3 {
  const mmpp = mmPerPixel(camera);
  const p = addScaled(camera.focalPoint, camera.viewRight, (screen[0] - camera.widthPx / 2) * mmpp);
  return addScaled(p, camera.viewUp, (camera.heightPx / 2 - screen[1]) * mmpp);
}

/** Signed distance (mm) of a world point from the view's slice plane, along the DOP. */
export function distanceFromPlane(camera: Pick<SliceCamera, 'planePoint' | 'directionOfProjection'>, world: Vec3): number {
  return dot(sub(world, camera.planePoint), camera.directionOfProjection);
}

/** A screen-space drag (CSS px) as a world offset (mm) in the view plane. */
export function screenDeltaToWorld(camera: ScreenCamera, dx: number, dy: number): Vec3 {
  const mmpp = mmPerPixel(camera);
  return addScaled(addScaled([0, 0, 0], camera.viewRight, dx * mmpp), camera.viewUp, -dy * mmpp);
}
