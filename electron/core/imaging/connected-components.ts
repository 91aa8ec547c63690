/**
 * Connected components on a [nx, ny, nz] grid (i fastest), the one implementation for the analysis,
 * regions, registration and evaluation: labelled components of a binary mask (`label3d`), a visitor
 * over the components of equal label values (`forEachComponent`), and per-value groups
 * (`forEachLabelValue`). Iterative breadth-first flood fill over typed arrays: no recursion,
 * linear in the volume plus 6 or 26 neighbour checks per foreground voxel. (4-connected components
 * of one slice, with their statistics: slice-components.ts.)
 */
import type { Vec3 } from '../../shared/math/vec3';

export type Connectivity = 6 | 26;

export type LabelArray = Uint8Array | Uint16Array | Int16Array | Int32Array;

export interface Components {
  /** 0 = background, 1..count. */
  labels: Int32Array;
  count: number;
  /** sizes[l] = voxel count of component l (sizes[0] unused). */
  sizes: Int32Array;
}

/**
 * Per voxel, which of its 6 neighbours exist (bit 0: i-1, 1: i+1, 2: j-1, 3: j+1, 4: k-1, 5: k+1).
 * Cached for the last grid: it replaces per-voxel divisions in the flood fills.
 */
let neighbourCache: { key: string; codes: Uint8Array } | null = null;
export function neighbourCodes(dims: Vec3): Uint8Array {
  const key = dims.join('x');
  if (neighbourCache?.key === key) return neighbourCache.codes;
  const [nx, ny, nz] = dims;
  const codes = new Uint8Array(nx * ny * nz);
  let p = 0;
  for (let k = 0; k < nz; k++) {
    const ck = (k > 0 ? 16 : 0) | (k < nz - 1 ? 32 : 0);
    for (let j = 0; j < ny; j++) {
      const cj = ck | (j > 0 ? 4 : 0) | (j < ny - 1 ? 8 : 0);
      for (let i = 0; i < nx; i++) codes[p++] = cj | (i > 0 ? 1 : 0) | (i < nx - 1 ? 2 : 0);
    }
  }
  neighbourCache = { key, codes };
  return codes;
}

/** The 26 neighbour offsets as (di, dj, dk), k slowest (the breadth-first order of each voxel's neighbours). */
function offsets26(): Int32Array {
  const offsets: number[] = [];
  for (let dk = -1; dk <= 1; dk++) {
    for (let dj = -1; dj <= 1; dj++) {
      for (let di = -1; di <= 1; di++) if (di || dj || dk) offsets.push(di, dj, dk);
    }
  }
  return Int32Array.from(offsets);
}

/**
 * The flood fill behind every function here. Seeds are voxels with a value > 0 (and, with `wanted`,
 * wanted[value] === 1), in scan order. A neighbour joins the component when its value equals the
 * seed's (`sameValue`) or is non-zero (binary masks). Each voxel's 6 neighbours are taken in the
 * order k-1, j-1, i-1, i+1, j+1, k+1; with 26-connectivity, in the order of offsets26.
 * `visit(value, queue, size)` gets each component's voxels as queue[0..size) in breadth-first
 * order, in a scratch array valid only during the call.
 */
function flood(
  values: LabelArray,
  dims: Vec3,
  connectivity: Connectivity,
  sameValue: boolean,
  wanted: Uint8Array | null,
  visit: (value: number, queue: Int32Array, size: number) => void,
): void {
  const [nx, ny, nz] = dims;
  const area = nx * ny;
  const n = area * nz;
  if (values.length !== n) throw new Error(`connected components: ${values.length} labels for dims ${dims.join('x')}`);
  const visited = new Uint8Array(n);
  const queue = new Int32Array(n);
  const codes = connectivity === 6 ? neighbourCodes(dims) : null;
  const offsets = connectivity === 26 ? offsets26() : null;
  for (let seed = 0; seed < n; seed++) {
    const value = values[seed]!;
    if (visited[seed] || !(value > 0) || (wanted !== null && !(value < 65536 && wanted[value] === 1))) continue;
    visited[seed] = 1;
    queue[0] = seed;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const p = queue[head++]!;
      if (codes) {
        const c = codes[p]!;
        let q = p - area;
        if (c & 16 && !visited[q] && (sameValue ? values[q] === value : values[q] !== 0)) { visited[q] = 1; queue[tail++] = q; }
        q = p - nx;
        if (c & 4 && !visited[q] && (sameValue ? values[q] === value : values[q] !== 0)) { visited[q] = 1; queue[tail++] = q; }
        q = p - 1;
        if (c & 1 && !visited[q] && (sameValue ? values[q] === value : values[q] !== 0)) { visited[q] = 1; queue[tail++] = q; }
        q = p + 1;
        if (c & 2 && !visited[q] && (sameValue ? values[q] === value : values[q] !== 0)) { visited[q] = 1; queue[tail++] = q; }
        q = p + nx;
        if (c & 8 && !visited[q] && (sameValue ? values[q] === value : values[q] !== 0)) { visited[q] = 1; queue[tail++] = q; }
        q = p + area;
        if (c & 32 && !visited[q] && (sameValue ? values[q] === value : values[q] !== 0)) { visited[q] = 1; queue[tail++] = q; }
      } else {
        const k = (p / area) | 0;
        const rem = p - k * area;
        const j = (rem / nx) | 0;
        const i = rem - j * nx;
        for (let o = 0; o < offsets!.length; o += 3) {
          const ii = i + offsets![o]!;
          const jj = j + offsets![o + 1]!;
          const kk = k + offsets![o + 2]!;
          if (ii < 0 || ii >= nx || jj < 0 || jj >= ny || kk < 0 || kk >= nz) continue;
          const q = kk * area + jj * nx + ii;
          if (!visited[q] && (sameValue ? values[q] === value : values[q] !== 0)) { visited[q] = 1; queue[tail++] = q; }
        }
      }
    }
    visit(value, queue, tail);
  }
}

/**
 * Calls `visit(value, voxels)` once per connected component of equal non-zero label values in
 * `values` (all values > 0 when omitted), in scan order of each component's first voxel.
 * Voxels are indices k * dims[0] * dims[1] + j * dims[0] + i in breadth-first order; the array is
 * scratch space, valid only during the call (the visitor may sort it in place).
 */
export function forEachComponent(
  labels: LabelArray,
  dims: Vec3,
  connectivity: Connectivity,
  values: readonly number[] | null,
  visit: (value: number, voxels: Int32Array) => void,
): void {
  let wanted: Uint8Array | null = null;
  if (values) {
    wanted = new Uint8Array(65536);
    for (const v of values) if (v > 0 && v < 65536) wanted[v] = 1;
  }
  flood(labels, dims, connectivity, true, wanted, (value, queue, size) => visit(value, queue.subarray(0, size)));
}

/** 6-connected components of the non-zero voxels of `mask`, labelled 1..count in scan order of their first voxel. */
export function label3d(mask: Uint8Array, dims: Vec3): Components {
  const labels = new Int32Array(mask.length);
  const sizes: number[] = [0];
  flood(mask, dims, 6, false, null, (_, queue, size) => {
    const label = sizes.length;
    for (let x = 0; x < size; x++) labels[queue[x]!] = label;
    sizes.push(size);
  });
  return { labels, count: sizes.length - 1, sizes: Int32Array.from(sizes) };
}

/** Mask of one component label. */
export function componentMask(labels: Int32Array, label: number): Uint8Array {
  const out = new Uint8Array(labels.length);
  for (let p = 0; p < labels.length; p++) if (labels[p] === label) out[p] = 1;
  return out;
}

/** Mask of the largest 6-connected component (the first in scan order among equals; empty when there is none). */
export function largestComponent(mask: Uint8Array, dims: Vec3): Uint8Array {
  const cc = label3d(mask, dims);
  let best = 0;
  for (let l = 1; l <= cc.count; l++) if (best === 0 || cc.sizes[l]! > cc.sizes[best]!) best = l;
  return best ? componentMask(cc.labels, best) : new Uint8Array(mask.length);
}

/** Every voxel of each wanted value (1..65535) as one group per value, ascending indices; two passes over the labels. */
export function forEachLabelValue(labels: LabelArray, values: readonly number[], visit: (value: number, voxels: Int32Array) => void): void {
  const slot = new Int32Array(65536).fill(-1);
  const list = values.filter((v, idx) => Number.isInteger(v) && v > 0 && v < 65536 && values.indexOf(v) === idx);
  list.forEach((v, idx) => (slot[v] = idx));
  const counts = new Int32Array(list.length);
  for (let q = 0; q < labels.length; q++) {
    const v = labels[q]!;
    if (v > 0 && v < 65536 && slot[v]! >= 0) counts[slot[v]!]!++;
  }
  const groups = list.map((_, idx) => new Int32Array(counts[idx]!));
  const fill = new Int32Array(list.length);
  for (let q = 0; q < labels.length; q++) {
    const v = labels[q]!;
    if (v > 0 && v < 65536) {
      const s = slot[v]!;
      if (s >= 0) groups[s]![fill[s]!++] = q;
    }
  }
  list.forEach((value, idx) => {
    if (counts[idx]! > 0) visit(value, groups[idx]!);
  });
}
