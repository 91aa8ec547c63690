import { type GridGeometry, type SliceViewId, type Vec3 } from '../types';
import { axisDirection, closestAxisAssignment } from '../../../../electron/shared/geometry/grid';
import { RADIOLOGICAL_VIEWS } from '../../../../electron/shared/geometry/patient-axes';
import { addScaled, cross, dot, scale, unit } from './vec3';

export type Axis = 0 | 1 | 2;

/**
 * Camera axes of one 2D view, derived from the volume's direction matrix: the view slices along
 * the volume index axis closest to the anatomical plane normal (so pixels are never resampled
 * obliquely), and the camera is aligned with the volume's axes, signed to follow the
 * radiological convention as closely as the acquisition allows.
 */
export interface SliceOrientation {
  viewId: SliceViewId;
  /** Index axis perpendicular to the screen (the one the wheel scrolls). */
  sliceAxis: Axis;
  /** Index axis closest to screen up. */
  upAxis: Axis;
  /** World unit vector from the eye into the screen (± the slice axis direction). */
  directionOfProjection: Vec3;
  /** World unit vector pointing to the top of the screen. */
  viewUp: Vec3;
  /** World unit vector pointing to the right of the screen: DOP × viewUp. */
  viewRight: Vec3;
}

/**
 * Which index axis each view slices along: the assignment (a permutation, so two views never
 * share an axis) maximising the total alignment with the anatomical plane normals.
 */
export function assignSliceAxes(direction: GridGeometry['direction']): Record<SliceViewId, Axis> {
  const [axial, coronal, sagittal] = closestAxisAssignment(direction, [RADIOLOGICAL_VIEWS.axial.projection, RADIOLOGICAL_VIEWS.coronal.projection, RADIOLOGICAL_VIEWS.sagittal.projection]);
  return { axial, coronal, sagittal };
}

export function sliceOrientation(direction: GridGeometry['direction'], viewId: SliceViewId): SliceOrientation {
  validateDirection(direction);
  const g = { direction };
  const convention = RADIOLOGICAL_VIEWS[viewId];
  const sliceAxis = assignSliceAxes(direction)[viewId];
  const sliceDir = axisDirection(g, sliceAxis);
  const dop = unit(dot(sliceDir, convention.projection) >= 0 ? sliceDir : scale(sliceDir, -1));

  // The two axes other than the slice axis (a filter of three distinct axes drops exactly one).
  const [inPlane0, inPlane1] = ([0, 1, 2] as const).filter((a) => a !== sliceAxis) as [Axis, Axis];
  const align = (a: Axis) => Math.abs(dot(axisDirection(g, a), convention.up));
  const upAxis = align(inPlane0) >= align(inPlane1) ? inPlane0 : inPlane1;
  const upDir = axisDirection(g, upAxis);
  const signedUp = dot(upDir, convention.up) >= 0 ? upDir : scale(upDir, -1);
  // Orthogonalise against the DOP (a no-op for the usual orthonormal direction matrices).
  const viewUp = unit(addScaled(signedUp, dop, -dot(signedUp, dop)));
  const viewRight = unit(cross(dop, viewUp));
  return { viewId, sliceAxis, upAxis, directionOfProjection: dop, viewUp, viewRight };
}

export function sliceOrientations(direction: GridGeometry['direction']): Record<SliceViewId, SliceOrientation> {
  return {
    axial: sliceOrientation(direction, 'axial'),
    coronal: sliceOrientation(direction, 'coronal'),
    sagittal: sliceOrientation(direction, 'sagittal'),
  };
}

function validateDirection(direction: GridGeometry['direction']): void {
  if (direction.length !== 9 || !direction.every(Number.isFinite)) throw new Error('direction must be 9 finite numbers');
  const g = { direction };
  for (const a of [0, 1, 2] as Axis[]) {
    const n = Math.hypot(...axisDirection(g, a));
    if (Math.abs(n - 1) > 1e-3) throw new Error(`direction axis ${a} is not a unit vector (|v| = ${n})`);
  }
  const det = dot(axisDirection(g, 0), cross(axisDirection(g, 1), axisDirection(g, 2)));
  if (Math.abs(Math.abs(det) - 1) > 1e-2) throw new Error('direction axes are not orthogonal');
}
