import type { SliceViewId, Vec3 } from '../types';

/** DICOM patient axes (LPS): +x towards the patient's Left, +y Posterior, +z Superior. */
export const PATIENT_DIRECTIONS = {
  L: [1, 0, 0],
  R: [-1, 0, 0],
  P: [0, 1, 0],
  A: [0, -1, 0],
  S: [0, 0, 1],
  I: [0, 0, -1],
} as const satisfies Record<string, Vec3>;

/**
 * How a radiologist looks at each plane (radiological convention), as camera direction of
 * projection (from the eye into the screen) and view-up, in patient space. Screen right is
 * DOP × up (the VTK camera convention):
 *   axial:    looking from the feet (DOP = S), up = A      → screen right = patient Left
 *   coronal:  looking from the front (DOP = P), up = S     → screen right = patient Left
 *   sagittal: looking from the patient's left (DOP = R), up = S → screen right = P, left = A
 */
export const RADIOLOGICAL_VIEWS: Record<SliceViewId, { projection: Vec3; up: Vec3 }> = {
  axial: { projection: [...PATIENT_DIRECTIONS.S], up: [...PATIENT_DIRECTIONS.A] },
  coronal: { projection: [...PATIENT_DIRECTIONS.P], up: [...PATIENT_DIRECTIONS.S] },
  sagittal: { projection: [...PATIENT_DIRECTIONS.R], up: [...PATIENT_DIRECTIONS.S] },
};
