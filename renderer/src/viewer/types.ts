/** Shared types of the reading viewer. World coordinates are DICOM patient LPS, millimetres. */
import type { GridGeometry, WorldBox } from '../../../electron/shared/geometry/grid';
import type { PlaneId } from '../../../electron/shared/geometry/patient-axes';
import type { Vec3 } from '../../../electron/shared/math/vec3';

/** Grid geometry of a volume (the `volumes.get` convention, identical to vtkImageData's): electron/shared/geometry. */
export type { GridGeometry, Vec3, WorldBox };
export type Vec2 = [number, number];

/** The three multiplanar views and the 3D view. */
export type SliceViewId = PlaneId;
export type ViewId = SliceViewId | 'volume';
export const SLICE_VIEW_IDS: readonly SliceViewId[] = ['axial', 'coronal', 'sagittal'];
export const VIEW_IDS: readonly ViewId[] = ['axial', 'coronal', 'sagittal', 'volume'];

export type ViewerLayout = '1x1' | '1x3' | '2x2';
export type ViewerTool = 'crosshair' | 'length' | 'roi' | 'pan';

export interface WindowLevel {
  center: number;
  width: number;
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
