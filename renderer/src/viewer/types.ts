/** Shared types of the reading viewer. World coordinates are DICOM patient LPS, millimetres. */
import type { Vec3 } from '../../../electron/shared/math/vec3';

export type { Vec3 };
export type Vec2 = [number, number];

/** The three multiplanar views and the 3D view. */
export type SliceViewId = 'axial' | 'coronal' | 'sagittal';
export type ViewId = SliceViewId | 'volume';
export const SLICE_VIEW_IDS: readonly SliceViewId[] = ['axial', 'coronal', 'sagittal'];
export const VIEW_IDS: readonly ViewId[] = ['axial', 'coronal', 'sagittal', 'volume'];

export type ViewerLayout = '1x1' | '1x3' | '2x2';
export type ViewerTool = 'crosshair' | 'length' | 'roi' | 'pan';

/** Grid geometry of a volume (the `volumes.get` convention, identical to vtkImageData's). */
export interface GridGeometry {
  dims: Vec3;
  spacing: Vec3;
  origin: Vec3;
  /** 9 numbers: 0..2 unit vector of the i axis, 3..5 of j, 6..8 of k (world = origin + D·diag(s)·ijk). */
  direction: readonly number[];
}

export interface WindowLevel {
  center: number;
  width: number;
}

export interface WorldBox {
  min: Vec3;
  max: Vec3;
}

/** A region to highlight (a report finding's box, for now). */
export interface RegionHighlight {
  id: string;
  label: string;
  worldBox: WorldBox;
  centroid: Vec3;
}

export interface LengthMeasurement {
  id: string;
  kind: 'length';
  p1: Vec3;
  p2: Vec3;
  lengthMm: number;
  /** The view it was drawn in. */
  viewId: SliceViewId;
}

/** Zoom and pan of one 2D view. Pan is the focal point offset in mm along the screen right/up axes. */
export interface SliceViewTransform {
  zoom: number;
  pan: Vec2;
}
