import { boundingBox, boxDims, growBox } from '../../imaging/bounding-box';
import type { Dims3, NumericArray } from './types';

/**
 * Copies the box [lo, lo + size) of `channels` stacked 3D arrays into a new array of `size`
 * (or into `dst` at `dstOffset`); parts of the box outside the source read as `fill` (so a box
 * larger than the source pads, one inside it crops). Self-contained (see README.md).
 */
export function extractBox<T extends NumericArray>(
  src: T,
  dims: Dims3,
  lo: Dims3,
  size: Dims3,
  channels: number,
  fill: number,
  dst: T | null,
  dstOffset: number,
): T {
  const vol = dims[0] * dims[1] * dims[2];
  const boxVol = size[0] * size[1] * size[2];
  const Ctor = src.constructor as new (n: number) => T;
  const out = dst ?? new Ctor(boxVol * channels);
  const x0a = Math.max(0, -lo[0]);
  const x0b = Math.min(size[0], dims[0] - lo[0]);
  for (let c = 0; c < channels; c++) {
    let o = dstOffset + c * boxVol;
    for (let z = 0; z < size[2]; z++) {
      const sz = lo[2] + z;
      for (let y = 0; y < size[1]; y++, o += size[0]) {
        const sy = lo[1] + y;
        if (sz < 0 || sz >= dims[2] || sy < 0 || sy >= dims[1] || x0b <= x0a) {
          if (fill !== 0 || dst) out.fill(fill, o, o + size[0]);
          continue;
        }
        if (x0a > 0) out.fill(fill, o, o + x0a);
        const s = c * vol + (sz * dims[1] + sy) * dims[0] + lo[0];
        out.set(src.subarray(s + x0a, s + x0b), o + x0a);
        if (x0b < size[0]) out.fill(fill, o + x0b, o + size[0]);
      }
    }
  }
  return out;
}

/**
 * The inverse of extractBox: writes `box` (`channels` stacked arrays of `size`) into a new array of
 * `dims` at `lo`, dropping what falls outside; the rest is `fill`. Self-contained (see README.md).
 */
export function insertBox<T extends NumericArray>(box: T, size: Dims3, dims: Dims3, lo: Dims3, channels: number, fill: number): T {
  const vol = dims[0] * dims[1] * dims[2];
  const boxVol = size[0] * size[1] * size[2];
  const Ctor = box.constructor as new (n: number) => T;
  const out = new Ctor(vol * channels);
  if (fill !== 0) out.fill(fill);
  const x0a = Math.max(0, -lo[0]);
  const x0b = Math.min(size[0], dims[0] - lo[0]);
  if (x0b <= x0a) return out;
  for (let c = 0; c < channels; c++) {
    for (let z = 0; z < size[2]; z++) {
      const dz = lo[2] + z;
      if (dz < 0 || dz >= dims[2]) continue;
      for (let y = 0; y < size[1]; y++) {
        const dy = lo[1] + y;
        if (dy < 0 || dy >= dims[1]) continue;
        const b = c * boxVol + (z * size[1] + y) * size[0];
        out.set(box.subarray(b + x0a, b + x0b), c * vol + (dz * dims[1] + dy) * dims[0] + lo[0] + x0a);
      }
    }
  }
  return out;
}

/**
 * Box of the voxels whose value is above `threshold`, grown by `margin` voxels and clamped to the
 * array; null when no voxel is above it.
 */
export function foregroundBox(data: NumericArray, dims: Dims3, threshold: number, margin: number): { lo: Dims3; size: Dims3 } | null {
  const box = boundingBox(data, dims, { above: threshold });
  if (!box) return null;
  const grown = growBox(box, [margin, margin, margin], dims);
  return { lo: grown.lo, size: boxDims(grown) };
}

/**
 * Start of the box of `target` voxels centred on an axis of `n` voxels: a centre crop when
 * target < n (start >= 0), a symmetric pad when target > n (start < 0, the extra voxel after).
 * Self-contained (see README.md).
 */
export function centeredStart(n: number, target: number): number {
  return n >= target ? Math.floor((n - target) / 2) : -Math.floor((target - n) / 2);
}
