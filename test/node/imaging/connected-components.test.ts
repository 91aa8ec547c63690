import { describe, expect, it } from 'vitest';
import { forEachComponent, forEachLabelValue, label3d, largestComponent, type Connectivity } from '../../../electron/core/imaging/connected-components';
import type { Vec3 } from '../../../electron/core/dicom/dicom-instance';

function grid(dims: Vec3): { labels: Uint8Array; set: (i: number, j: number, k: number, v?: number) => void; box: (lo: Vec3, hi: Vec3, v?: number) => void } {
  const labels = new Uint8Array(dims[0] * dims[1] * dims[2]);
  const set = (i: number, j: number, k: number, v = 1) => {
    labels[i + dims[0] * (j + dims[1] * k)] = v;
  };
  const box = (lo: Vec3, hi: Vec3, v = 1) => {
    for (let k = lo[2]; k <= hi[2]; k++) for (let j = lo[1]; j <= hi[1]; j++) for (let i = lo[0]; i <= hi[0]; i++) set(i, j, k, v);
  };
  return { labels, set, box };
}

function components(labels: Uint8Array, dims: Vec3, c: Connectivity, values: number[] | null = null): { value: number; size: number }[] {
  const out: { value: number; size: number }[] = [];
  forEachComponent(labels, dims, c, values, (value, voxels) => out.push({ value, size: voxels.length }));
  return out;
}

describe('connected components', () => {
  const dims: Vec3 = [12, 10, 8];

  it('two separate blobs are two components with their exact sizes', () => {
    const g = grid(dims);
    g.box([0, 0, 0], [2, 2, 2]); // 27
    g.box([6, 5, 4], [9, 6, 4]); // 8
    expect(components(g.labels, dims, 26)).toEqual([
      { value: 1, size: 27 },
      { value: 1, size: 8 },
    ]);
    expect(components(g.labels, dims, 6)).toHaveLength(2);
  });

  it('cubes touching only at a corner are one component with 26-connectivity, two with 6', () => {
    const g = grid(dims);
    g.box([0, 0, 0], [1, 1, 1]);
    g.box([2, 2, 2], [3, 3, 3]);
    expect(components(g.labels, dims, 26)).toEqual([{ value: 1, size: 16 }]);
    expect(components(g.labels, dims, 6)).toEqual([
      { value: 1, size: 8 },
      { value: 1, size: 8 },
    ]);
  });

  it('voxels touching along an edge (diagonal in one plane) and a diagonal line', () => {
    const g = grid(dims);
    g.set(5, 5, 5);
    g.set(6, 6, 5); // edge neighbour
    for (let t = 0; t < 4; t++) g.set(t, t, 7 - t); // a 3D diagonal line at the far corner... independent of the pair
    expect(components(g.labels, dims, 26).map((c) => c.size)).toEqual([4, 2]);
    expect(components(g.labels, dims, 6).map((c) => c.size)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('different labels never merge; only the asked-for values are returned', () => {
    const g = grid(dims);
    g.box([0, 0, 0], [3, 3, 3], 1);
    g.box([4, 0, 0], [5, 3, 3], 2); // face-adjacent, other label
    expect(components(g.labels, dims, 26)).toEqual([
      { value: 1, size: 64 },
      { value: 2, size: 32 },
    ]);
    expect(components(g.labels, dims, 26, [2])).toEqual([{ value: 2, size: 32 }]);
  });

  it('the voxel lists are exact (indices of the component)', () => {
    const g = grid(dims);
    g.set(1, 2, 3);
    g.set(1, 3, 3);
    const lists: number[][] = [];
    forEachComponent(g.labels, dims, 6, null, (_v, voxels) => lists.push(Array.from(voxels).sort((a, b) => a - b)));
    expect(lists).toEqual([[1 + 12 * (2 + 10 * 3), 1 + 12 * (3 + 10 * 3)]]);
  });

  it('a component that wraps around (U shape) is found once, not split', () => {
    const g = grid(dims);
    g.box([0, 0, 0], [0, 5, 0]);
    g.box([0, 5, 0], [5, 5, 0]);
    g.box([5, 0, 0], [5, 5, 0]);
    expect(components(g.labels, dims, 6)).toEqual([{ value: 1, size: 6 + 4 + 6 }]);
  });

  it('forEachLabelValue groups all voxels of a value, ascending', () => {
    const g = grid(dims);
    g.set(0, 0, 0, 3);
    g.set(11, 9, 7, 3);
    g.set(5, 5, 5, 4);
    const out: [number, number[]][] = [];
    forEachLabelValue(g.labels, [3, 4, 9], (v, voxels) => out.push([v, Array.from(voxels)]));
    expect(out).toEqual([
      [3, [0, 959]],
      [4, [5 + 12 * (5 + 10 * 5)]],
    ]);
  });

  for (const [name, big] of [
    ['512x512x64', [512, 512, 64]],
    ['256^3', [256, 256, 256]],
  ] as [string, Vec3][]) {
    it(`handles a ${name} volume (no recursion, typed arrays): exact counts on a lattice of blobs`, () => {
      const labels = new Uint8Array(big[0] * big[1] * big[2]);
      // blobs of 4x4x4 voxels every 8 voxels on each axis, plus one slab spanning the whole volume
      let blobs = 0;
      for (let k = 0; k + 4 <= big[2] - 8; k += 8)
        for (let j = 0; j + 4 <= big[1]; j += 8)
          for (let i = 0; i + 4 <= big[0]; i += 8) {
            blobs++;
            for (let z = k; z < k + 4; z++) for (let y = j; y < j + 4; y++) labels.fill(1, i + big[0] * (y + big[1] * z), i + 4 + big[0] * (y + big[1] * z));
          }
      const slabStart = big[0] * big[1] * (big[2] - 2);
      labels.fill(2, slabStart);
      const t0 = performance.now();
      const sizes = new Map<number, number[]>();
      forEachComponent(labels, big, 26, null, (v, voxels) => {
        if (!sizes.has(v)) sizes.set(v, []);
        sizes.get(v)!.push(voxels.length);
      });
      const ms = performance.now() - t0;
      console.log(`connected components on ${name} (${blobs} blobs + a slab): ${ms.toFixed(0)} ms`);
      expect(sizes.get(1)!.length).toBe(blobs);
      expect(sizes.get(1)!.every((s) => s === 64)).toBe(true);
      expect(sizes.get(2)).toEqual([big[0] * big[1] * 2]);
      expect(ms).toBeLessThan(30_000); // a guard against accidental quadratic work, not a speed target
    });
  }
});

/** Reference: union-find over every pair of 6-neighbours, components numbered in scan order of their first voxel. */
function referenceLabels(mask: Uint8Array, dims: Vec3): Int32Array {
  const n = mask.length;
  const parent = Int32Array.from({ length: n }, (_, p) => p);
  const find = (p: number): number => (parent[p] === p ? p : (parent[p] = find(parent[p]!)));
  const [nx, ny, nz] = dims;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const p = i + nx * (j + ny * k);
        if (!mask[p]) continue;
        for (const [di, dj, dk] of [[1, 0, 0], [0, 1, 0], [0, 0, 1]] as const) {
          if (i + di >= nx || j + dj >= ny || k + dk >= nz) continue;
          const q = p + di + nx * dj + nx * ny * dk;
          if (mask[q]) parent[find(q)] = find(p);
        }
      }
  const labelOfRoot = new Map<number, number>();
  const out = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    if (!mask[p]) continue;
    const r = find(p);
    if (!labelOfRoot.has(r)) labelOfRoot.set(r, labelOfRoot.size + 1);
    out[p] = labelOfRoot.get(r)!;
  }
  return out;
}

describe('label3d (binary masks, 6-connected)', () => {
  const dims3: Vec3 = [12, 10, 8];

  it('labels and sizes match a union-find reference on random masks (any non-zero value is foreground)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (const [dims, density] of [[[9, 7, 5], 0.35], [[16, 3, 11], 0.5], [[20, 20, 1], 0.55]] as [Vec3, number][]) {
      const mask = Uint8Array.from({ length: dims[0] * dims[1] * dims[2] }, () => (rnd() < density ? 1 + Math.floor(rnd() * 3) : 0));
      const cc = label3d(mask, dims);
      const ref = referenceLabels(mask, dims);
      expect(Array.from(cc.labels)).toEqual(Array.from(ref));
      expect(cc.count).toBe(Math.max(0, ...ref));
      for (let l = 1; l <= cc.count; l++) expect(cc.sizes[l]).toBe(ref.filter((v) => v === l).length);
    }
  });

  it('largestComponent keeps the biggest one (the first in scan order among equals), empty mask for none', () => {
    const g = grid(dims3);
    g.box([0, 0, 0], [1, 1, 0]); // 4
    g.box([5, 5, 5], [6, 6, 6]); // 8
    g.box([9, 0, 0], [9, 7, 0]); // 8 as well, and its first voxel comes before the cube's in scan order
    const largest = largestComponent(g.labels, dims3);
    expect(largest.reduce((a, v) => a + v, 0)).toBe(8);
    expect(largest[9]).toBe(1); // the column at i = 9 starts first in scan order
    expect(largestComponent(new Uint8Array(g.labels.length), dims3).every((v) => v === 0)).toBe(true);
  });
});
