import type { GridGeometry, SliceViewTransform, Vec3 } from '../types';
import { gridCenter, gridCorners, gridDiagonal } from '../../../../electron/shared/geometry/grid';
import type { SliceOrientation } from './slice-orientation';
import { addScaled, dot, sub } from './vec3';

/**
 * Everything needed to place a parallel-projection camera on one 2D view and to map between its
 * screen and the world. Screen coordinates are CSS pixels from the viewport's top-left corner.
 */
export interface SliceCamera extends SliceOrientation {
  /** On the slice plane: the world point at the viewport centre. */
  focalPoint: Vec3;
  /** A point of the slice plane (the crosshair). */
  planePoint: Vec3;
  /** Half the viewport height in mm (VTK's parallel scale). */
  parallelScale: number;
  widthPx: number;
  heightPx: number;
  /** Camera distance from the focal point and the near/far clipping range, mm. */
  distance: number;
  clippingRange: [number, number];
}

/** Margin around the volume when it is fitted to a view. */
export const FIT_MARGIN = 1.02;

/**
 * The parallel scale that fits the whole volume (its 8 corners, projected on the screen axes)
 * in a viewport of the given aspect (width / height).
 */
export function fitParallelScale(corners: Vec3[], center: Vec3, right: Vec3, up: Vec3, aspect: number): number {
  let halfW = 0;
  let halfH = 0;
  for (const c of corners) {
    const r = sub(c, center);
    halfW = Math.max(halfW, Math.abs(dot(r, right)));
    halfH = Math.max(halfH, Math.abs(dot(r, up)));
  }
  const safeAspect = aspect > 0 && Number.isFinite(aspect) ? aspect : 1;
  return Math.max(halfH, halfW / safeAspect, 1e-3) * FIT_MARGIN;
}

export interface SliceCameraInput {
  grid: GridGeometry;
  orientation: SliceOrientation;
  crosshair: Vec3;
  transform: SliceViewTransform;
  widthPx: number;
  heightPx: number;
}

/**
 * The camera of a 2D view: the slice plane passes through the crosshair; the view is centred on
 * the volume (plus the view's pan) and fitted to it (divided by the view's zoom). Clicking
 * elsewhere moves the plane, never the framing.
 */
export function buildSliceCamera({ grid, orientation, crosshair, transform, widthPx, heightPx }: SliceCameraInput): SliceCamera {
  const center = gridCenter(grid);
  const dop = orientation.directionOfProjection;
  const aspect = widthPx / Math.max(1, heightPx);
  const fit = fitParallelScale(gridCorners(grid), center, orientation.viewRight, orientation.viewUp, aspect);
  const zoom = transform.zoom > 0 ? transform.zoom : 1;
  const onPlane = addScaled(center, dop, dot(sub(crosshair, center), dop));
  const focalPoint = addScaled(addScaled(onPlane, orientation.viewRight, transform.pan[0]), orientation.viewUp, transform.pan[1]);
  const diag = gridDiagonal(grid);
  const distance = 2 * diag;
  return {
    ...orientation,
    focalPoint,
    planePoint: [...crosshair],
    parallelScale: fit / zoom,
    widthPx,
    heightPx,
    distance,
    clippingRange: [distance - diag, distance + diag],
  };
}

/** Where the camera sits: behind the focal point along the DOP. */
export function cameraPosition(camera: Pick<SliceCamera, 'focalPoint' | 'directionOfProjection' | 'distance'>): Vec3 {
  return addScaled(camera.focalPoint, camera.directionOfProjection, -camera.distance);
}
