/**
 * How deep a region reaches into the lung envelope: the largest distance (mm) from any of its
 * voxels to the nearest voxel outside the envelope (chest wall, mediastinum, diaphragm), computed
 * with an exact separable Euclidean distance transform on a box of the working grid around it.
 * A lesion bulges into the lung (depth comparable to its radius); tissue the envelope took in from
 * a corner of the wall is a thin wedge (depth well under its radius).
 */
import type { Vec3 } from '../../dicom/dicom-instance';
import { EDT_INF as INF, squaredDistance1d } from '../../imaging/distance-transform';

/**
 * `region`: working-grid linear indices; `envelope`: working-grid mask (non-zero inside).
 * The box reaches `marginMm` beyond the region; depths beyond the box saturate at the margin.
 */
export function envelopeDepthMm(region: Int32Array, envelope: Uint8Array, dims: Vec3, spacing: Vec3, marginMm = 40): number {
  if (!region.length) return 0;
  const [nx, ny] = dims;
  const plane = nx * ny;
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const p of region) {
    const c: Vec3 = [p % nx, Math.floor(p / nx) % ny, Math.floor(p / plane)];
    for (let a = 0; a < 3; a++) {
      const v = c[a]!;
      if (v < lo[a]!) lo[a] = v;
      if (v > hi[a]!) hi[a] = v;
    }
  }
  for (const a of [0, 1, 2] as const) {
    const m = Math.ceil(marginMm / spacing[a]);
    lo[a] = Math.max(0, lo[a] - m);
    hi[a] = Math.min(dims[a] - 1, hi[a] + m);
  }
  const bx = hi[0] - lo[0] + 1;
  const by = hi[1] - lo[1] + 1;
  const bz = hi[2] - lo[2] + 1;
  const dist = new Float64Array(bx * by * bz);
  let anyOutside = false;
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      for (let i = 0; i < bx; i++) {
        const outside = !envelope[(k + lo[2]) * plane + (j + lo[1]) * nx + (i + lo[0])];
        dist[(k * by + j) * bx + i] = outside ? 0 : INF;
        if (outside) anyOutside = true;
      }
    }
  }
  if (!anyOutside) return marginMm;
  const n = Math.max(bx, by, bz);
  const f = new Float64Array(n);
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  const lens: Vec3 = [bx, by, bz];
  const strides: Vec3 = [1, bx, bx * by];
  for (const axis of [0, 1, 2] as const) {
    const len = lens[axis];
    const stride = strides[axis];
    const s2 = spacing[axis] * spacing[axis];
    const o1 = axis === 0 ? 1 : 0;
    const o2 = axis === 2 ? 1 : 2;
    for (let u = 0; u < lens[o1]; u++) {
      for (let w = 0; w < lens[o2]; w++) {
        const start = u * strides[o1] + w * strides[o2];
        for (let t = 0; t < len; t++) f[t] = dist[start + t * stride]!;
        squaredDistance1d(f, len, s2, d, v, z);
        for (let t = 0; t < len; t++) dist[start + t * stride] = d[t]!;
      }
    }
  }
  let best = 0;
  for (const p of region) {
    const i = (p % nx) - lo[0];
    const j = (Math.floor(p / nx) % ny) - lo[1];
    const k = Math.floor(p / plane) - lo[2];
    const q = dist[(k * by + j) * bx + i]!;
    if (q > best) best = q;
  }
  return Math.min(marginMm, Math.sqrt(best));
}
