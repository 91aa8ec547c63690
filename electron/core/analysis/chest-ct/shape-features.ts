/**
 * Shape measurements of a voxel set on the original grid: principal axes (PCA, mm), longest axial
 * diameter (largest in-plane Feret diameter over slices, mm), centroid.
 */
import type { Vec3 } from '../../dicom/dicom-instance';
import type { Mat3 } from '../../volume-assembly/volume';
import { convexHull2d } from '../../imaging/convex-hull';

export interface ShapeFeatures {
  /** Eigenvalues of the coordinate covariance (mm^2), descending, voxel extent included. */
  eigen: [number, number, number];
  /** sqrt(l1 / l2): ~1 for round objects, large for tubes. */
  elongation: number;
  /** Voxel count over the volume of the ellipsoid with the same second moments (1 for a solid ellipsoid). */
  fill: number;
  diameterMm: number;
  /** Slice k where the longest axial diameter was measured. */
  diameterK: number;
  /** In-plane sqrt(l1 / l2) on the slice with the most voxels (vessels cut lengthwise are long ellipses). */
  axialAspect: number;
  /** Number of slices the region spans. */
  slices: number;
  centroidIndex: Vec3;
}

/** Eigenvalues of a symmetric 3x3 matrix (closed form), descending. */
export function symmetricEigenvalues(a: number, b: number, c: number, d: number, e: number, f: number): [number, number, number] {
  // [[a, d, e], [d, b, f], [e, f, c]]
  const p1 = d * d + e * e + f * f;
  if (p1 < 1e-12) return [a, b, c].sort((x, y) => y - x) as [number, number, number];
  const q = (a + b + c) / 3;
  const p2 = (a - q) ** 2 + (b - q) ** 2 + (c - q) ** 2 + 2 * p1;
  const p = Math.sqrt(p2 / 6);
  const B: Mat3 = [(a - q) / p, d / p, e / p, d / p, (b - q) / p, f / p, e / p, f / p, (c - q) / p];
  const detB = B[0] * (B[4] * B[8] - B[5] * B[7]) - B[1] * (B[3] * B[8] - B[5] * B[6]) + B[2] * (B[3] * B[7] - B[4] * B[6]);
  const r = Math.max(-1, Math.min(1, detB / 2));
  const phi = Math.acos(r) / 3;
  const e1 = q + 2 * p * Math.cos(phi);
  const e3 = q + 2 * p * Math.cos(phi + (2 * Math.PI) / 3);
  return [e1, 3 * q - e1 - e3, e3];
}

/**
 * `voxels`: linear indices on a grid of `dims` with `spacing` (mm). The axial diameter is the largest
 * distance between pixel centres in one slice plus one pixel (the pixels' own extent).
 */
export function shapeFeatures(voxels: Int32Array, dims: Vec3, spacing: Vec3): ShapeFeatures {
  const [nx, ny] = dims;
  const plane = nx * ny;
  const [sx, sy, sz] = spacing;
  let mx = 0, my = 0, mz = 0;
  for (const p of voxels) {
    const i = p % nx;
    const j = ((p - i) / nx) % ny;
    const k = (p / plane) | 0;
    mx += i;
    my += j;
    mz += k;
  }
  const n = voxels.length;
  mx /= n;
  my /= n;
  mz /= n;
  let cxx = 0, cyy = 0, czz = 0, cxy = 0, cxz = 0, cyz = 0;
  const bySlice = new Map<number, [number, number][]>();
  for (const p of voxels) {
    const i = p % nx;
    const j = ((p - i) / nx) % ny;
    const k = (p / plane) | 0;
    const x = (i - mx) * sx;
    const y = (j - my) * sy;
    const z = (k - mz) * sz;
    cxx += x * x;
    cyy += y * y;
    czz += z * z;
    cxy += x * y;
    cxz += x * z;
    cyz += y * z;
    let list = bySlice.get(k);
    if (!list) bySlice.set(k, (list = []));
    list.push([i * sx, j * sy]);
  }
  const eigen = symmetricEigenvalues(
    cxx / n + (sx * sx) / 12,
    cyy / n + (sy * sy) / 12,
    czz / n + (sz * sz) / 12,
    cxy / n,
    cxz / n,
    cyz / n,
  );
  const [l1, l2, l3] = eigen.map((v) => Math.max(v, 1e-6)) as [number, number, number];
  const ellipsoidMm3 = (4 / 3) * Math.PI * Math.sqrt(125 * l1 * l2 * l3);
  let diameterMm = 0;
  let diameterK = Math.round(mz);
  let widest: [number, number][] = [];
  for (const pts of bySlice.values()) if (pts.length > widest.length) widest = pts;
  let ax = 0, ay = 0;
  for (const q of widest) { ax += q[0]; ay += q[1]; }
  ax /= widest.length;
  ay /= widest.length;
  let sxx = (sx * sx) / 12, syy = (sy * sy) / 12, sxy = 0;
  for (const q of widest) {
    sxx += (q[0] - ax) ** 2 / widest.length;
    syy += (q[1] - ay) ** 2 / widest.length;
    sxy += ((q[0] - ax) * (q[1] - ay)) / widest.length;
  }
  const tr = sxx + syy;
  const disc = Math.sqrt(Math.max(0, ((sxx - syy) / 2) ** 2 + sxy * sxy));
  const axialAspect = Math.sqrt((tr / 2 + disc) / Math.max(1e-9, tr / 2 - disc));
  for (const [k, pts] of bySlice) {
    const hull = convexHull2d(pts.flat());
    let best = 0;
    for (let a = 0; a < hull.length; a += 2) {
      for (let b = a + 2; b < hull.length; b += 2) {
        const d = (hull[a]! - hull[b]!) ** 2 + (hull[a + 1]! - hull[b + 1]!) ** 2;
        if (d > best) best = d;
      }
    }
    const d = Math.sqrt(best) + (sx + sy) / 2;
    if (d > diameterMm) {
      diameterMm = d;
      diameterK = k;
    }
  }
  return {
    eigen,
    elongation: Math.sqrt(l1 / l2),
    fill: (n * sx * sy * sz) / ellipsoidMm3,
    diameterMm,
    diameterK,
    axialAspect,
    slices: bySlice.size,
    centroidIndex: [mx, my, mz],
  };
}
