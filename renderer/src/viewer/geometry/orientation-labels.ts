import type { Vec3 } from '../types';
import { cross, neg, unit } from './vec3';

/** Letters of the patient axes: [negative, positive] along LPS x, y, z. */
const AXIS_LETTERS: [string, string][] = [
  ['R', 'L'],
  ['A', 'P'],
  ['I', 'S'],
];

/**
 * The orientation label of a world direction (e.g. a screen edge): the letters of the patient
 * axes it points along, strongest first. An axis is included when its component is at least
 * `minComponent` (default 0.25, i.e. about 15° of obliquity); the strongest is always included.
 * [0.87, -0.5, 0] → "LA".
 */
export function orientationLabel(v: Vec3, minComponent = 0.25): string {
  const parts = [0, 1, 2]
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
