import type { Vec3 } from '../dicom/dicom-instance';

export type { Vec3 };

/** Small, allocation-per-call 3-vector helpers. All functions are pure. */

export function vec3(x: number, y: number, z: number): Vec3 {
  return [x, y, z];
}

export function add3(a: Vec3, b: Vec3): Vec3 {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

export function sub3(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

export function scale3(a: Vec3, s: number): Vec3 {
  return [a[0] * s, a[1] * s, a[2] * s];
}

/** a + b * s */
export function addScaled3(a: Vec3, b: Vec3, s: number): Vec3 {
  return [a[0] + b[0] * s, a[1] + b[1] * s, a[2] + b[2] * s];
}

export function dot3(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function cross3(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

export function norm3(a: Vec3): number {
  return Math.hypot(a[0], a[1], a[2]);
}

export function distance3(a: Vec3, b: Vec3): number {
  return norm3(sub3(a, b));
}

/** Unit vector along `a`; returns null for a zero or non-finite vector. */
export function normalize3(a: Vec3): Vec3 | null {
  const n = norm3(a);
  if (!Number.isFinite(n) || n === 0) return null;
  return [a[0] / n, a[1] / n, a[2] / n];
}

export function isFiniteVec3(a: readonly number[] | null | undefined): a is Vec3 {
  return !!a && a.length === 3 && a.every((v) => Number.isFinite(v));
}

/** True when every component differs by at most `tol`. */
export function nearlyEqual3(a: Vec3, b: Vec3, tol: number): boolean {
  return Math.abs(a[0] - b[0]) <= tol && Math.abs(a[1] - b[1]) <= tol && Math.abs(a[2] - b[2]) <= tol;
}
