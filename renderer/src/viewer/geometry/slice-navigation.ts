import type { GridGeometry, SliceViewId, Vec3 } from '../types';
import { axisDirection, worldToIndex } from '../../../../electron/shared/geometry/grid';
import type { Axis } from './slice-orientation';
import { addScaled } from './vec3';

export interface SliceInfo {
  /** 0-based index of the slice along the view's slice axis (nearest voxel centre). */
  index: number;
  /** 1-based slice number, as shown to the reader. */
  number: number;
  count: number;
}

export function sliceInfo(grid: GridGeometry, axis: Axis, world: Vec3): SliceInfo {
  const count = grid.dims[axis];
  const index = Math.min(count - 1, Math.max(0, Math.round(worldToIndex(grid, world)[axis])));
  return { index, number: index + 1, count };
}

/**
 * Moves a world point by `delta` whole slices along an index axis, landing on a voxel centre and
 * staying inside the volume; the other coordinates are kept.
 */
export function stepSlice(grid: GridGeometry, axis: Axis, world: Vec3, delta: number): Vec3 {
  const current = worldToIndex(grid, world)[axis];
  const target = Math.min(grid.dims[axis] - 1, Math.max(0, Math.round(current) + Math.trunc(delta)));
  return addScaled(world, axisDirection(grid, axis), (target - current) * grid.spacing[axis]);
}

/** Moves a world point onto slice `index` of an index axis (its voxel centre, clamped); the other coordinates are kept. */
export function moveToSlice(grid: GridGeometry, axis: Axis, world: Vec3, index: number): Vec3 {
  return stepSlice(grid, axis, world, Math.trunc(index) - Math.round(worldToIndex(grid, world)[axis]));
}

/**
 * Slice location shown for a view: the patient coordinate along the anatomical axis the view is
 * about (z for axial, y for coronal, x for sagittal), mm, like DICOM Slice Location.
 */
export function sliceLocationMm(viewId: SliceViewId, world: Vec3): number {
  return viewId === 'axial' ? world[2] : viewId === 'coronal' ? world[1] : world[0];
}
