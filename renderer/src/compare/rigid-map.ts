/**
 * Points between the two exams of a comparison. The registration matrix is row-major 4x4 and maps
 * PRIOR patient coordinates (LPS mm) to CURRENT ones; it is rigid (rotation + translation), so its
 * inverse is the transposed rotation with the rotated, negated translation.
 */
import type { Vec3 } from '../viewer/types';

export type Matrix4 = readonly number[];

export const IDENTITY4: Matrix4 = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

export function applyMatrix(m: Matrix4, p: Vec3): Vec3 {
  return [
    m[0]! * p[0] + m[1]! * p[1] + m[2]! * p[2] + m[3]!,
    m[4]! * p[0] + m[5]! * p[1] + m[6]! * p[2] + m[7]!,
    m[8]! * p[0] + m[9]! * p[1] + m[10]! * p[2] + m[11]!,
  ];
}

export function invertRigid(m: Matrix4): Matrix4 {
  if (m.length !== 16 || !m.every(Number.isFinite)) throw new Error('invertRigid: expected 16 finite numbers (row-major 4x4)');
  const r = [m[0]!, m[1]!, m[2]!, m[4]!, m[5]!, m[6]!, m[8]!, m[9]!, m[10]!];
  const t = [m[3]!, m[7]!, m[11]!];
  // R^T and -R^T t
  const rt = [r[0]!, r[3]!, r[6]!, r[1]!, r[4]!, r[7]!, r[2]!, r[5]!, r[8]!];
  const ti = [0, 1, 2].map((i) => -(rt[i * 3]! * t[0]! + rt[i * 3 + 1]! * t[1]! + rt[i * 3 + 2]! * t[2]!));
  return [rt[0]!, rt[1]!, rt[2]!, ti[0]!, rt[3]!, rt[4]!, rt[5]!, ti[1]!, rt[6]!, rt[7]!, rt[8]!, ti[2]!, 0, 0, 0, 1];
}
