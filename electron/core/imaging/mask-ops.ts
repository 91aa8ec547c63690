/**
 * Binary-mask operations on a [nx, ny, nz] grid (i fastest), shared by the analysis, regions and
 * registration: per-slice hole filling, geodesic (breadth-first) growth and box erosion/dilation.
 * Typed arrays and explicit queues only. (Connected components: connected-components.ts.)
 */
import type { Vec3 } from '../../shared/math/vec3';
import { boundingBox, growBox } from './bounding-box';

/**
 * Fills holes slice by slice (in place): background pixels not 4-connected to the slice border
 * become foreground. Works inside each slice's bounding box of the mask (grown by one pixel), since
 * everything outside it is connected to the border anyway.
 */
export function fillHolesPerSlice(mask: Uint8Array, dims: Vec3): Uint8Array {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const outside = new Uint8Array(plane);
  const queue = new Int32Array(plane);
  for (let k = 0; k < nz; k++) {
    const base = k * plane;
    const box = boundingBox(mask.subarray(base, base + plane), [nx, ny, 1]);
    if (!box) continue;
    const { lo: [i0, j0], hi: [i1, j1] } = growBox(box, [1, 1, 0], [nx, ny, 1]);
    for (let j = j0; j <= j1; j++) outside.fill(0, j * nx + i0, j * nx + i1 + 1);
    let tail = 0;
    const push = (q: number) => {
      if (!mask[base + q] && !outside[q]) {
        outside[q] = 1;
        queue[tail++] = q;
      }
    };
    for (let i = i0; i <= i1; i++) {
      push(j0 * nx + i);
      push(j1 * nx + i);
    }
    for (let j = j0; j <= j1; j++) {
      push(j * nx + i0);
      push(j * nx + i1);
    }
    let head = 0;
    while (head < tail) {
      const q = queue[head++]!;
      const i = q % nx;
      const j = (q - i) / nx;
      if (i > i0) push(q - 1);
      if (i < i1) push(q + 1);
      if (j > j0) push(q - nx);
      if (j < j1) push(q + nx);
    }
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const q = j * nx + i;
        if (!outside[q]) mask[base + q] = 1;
      }
    }
  }
  return mask;
}

/**
 * Multi-source breadth-first growth inside `allowed`: every reachable allowed voxel takes the label
 * of the nearest seed (6-connected steps; ties go to whichever front arrives first). `seeds` holds
 * labels (> 0) for seed voxels and 0 elsewhere; it is returned filled in.
 */
export function geodesicGrow(seeds: Uint8Array, allowed: Uint8Array, dims: Vec3): Uint8Array {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const n = plane * nz;
  const queue = new Int32Array(n);
  let tail = 0;
  for (let p = 0; p < n; p++) if (seeds[p]) queue[tail++] = p;
  let head = 0;
  while (head < tail) {
    const p = queue[head++]!;
    const l = seeds[p]!;
    const i = p % nx;
    const j = ((p - i) / nx) % ny;
    const k = (p / plane) | 0;
    if (i > 0 && allowed[p - 1] && !seeds[p - 1]) { seeds[p - 1] = l; queue[tail++] = p - 1; }
    if (i < nx - 1 && allowed[p + 1] && !seeds[p + 1]) { seeds[p + 1] = l; queue[tail++] = p + 1; }
    if (j > 0 && allowed[p - nx] && !seeds[p - nx]) { seeds[p - nx] = l; queue[tail++] = p - nx; }
    if (j < ny - 1 && allowed[p + nx] && !seeds[p + nx]) { seeds[p + nx] = l; queue[tail++] = p + nx; }
    if (k > 0 && allowed[p - plane] && !seeds[p - plane]) { seeds[p - plane] = l; queue[tail++] = p - plane; }
    if (k < nz - 1 && allowed[p + plane] && !seeds[p + plane]) { seeds[p + plane] = l; queue[tail++] = p + plane; }
  }
  return seeds;
}

/** Separable binary erosion (min) or dilation (max) with a box of half-widths `half` (voxels). */
export function boxFilter(mask: Uint8Array, dims: Vec3, half: readonly number[], erode: boolean): Uint8Array {
  let src: Uint8Array = mask;
  const [nx, ny] = dims;
  for (let axis = 0; axis < 3; axis++) {
    const h = half[axis]!;
    if (h <= 0) continue;
    const len = dims[axis]!;
    const stride = axis === 0 ? 1 : axis === 1 ? nx : nx * ny;
    const out = new Uint8Array(src.length);
    const lines = src.length / len;
    for (let line = 0; line < lines; line++) {
      // Start of the line: enumerate the other two axes.
      let start: number;
      if (axis === 0) start = line * nx;
      else if (axis === 1) start = (Math.floor(line / nx) * ny) * nx + (line % nx);
      else start = line;
      // Running count of ones in the window [t - h, t + h] (outside the grid: neutral).
      let ones = 0;
      let inside = 0;
      for (let t = -h; t < len + h; t++) {
        const add = t + h;
        if (add < len) {
          inside++;
          if (src[start + add * stride]) ones++;
        }
        const rem = t - h - 1;
        if (rem >= 0) {
          inside--;
          if (src[start + rem * stride]) ones--;
        }
        if (t >= 0 && t < len) out[start + t * stride] = erode ? (ones === inside ? 1 : 0) : ones > 0 ? 1 : 0;
      }
    }
    src = out;
  }
  return src;
}

