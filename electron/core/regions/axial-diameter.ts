import type { Vec3 } from '../dicom/dicom-instance';
import type { Mat3 } from '../volume-assembly/volume';
import { convexHull2d } from '../imaging/convex-hull';
import type { Box3 } from './region';

export { convexHull2d };

/**
 * The array axis closest to the patient's superior-inferior (z) axis: axial slices are the planes
 * across it (k for an axial CT, j for a coronal-stored 'LIA' brain volume).
 */
export function axialAxisOf(direction: Mat3): 0 | 1 | 2 {
  const z = [Math.abs(direction[2]), Math.abs(direction[5]), Math.abs(direction[8])];
  return z[0]! >= z[1]! && z[0]! >= z[2]! ? 0 : z[1]! >= z[2]! ? 1 : 2;
}

/**
 * Longest distance (mm) between the centres of two voxels of a region lying in the same axial
 * slice, over all axial slices. Per slice, only each row's two end voxels can be extreme; their
 * convex hull (in index space: the index-to-world map is affine, so it preserves hulls) is searched
 * pairwise with the world metric, so sheared and anisotropic grids are measured correctly.
 * 0 for a region whose slices each hold a single voxel.
 */
export function longestAxialDiameterMm(voxels: ArrayLike<number>, dims: Vec3, indexToWorld: Mat3, direction: Mat3, box: Box3): number {
  const a = axialAxisOf(direction);
  const u = a === 0 ? 1 : 0;
  const v = a === 2 ? 1 : 2;
  const slices = box.max[a] - box.min[a] + 1;
  const rows = box.max[v] - box.min[v] + 1;
  const minU = new Int32Array(slices * rows).fill(2147483647);
  const maxU = new Int32Array(slices * rows).fill(-1);
  const area = dims[0] * dims[1];
  const c: [number, number, number] = [0, 0, 0];
  for (let n = 0; n < voxels.length; n++) {
    const q = voxels[n]!;
    c[2] = (q / area) | 0;
    const rem = q - c[2] * area;
    c[1] = (rem / dims[0]) | 0;
    c[0] = rem - c[1] * dims[0];
    const idx = (c[a] - box.min[a]) * rows + (c[v] - box.min[v]);
    if (c[u] < minU[idx]!) minU[idx] = c[u];
    if (c[u] > maxU[idx]!) maxU[idx] = c[u];
  }
  // World offsets of one step along u and along v.
  const mu = [indexToWorld[u * 3]!, indexToWorld[u * 3 + 1]!, indexToWorld[u * 3 + 2]!];
  const mv = [indexToWorld[v * 3]!, indexToWorld[v * 3 + 1]!, indexToWorld[v * 3 + 2]!];
  let best = 0;
  for (let s = 0; s < slices; s++) {
    const pts: number[] = [];
    for (let r = 0; r < rows; r++) {
      const idx = s * rows + r;
      if (maxU[idx]! < 0) continue;
      pts.push(minU[idx]!, r);
      if (maxU[idx] !== minU[idx]) pts.push(maxU[idx]!, r);
    }
    const hull = pts.length > 6 ? convexHull2d(pts) : pts;
    const h = hull.length / 2;
    for (let p = 0; p < h; p++) {
      for (let q = p + 1; q < h; q++) {
        const du = hull[2 * q]! - hull[2 * p]!;
        const dv = hull[2 * q + 1]! - hull[2 * p + 1]!;
        const x = du * mu[0]! + dv * mv[0]!;
        const y = du * mu[1]! + dv * mv[1]!;
        const z = du * mu[2]! + dv * mv[2]!;
        const d2 = x * x + y * y + z * z;
        if (d2 > best) best = d2;
      }
    }
  }
  return Math.sqrt(best);
}
