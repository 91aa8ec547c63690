/**
 * Normalised cross-correlation between the fixed samples and the moving image under a rigid map,
 * with its analytic gradient with respect to the six parameters.
 *
 * The map sends a fixed (current) point x to the moving (prior) image: x_m = R (x - c) + c + t,
 * R = eulerRotation(angles), c = the samples' centre. The moving image is sampled trilinearly;
 * samples that fall outside it are left out (so partial overlap in z is tolerated).
 */
import { mat3Mul, mat3MulVec, type Mat3, type Vec3 } from '../geometry';
import type { RegistrationImage } from './registration-image';
import { eulerRotation, eulerRotationDerivatives } from './rigid-transform';
import type { SampleSet } from './sample-set';

export interface RigidParams {
  translation: Vec3;
  /** Radians about x, y, z (R = Rz Ry Rx). */
  angles: Vec3;
}

export interface SimilarityValue {
  /** NCC in [-1, 1]; -1 when too few samples overlap. */
  ncc: number;
  /** d NCC / d [tx, ty, tz, ax, ay, az] (mm and radians), when asked for. */
  gradient: number[] | null;
  /** Samples inside the moving image. */
  used: number;
}

/** Fewer overlapping samples than this fraction of the set: no valid similarity. */
const MIN_OVERLAP = 0.2;

export function similarity(samples: SampleSet, moving: RegistrationImage, params: RigidParams, withGradient: boolean): SimilarityValue {
  const R = eulerRotation(params.angles);
  const Minv = moving.worldToIndex;
  const A = mat3Mul(Minv, R);
  const c = samples.centre;
  const b = mat3MulVec(Minv, [c[0] + params.translation[0] - moving.origin[0], c[1] + params.translation[1] - moving.origin[1], c[2] + params.translation[2] - moving.origin[2]]);
  const [g0, g1, g2] = eulerRotationDerivatives(params.angles).map((d) => mat3Mul(Minv, d)) as [Mat3, Mat3, Mat3];
  const [nx, ny, nz] = moving.dims;
  const plane = nx * ny;
  const data = moving.data;
  const pos = samples.positions;
  const fv = samples.values;
  const n = fv.length;
  let used = 0, sf = 0, sm = 0, sff = 0, smm = 0, sfm = 0;
  const sg = new Float64Array(6), sfg = new Float64Array(6), smg = new Float64Array(6);
  const [a0, a1, a2, a3, a4, a5, a6, a7, a8] = A;
  for (let s = 0; s < n; s++) {
    const y0 = pos[3 * s]!, y1 = pos[3 * s + 1]!, y2 = pos[3 * s + 2]!;
    const u = a0 * y0 + a3 * y1 + a6 * y2 + b[0];
    const v = a1 * y0 + a4 * y1 + a7 * y2 + b[1];
    const w = a2 * y0 + a5 * y1 + a8 * y2 + b[2];
    if (!(u >= 0 && v >= 0 && w >= 0 && u < nx - 1 && v < ny - 1 && w < nz - 1)) continue;
    const i = u | 0, j = v | 0, k = w | 0;
    const fx = u - i, fy = v - j, fz = w - k;
    const p = k * plane + j * nx + i;
    const c000 = data[p]!, c100 = data[p + 1]!, c010 = data[p + nx]!, c110 = data[p + nx + 1]!;
    const c001 = data[p + plane]!, c101 = data[p + plane + 1]!, c011 = data[p + plane + nx]!, c111 = data[p + plane + nx + 1]!;
    const x00 = c000 + fx * (c100 - c000), x10 = c010 + fx * (c110 - c010);
    const x01 = c001 + fx * (c101 - c001), x11 = c011 + fx * (c111 - c011);
    const y0v = x00 + fy * (x10 - x00), y1v = x01 + fy * (x11 - x01);
    const m = y0v + fz * (y1v - y0v);
    const f = fv[s]!;
    used++;
    sf += f; sm += m; sff += f * f; smm += m * m; sfm += f * m;
    if (!withGradient) continue;
    // Index-space gradient of the trilinear interpolant.
    const gu = (1 - fz) * ((1 - fy) * (c100 - c000) + fy * (c110 - c010)) + fz * ((1 - fy) * (c101 - c001) + fy * (c111 - c011));
    const gv = (1 - fz) * (x10 - x00) + fz * (x11 - x01);
    const gw = y1v - y0v;
    // d m / d t = Minv^T g; d m / d angle_q = g . (G_q y)
    const d0 = Minv[0] * gu + Minv[1] * gv + Minv[2] * gw;
    const d1 = Minv[3] * gu + Minv[4] * gv + Minv[5] * gw;
    const d2 = Minv[6] * gu + Minv[7] * gv + Minv[8] * gw;
    const d3 = gu * (g0[0] * y0 + g0[3] * y1 + g0[6] * y2) + gv * (g0[1] * y0 + g0[4] * y1 + g0[7] * y2) + gw * (g0[2] * y0 + g0[5] * y1 + g0[8] * y2);
    const d4 = gu * (g1[0] * y0 + g1[3] * y1 + g1[6] * y2) + gv * (g1[1] * y0 + g1[4] * y1 + g1[7] * y2) + gw * (g1[2] * y0 + g1[5] * y1 + g1[8] * y2);
    const d5 = gu * (g2[0] * y0 + g2[3] * y1 + g2[6] * y2) + gv * (g2[1] * y0 + g2[4] * y1 + g2[7] * y2) + gw * (g2[2] * y0 + g2[5] * y1 + g2[8] * y2);
    sg[0]! += d0; sg[1]! += d1; sg[2]! += d2; sg[3]! += d3; sg[4]! += d4; sg[5]! += d5;
    sfg[0]! += f * d0; sfg[1]! += f * d1; sfg[2]! += f * d2; sfg[3]! += f * d3; sfg[4]! += f * d4; sfg[5]! += f * d5;
    smg[0]! += m * d0; smg[1]! += m * d1; smg[2]! += m * d2; smg[3]! += m * d3; smg[4]! += m * d4; smg[5]! += m * d5;
  }
  if (used < Math.max(16, MIN_OVERLAP * n)) return { ncc: -1, gradient: withGradient ? [0, 0, 0, 0, 0, 0] : null, used };
  const vf = sff - (sf * sf) / used;
  const vm = smm - (sm * sm) / used;
  const cov = sfm - (sf * sm) / used;
  if (!(vf > 0 && vm > 0)) return { ncc: -1, gradient: withGradient ? [0, 0, 0, 0, 0, 0] : null, used };
  const ncc = cov / Math.sqrt(vf * vm);
  if (!withGradient) return { ncc, gradient: null, used };
  const fMean = sf / used, mMean = sm / used;
  const k1 = 1 / Math.sqrt(vf * vm);
  const k2 = cov / (Math.sqrt(vf) * vm * Math.sqrt(vm));
  const gradient = Array.from({ length: 6 }, (_, q) => k1 * (sfg[q]! - fMean * sg[q]!) - k2 * (smg[q]! - mMean * sg[q]!));
  return { ncc, gradient, used };
}
