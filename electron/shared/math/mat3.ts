import type { Vec3 } from './vec3';

/**
 * 3x3 matrices for the core and the renderer, stored COLUMN-major like Volume.direction (README.md
 * beside this file): elements 0..2 are column 0, 3..5 column 1, 6..8 column 2. Element (row r,
 * column c) is m[c * 3 + r].
 */
export type Mat3 = [number, number, number, number, number, number, number, number, number];

export function mat3Identity(): Mat3 {
  return [1, 0, 0, 0, 1, 0, 0, 0, 1];
}

export function mat3FromColumns(c0: Vec3, c1: Vec3, c2: Vec3): Mat3 {
  return [c0[0], c0[1], c0[2], c1[0], c1[1], c1[2], c2[0], c2[1], c2[2]];
}

export function mat3Column(m: Mat3, c: 0 | 1 | 2): Vec3 {
  return [m[c * 3]!, m[c * 3 + 1]!, m[c * 3 + 2]!];
}

export function mat3Get(m: Mat3, row: 0 | 1 | 2, col: 0 | 1 | 2): number {
  return m[col * 3 + row]!;
}

/** m * v */
export function mat3MulVec(m: Mat3, v: Vec3): Vec3 {
  return [
    m[0] * v[0] + m[3] * v[1] + m[6] * v[2],
    m[1] * v[0] + m[4] * v[1] + m[7] * v[2],
    m[2] * v[0] + m[5] * v[1] + m[8] * v[2],
  ];
}

/** a * b (column c of the product is a * column c of b) */
export function mat3Mul(a: Mat3, b: Mat3): Mat3 {
  return mat3FromColumns(mat3MulVec(a, mat3Column(b, 0)), mat3MulVec(a, mat3Column(b, 1)), mat3MulVec(a, mat3Column(b, 2)));
}

export function mat3Transpose(m: Mat3): Mat3 {
  return [m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]];
}

/** Scales column c by s[c] (m * diag(s)). */
export function mat3ScaleColumns(m: Mat3, s: Vec3): Mat3 {
  return [m[0] * s[0], m[1] * s[0], m[2] * s[0], m[3] * s[1], m[4] * s[1], m[5] * s[1], m[6] * s[2], m[7] * s[2], m[8] * s[2]];
}

export function mat3Determinant(m: Mat3): number {
  // columns a, b, c: det = a . (b x c)
  return (
    m[0] * (m[4] * m[8] - m[5] * m[7]) - m[3] * (m[1] * m[8] - m[2] * m[7]) + m[6] * (m[1] * m[5] - m[2] * m[4])
  );
}

/** Inverse of m, or null when m is singular (|det| below `eps`). */
export function mat3Inverse(m: Mat3, eps = 1e-12): Mat3 | null {
  const det = mat3Determinant(m);
  if (!Number.isFinite(det) || Math.abs(det) < eps) return null;
  // Row-major view: a=m00 b=m01 c=m02 / d=m10 e=m11 f=m12 / g=m20 h=m21 i=m22
  const a = m[0], b = m[3], c = m[6];
  const d = m[1], e = m[4], f = m[7];
  const g = m[2], h = m[5], i = m[8];
  const inv = 1 / det;
  const r00 = (e * i - f * h) * inv, r01 = (c * h - b * i) * inv, r02 = (b * f - c * e) * inv;
  const r10 = (f * g - d * i) * inv, r11 = (a * i - c * g) * inv, r12 = (c * d - a * f) * inv;
  const r20 = (d * h - e * g) * inv, r21 = (b * g - a * h) * inv, r22 = (a * e - b * d) * inv;
  return [r00, r10, r20, r01, r11, r21, r02, r12, r22];
}
