/**
 * Rigid transforms of patient space (LPS mm): x' = rotation * x + translation, with `rotation` a
 * proper rotation matrix stored column-major like every Mat3 of geometry/mat3.ts.
 * The 4x4 form handed to callers is ROW-major (16 numbers, last row 0 0 0 1).
 */
import { mat3FromColumns, mat3Identity, mat3Mul, mat3MulVec, mat3Transpose, type Mat3 } from '../geometry/mat3';
import { add, norm, sub, type Vec3 } from '../geometry/vec3';

export interface RigidTransform {
  rotation: Mat3;
  translation: Vec3;
}

export type Matrix4RowMajor = number[];

export function identityTransform(): RigidTransform {
  return { rotation: mat3Identity(), translation: [0, 0, 0] };
}

export function applyTransform(t: RigidTransform, p: Vec3): Vec3 {
  return add(mat3MulVec(t.rotation, p), t.translation);
}

/** The inverse: x = R^T (x' - t). */
export function invertTransform(t: RigidTransform): RigidTransform {
  const rt = mat3Transpose(t.rotation);
  const mt = mat3MulVec(rt, t.translation);
  return { rotation: rt, translation: [-mt[0], -mt[1], -mt[2]] };
}

/** a after b: x -> a(b(x)). */
export function composeTransforms(a: RigidTransform, b: RigidTransform): RigidTransform {
  return { rotation: mat3Mul(a.rotation, b.rotation), translation: applyTransform(a, b.translation) };
}

/** A pure translation. */
export function translationTransform(t: Vec3): RigidTransform {
  return { rotation: mat3Identity(), translation: [t[0], t[1], t[2]] };
}

/** Rotation by `rotation` about `centre`, then a translation: x' = R (x - c) + c + t. */
export function transformAboutCentre(rotation: Mat3, centre: Vec3, translation: Vec3): RigidTransform {
  return { rotation, translation: add(sub(centre, mat3MulVec(rotation, centre)), translation) };
}

export function toMatrix4(t: RigidTransform): Matrix4RowMajor {
  const r = t.rotation;
  // Row r of the 3x3 is (m[r], m[3 + r], m[6 + r]) in column-major storage.
  return [r[0], r[3], r[6], t.translation[0], r[1], r[4], r[7], t.translation[1], r[2], r[5], r[8], t.translation[2], 0, 0, 0, 1];
}

export function fromMatrix4(m: readonly number[]): RigidTransform {
  if (m.length !== 16) throw new Error('a 4x4 matrix has 16 elements');
  return { rotation: mat3FromColumns([m[0]!, m[4]!, m[8]!], [m[1]!, m[5]!, m[9]!], [m[2]!, m[6]!, m[10]!]), translation: [m[3]!, m[7]!, m[11]!] };
}

/** The angle of the rotation part, degrees (0 to 180). */
export function rotationAngleDeg(t: RigidTransform): number {
  const r = t.rotation;
  const c = Math.min(1, Math.max(-1, (r[0] + r[4] + r[8] - 1) / 2));
  return (Math.acos(c) * 180) / Math.PI;
}

/** Largest distance between where two transforms send any of the points. */
export function maxPointDistance(a: RigidTransform, b: RigidTransform, points: readonly Vec3[]): number {
  return points.reduce((worst, p) => Math.max(worst, norm(sub(applyTransform(a, p), applyTransform(b, p)))), 0);
}

/** Rotation about one axis (0 = x, 1 = y, 2 = z) by an angle in radians. */
export function axisRotation(axis: 0 | 1 | 2, radians: number): Mat3 {
  const c = Math.cos(radians);
  const s = Math.sin(radians);
  if (axis === 0) return mat3FromColumns([1, 0, 0], [0, c, s], [0, -s, c]);
  if (axis === 1) return mat3FromColumns([c, 0, -s], [0, 1, 0], [s, 0, c]);
  return mat3FromColumns([c, s, 0], [-s, c, 0], [0, 0, 1]);
}

/** d/dangle of axisRotation(axis, angle). */
function axisRotationDerivative(axis: 0 | 1 | 2, radians: number): Mat3 {
  const c = Math.cos(radians);
  const s = Math.sin(radians);
  if (axis === 0) return mat3FromColumns([0, 0, 0], [0, -s, c], [0, -c, -s]);
  if (axis === 1) return mat3FromColumns([-s, 0, -c], [0, 0, 0], [c, 0, -s]);
  return mat3FromColumns([-s, c, 0], [-c, -s, 0], [0, 0, 0]);
}

/** R = Rz(angles[2]) Ry(angles[1]) Rx(angles[0]), radians. */
export function eulerRotation(angles: Vec3): Mat3 {
  return mat3Mul(axisRotation(2, angles[2]), mat3Mul(axisRotation(1, angles[1]), axisRotation(0, angles[0])));
}

/** The three partial derivatives of eulerRotation with respect to each angle. */
export function eulerRotationDerivatives(angles: Vec3): [Mat3, Mat3, Mat3] {
  const [rx, ry, rz] = [axisRotation(0, angles[0]), axisRotation(1, angles[1]), axisRotation(2, angles[2])];
  const [dx, dy, dz] = [axisRotationDerivative(0, angles[0]), axisRotationDerivative(1, angles[1]), axisRotationDerivative(2, angles[2])];
  return [mat3Mul(rz, mat3Mul(ry, dx)), mat3Mul(rz, mat3Mul(dy, rx)), mat3Mul(dz, mat3Mul(ry, rx))];
}
