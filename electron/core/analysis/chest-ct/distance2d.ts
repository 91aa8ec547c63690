/**
 * Exact 2D Euclidean distance transform (Felzenszwalb & Huttenlocher's lower envelope of parabolas),
 * squared distances in pixel units, on one slice of a mask. Used for per-slice morphological
 * closing with a disc.
 */
import { boundingBox } from '../../imaging/bounding-box';
import { EDT_INF as INF, squaredDistance1d } from '../../imaging/distance-transform';

/**
 * Squared distance (pixels^2) from every pixel of a w x h image to the nearest target pixel: `img`
 * holds 0 on targets and INF elsewhere on input, the squared distances on output.
 */
function squaredDistance2dInPlace(img: Float64Array, w: number, h: number, s: Scratch): void {
  const { f, d, v, z } = s;
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) f[y] = img[y * w + x]!;
    squaredDistance1d(f, h, 1, d, v, z);
    for (let y = 0; y < h; y++) img[y * w + x] = d[y]!;
  }
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) f[x] = img[row + x]!;
    squaredDistance1d(f, w, 1, d, v, z);
    for (let x = 0; x < w; x++) img[row + x] = d[x]!;
  }
}

interface Scratch {
  a: Float64Array;
  f: Float64Array;
  d: Float64Array;
  v: Int32Array;
  z: Float64Array;
}

export function discScratch(nx: number, ny: number): Scratch {
  const n = Math.max(nx, ny) + 2;
  return { a: new Float64Array(nx * ny * 2), f: new Float64Array(n), d: new Float64Array(n), v: new Int32Array(n), z: new Float64Array(n + 1) };
}

/**
 * Morphological closing of one slice of `mask` (value `label`) with a disc of `radius` pixels,
 * written as 1s into `dst` (same slice). Computed on the slice's bounding box of the mask grown by
 * the radius; pixels beyond the image border count as background.
 */
export function closeSliceWithDisc(mask: Uint8Array, label: number, dst: Uint8Array, nx: number, ny: number, k: number, radius: number, s: Scratch): void {
  const base = k * nx * ny;
  const box = boundingBox(mask.subarray(base, base + nx * ny), [nx, ny, 1], { equals: label });
  if (!box) return;
  const [i0, j0] = box.lo;
  const [i1, j1] = box.hi;
  const m = Math.ceil(radius) + 1;
  // Box with a margin; pixels outside the image are background (never targets of the dilation).
  const bx0 = i0 - m, by0 = j0 - m;
  const w = i1 - i0 + 1 + 2 * m;
  const h = j1 - j0 + 1 + 2 * m;
  if (s.a.length < w * h || s.f.length < Math.max(w, h) + 1) {
    Object.assign(s, discScratch(w, h));
    s.a = new Float64Array(w * h);
  }
  const img = s.a.subarray(0, w * h);
  for (let y = 0; y < h; y++) {
    const j = by0 + y;
    for (let x = 0; x < w; x++) {
      const i = bx0 + x;
      const inside = i >= 0 && j >= 0 && i < nx && j < ny && mask[base + j * nx + i] === label;
      img[y * w + x] = inside ? 0 : INF;
    }
  }
  squaredDistance2dInPlace(img, w, h, s);
  const r2 = radius * radius;
  // Dilated = within radius of the mask; the closing keeps what is farther than radius from the
  // dilation's complement.
  for (let q = 0; q < w * h; q++) img[q] = img[q]! > r2 ? 0 : INF;
  squaredDistance2dInPlace(img, w, h, s);
  for (let y = 0; y < h; y++) {
    const j = by0 + y;
    if (j < 0 || j >= ny) continue;
    for (let x = 0; x < w; x++) {
      const i = bx0 + x;
      if (i < 0 || i >= nx) continue;
      if (img[y * w + x]! > r2) dst[base + j * nx + i] = 1;
    }
  }
}
