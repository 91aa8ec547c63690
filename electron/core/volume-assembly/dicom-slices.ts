import type { DicomFrameGeometry, DicomInstance } from '../dicom/dicom-instance';
import { RadGroundError } from '../errors/radground-error';
import { cross, dot, isFiniteVec3, normalize, type Vec3 } from '../geometry/vec3';

/**
 * One 2D image of a stack: a single-frame instance, or one frame of a multi-frame instance, with its
 * effective geometry (per-frame values where present, else the instance's shared values).
 */
export interface SliceSource {
  instance: DicomInstance;
  /** 0 for single-frame instances. */
  frameIndex: number;
  position: Vec3 | null;
  /** Unit row direction (direction of increasing column index), LPS. */
  rowCosine: Vec3 | null;
  /** Unit column direction (direction of increasing row index), LPS. */
  colCosine: Vec3 | null;
  /** [spacing between rows, spacing between columns] in mm, DICOM order. */
  pixelSpacing: [number, number] | null;
}

/** Largest per-component difference of direction cosines still treated as "same orientation" (~0.06 deg). */
export const ORIENTATION_TOLERANCE = 1e-3;
/** Relative tolerance for equal pixel spacing. */
export const PIXEL_SPACING_REL_TOLERANCE = 1e-3;

function frameGeometry(g: DicomFrameGeometry | null | undefined, shared: DicomFrameGeometry) {
  const position = g?.imagePositionPatient ?? shared.imagePositionPatient;
  const iop = g?.imageOrientationPatient ?? shared.imageOrientationPatient;
  const ps = g?.pixelSpacing ?? shared.pixelSpacing;
  let rowCosine: Vec3 | null = null;
  let colCosine: Vec3 | null = null;
  if (iop && iop.length === 6 && iop.every((v) => Number.isFinite(v))) {
    rowCosine = normalize([iop[0], iop[1], iop[2]]);
    colCosine = normalize([iop[3], iop[4], iop[5]]);
    if (!rowCosine || !colCosine || !normalize(cross(rowCosine, colCosine))) {
      rowCosine = colCosine = null; // degenerate orientation: treat as absent
    }
  }
  const pixelSpacing: [number, number] | null =
    ps && ps.length === 2 && ps[0] > 0 && ps[1] > 0 && Number.isFinite(ps[0]) && Number.isFinite(ps[1])
      ? [ps[0], ps[1]]
      : null;
  return { position: isFiniteVec3(position) ? ([...position] as Vec3) : null, rowCosine, colCosine, pixelSpacing };
}

/**
 * The 2D slices an instance contributes: one per frame. Multi-frame objects need per-frame
 * positions (enhanced objects' `perFrameGeometry`); without them the frames cannot be placed in
 * space and the instance is rejected with UNSUPPORTED_INPUT.
 */
export function sliceSourcesOf(instance: DicomInstance): SliceSource[] {
  const frames = Math.max(1, instance.numberOfFrames || 1);
  if (frames === 1) {
    const g = frameGeometry(instance.perFrameGeometry?.[0], instance.geometry);
    return [{ instance, frameIndex: 0, ...g }];
  }
  const perFrame = instance.perFrameGeometry;
  if (!perFrame || perFrame.length < frames) {
    throw new RadGroundError(
      'UNSUPPORTED_INPUT',
      `multi-frame instance ${instance.sopInstanceUid} (${frames} frames) has no per-frame positions, so its frames cannot be placed in patient space`,
    );
  }
  const out: SliceSource[] = [];
  for (let f = 0; f < frames; f++) {
    out.push({ instance, frameIndex: f, ...frameGeometry(perFrame[f], instance.geometry) });
  }
  return out;
}

export function hasPlacement(s: SliceSource): s is SliceSource & { position: Vec3; rowCosine: Vec3; colCosine: Vec3 } {
  return !!s.position && !!s.rowCosine && !!s.colCosine;
}

export function sameOrientation(a: SliceSource, b: SliceSource, tol = ORIENTATION_TOLERANCE): boolean {
  if (!a.rowCosine || !a.colCosine || !b.rowCosine || !b.colCosine) return false;
  for (let i = 0; i < 3; i++) {
    if (Math.abs(a.rowCosine[i]! - b.rowCosine[i]!) > tol) return false;
    if (Math.abs(a.colCosine[i]! - b.colCosine[i]!) > tol) return false;
  }
  return true;
}

export function samePixelSpacing(a: [number, number] | null, b: [number, number] | null): boolean {
  if (!a || !b) return a === b;
  return (
    Math.abs(a[0] - b[0]) <= PIXEL_SPACING_REL_TOLERANCE * Math.max(a[0], b[0]) &&
    Math.abs(a[1] - b[1]) <= PIXEL_SPACING_REL_TOLERANCE * Math.max(a[1], b[1])
  );
}

/** Slice normal (row x column), unit length. */
export function sliceNormal(rowCosine: Vec3, colCosine: Vec3): Vec3 {
  const n = normalize(cross(rowCosine, colCosine));
  if (!n) throw new RadGroundError('CORRUPT_INPUT', 'image orientation has parallel row and column directions');
  return n;
}

/** |cos| of the angle between row and column directions (0 for a valid DICOM orientation). */
export function orientationSkew(rowCosine: Vec3, colCosine: Vec3): number {
  return Math.abs(dot(rowCosine, colCosine));
}
