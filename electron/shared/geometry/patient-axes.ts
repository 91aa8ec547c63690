import { cross, neg, unit, type Vec3 } from '../math/vec3';

/** The three anatomical planes a slice view shows. */
export type PlaneId = 'axial' | 'coronal' | 'sagittal';

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
export const RADIOLOGICAL_VIEWS: Record<PlaneId, { projection: Vec3; up: Vec3 }> = {
  axial: { projection: [...PATIENT_DIRECTIONS.S], up: [...PATIENT_DIRECTIONS.A] },
  coronal: { projection: [...PATIENT_DIRECTIONS.P], up: [...PATIENT_DIRECTIONS.S] },
  sagittal: { projection: [...PATIENT_DIRECTIONS.R], up: [...PATIENT_DIRECTIONS.S] },
};

/** DICOM LPS -> NIfTI/ITK-SNAP-style RAS (negate x and y). */
export function lpsToRas(p: Vec3): Vec3 {
  return [-p[0], -p[1], p[2]];
}

/** RAS -> LPS (negate x and y; the map is its own inverse). */
export function rasToLps(p: Vec3): Vec3 {
  return [-p[0], -p[1], p[2]];
}

/** Letters of the patient axes: [negative, positive] along LPS x, y, z. */
const AXIS_LETTERS: readonly [readonly [string, string], readonly [string, string], readonly [string, string]] = [
  ['R', 'L'],
  ['A', 'P'],
  ['I', 'S'],
];

/**
 * Opposite letters of the direction codes of Patient Orientation (0020,0020): the patient axes'
 * letters, with H (head) and F (foot) where the axis letters have S and I (PS3.3 C.7.6.1.1.1).
 */
const OPPOSITE_CODE: Record<string, string> = Object.fromEntries(
  [AXIS_LETTERS[0], AXIS_LETTERS[1], ['F', 'H']].flatMap(([a, b]) => [
    [a, b],
    [b, a],
  ]),
);

/** The opposite direction of a Patient Orientation code: 'L' -> 'R', 'AF' -> 'PH' (unknown letters are dropped). */
export function oppositeDirection(code: string): string {
  return [...code].map((c) => OPPOSITE_CODE[c] ?? '').join('');
}

/**
 * The orientation label of a world direction (e.g. a screen edge): the letters of the patient
 * axes it points along, strongest first. An axis is included when its component is at least
 * `minComponent` (default 0.25, i.e. about 15° of obliquity); the strongest is always included.
 * [0.87, -0.5, 0] → "LA".
 */
export function orientationLabel(v: Vec3, minComponent = 0.25): string {
  const parts = ([0, 1, 2] as const)
    .map((axis) => ({ axis, value: v[axis] }))
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.axis - b.axis);
  return parts
    .filter((p, n) => n === 0 || Math.abs(p.value) >= minComponent)
    .map((p) => AXIS_LETTERS[p.axis][p.value >= 0 ? 1 : 0])
    .join('');
}

export interface ScreenLabels {
  top: string;
  bottom: string;
  left: string;
  right: string;
}

/**
 * Labels of the four screen edges from a camera (direction of projection and view-up, world).
 * Screen right is DOP × up, as in VTK.
 */
export function labelsFromCamera(directionOfProjection: Vec3, viewUp: Vec3, minComponent?: number): ScreenLabels {
  const right = unit(cross(directionOfProjection, viewUp));
  return {
    top: orientationLabel(viewUp, minComponent),
    bottom: orientationLabel(neg(viewUp), minComponent),
    right: orientationLabel(right, minComponent),
    left: orientationLabel(neg(right), minComponent),
  };
}
