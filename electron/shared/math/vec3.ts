/**
 * 3-vectors for the core and the renderer: one implementation, one convention (README.md beside
 * this file: tuples in LPS mm, pure functions, a zero vector has no direction).
 */

/** [x, y, z]: a world point or direction (LPS mm), or an index point [i, j, k]. */
export type Vec3 = [number, number, number];

export function vec3(x: number, y: number, z: number): Vec3 {
  return [x, y, z];
}

export function add(a: Vec3, b: Vec3): Vec3 {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

export function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

export function scale(a: Vec3, s: number): Vec3 {
  return [a[0] * s, a[1] * s, a[2] * s];
}

/** a + b * s */
export function addScaled(a: Vec3, b: Vec3, s: number): Vec3 {
  return [a[0] + b[0] * s, a[1] + b[1] * s, a[2] + b[2] * s];
}

export function neg(a: Vec3): Vec3 {
  return [-a[0], -a[1], -a[2]];
}

export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

export function norm(a: Vec3): number {
  return Math.hypot(a[0], a[1], a[2]);
}

export function distance(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** a + (b - a) * t */
export function lerp(a: Vec3, b: Vec3, t: number): Vec3 {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** Unit vector along `a`; null for a zero or non-finite vector (it has no direction). */
export function normalize(a: Vec3): Vec3 | null {
  const n = norm(a);
  if (!Number.isFinite(n) || n === 0) return null;
  return [a[0] / n, a[1] / n, a[2] / n];
}

/** normalize() for a direction that cannot be zero by construction: throws where normalize gives null. */
export function unit(a: Vec3): Vec3 {
  const u = normalize(a);
  if (!u) throw new RangeError(`no direction: zero or non-finite vector [${a.join(', ')}]`);
  return u;
}

export function isFiniteVec3(a: unknown): a is Vec3 {
  return Array.isArray(a) && a.length === 3 && a.every((v) => typeof v === 'number' && Number.isFinite(v));
}

/** True when every component differs by at most `tol`. */
export function nearlyEqual(a: Vec3, b: Vec3, tol: number): boolean {
  return Math.abs(a[0] - b[0]) <= tol && Math.abs(a[1] - b[1]) <= tol && Math.abs(a[2] - b[2]) <= tol;
}

/** Distance from point p to segment ab, and the segment parameter of the closest point. */
export function pointSegment(p: Vec3, a: Vec3, b: Vec3): { distance: number; t: number } {
  const ab = sub(b, a);
  const len2 = dot(ab, ab);
  const t = len2 > 0 ? Math.min(1, Math.max(0, dot(sub(p, a), ab) / len2)) : 0;
  return { distance: distance(p, lerp(a, b, t)), t };
}
