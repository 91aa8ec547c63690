import type { Vec3 } from '../dicom/dicom-instance';

export type Connectivity = 6 | 26;

export type LabelArray = Uint8Array | Uint16Array | Int16Array | Int32Array;

/**
 * Calls `visit(value, voxels)` once per connected component of equal non-zero label values in
 * `values` (all non-zero values when omitted), in scan order of each component's first voxel.
 * Voxels are indices k * dims[0] * dims[1] + j * dims[0] + i in breadth-first order; the array is
 * scratch space, valid only during the call (the visitor may sort it in place).
 *
 * Iterative breadth-first flood fill over typed arrays (a Uint8 visited map and one Int32 queue of
 * the volume's size): no recursion, linear in the volume plus 6 or 26 neighbour checks per
 * foreground voxel.
 */
export function forEachComponent(
  labels: LabelArray,
  dims: Vec3,
  connectivity: Connectivity,
  values: readonly number[] | null,
  visit: (value: number, voxels: Int32Array) => void,
): void {
  const [nx, ny, nz] = dims;
  const area = nx * ny;
  const n = area * nz;
  if (labels.length !== n) throw new Error(`forEachComponent: ${labels.length} labels for dims ${dims.join('x')}`);
  const wanted = new Uint8Array(65536);
  if (values) for (const v of values) if (v > 0 && v < 65536) wanted[v] = 1;
  const isWanted = (v: number): boolean => v > 0 && (values === null || (v < 65536 && wanted[v] === 1));

  // Neighbour offsets as (di, dj, dk).
  const offsets: number[] = [];
  for (let dk = -1; dk <= 1; dk++) {
    for (let dj = -1; dj <= 1; dj++) {
      for (let di = -1; di <= 1; di++) {
        const manhattan = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
        if (manhattan === 0 || (connectivity === 6 && manhattan !== 1)) continue;
        offsets.push(di, dj, dk);
      }
    }
  }
  const nOff = offsets.length / 3;
  const visited = new Uint8Array(n);
  const queue = new Int32Array(n);

  for (let seed = 0; seed < n; seed++) {
    const value = labels[seed]!;
    if (visited[seed] || !isWanted(value)) continue;
    visited[seed] = 1;
    queue[0] = seed;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = queue[head++]!;
      const k = (v / area) | 0;
      const rem = v - k * area;
      const j = (rem / nx) | 0;
      const i = rem - j * nx;
      for (let o = 0; o < nOff; o++) {
        const ii = i + offsets[3 * o]!;
        const jj = j + offsets[3 * o + 1]!;
        const kk = k + offsets[3 * o + 2]!;
        if (ii < 0 || ii >= nx || jj < 0 || jj >= ny || kk < 0 || kk >= nz) continue;
        const w = kk * area + jj * nx + ii;
        if (visited[w] || labels[w] !== value) continue;
        visited[w] = 1;
        queue[tail++] = w;
      }
    }
    visit(value, queue.subarray(0, tail));
  }
}

/** Every voxel of each wanted value (1..65535) as one group per value, ascending indices; two passes over the labels. */
export function forEachLabelValue(labels: LabelArray, values: readonly number[], visit: (value: number, voxels: Int32Array) => void): void {
  const slot = new Int32Array(65536).fill(-1);
  const list = values.filter((v, idx) => Number.isInteger(v) && v > 0 && v < 65536 && values.indexOf(v) === idx);
  list.forEach((v, idx) => (slot[v] = idx));
  const counts = new Int32Array(list.length);
  for (let q = 0; q < labels.length; q++) {
    const v = labels[q]!;
    if (v > 0 && v < 65536 && slot[v]! >= 0) counts[slot[v]!]++;
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
