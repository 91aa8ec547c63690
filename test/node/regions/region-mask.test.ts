import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../electron/core/dicom/dicom-instance';
import { decodeRegionMask, encodeRegionMask } from '../../../electron/core/regions/region-mask-codec';
import { maskFromSortedIndices, maskToIndices, maskVoxelCount } from '../../../electron/core/regions/region-mask';
import type { RegionMask } from '../../../electron/core/regions/region';

function randomIndices(n: number, density: number, seed: number): Int32Array {
  const out: number[] = [];
  let s = seed;
  for (let q = 0; q < n; q++) {
    s = (s * 48271) % 2147483647;
    if (s / 2147483647 < density) out.push(q);
  }
  return Int32Array.from(out);
}

describe('RegionMask run-length encoding', () => {
  it('encodes runs per slice over j * dims[0] + i, omitting empty slices', () => {
    const dims: Vec3 = [4, 3, 3];
    // slice 0: voxels 1,2,3 and 4 (row wrap is one run: in-slice indices are contiguous), slice 2: 11
    const mask = maskFromSortedIndices([1, 2, 3, 4, 24 + 11], dims);
    expect(mask).toEqual({ dims: [4, 3, 3], slices: [{ k: 0, runs: [1, 4] }, { k: 2, runs: [11, 1] }] });
    expect(Array.from(maskToIndices(mask))).toEqual([1, 2, 3, 4, 35]);
    expect(maskVoxelCount(mask)).toBe(5);
  });

  for (const density of [0.001, 0.3, 0.97]) {
    it(`round-trips exactly (indices -> mask -> bytes -> mask -> indices), density ${density}`, () => {
      const dims: Vec3 = [37, 29, 13];
      const indices = randomIndices(37 * 29 * 13, density, 7 + Math.round(density * 1000));
      const mask = maskFromSortedIndices(indices, dims);
      const bytes = encodeRegionMask(mask);
      const decoded = decodeRegionMask(bytes);
      expect(decoded).toEqual(mask);
      expect(maskToIndices(decoded)).toEqual(indices);
    });
  }

  it('is compact for solid shapes (deflated when that helps)', () => {
    const dims: Vec3 = [256, 256, 64];
    const idx: number[] = [];
    for (let k = 10; k < 50; k++) for (let j = 60; j < 200; j++) for (let i = 70; i < 190; i++) idx.push(i + 256 * (j + 256 * k));
    const bytes = encodeRegionMask(maskFromSortedIndices(idx, dims));
    expect(bytes.length).toBeLessThan(2_000); // 672,000 voxels, 5,600 runs
    expect(bytes[4]).toBe(1); // deflate flag
    expect(maskVoxelCount(decodeRegionMask(bytes))).toBe(idx.length);
  });

  it('refuses corrupt or inconsistent data', () => {
    const good = encodeRegionMask({ dims: [4, 4, 2], slices: [{ k: 1, runs: [2, 3] }] });
    expect(() => decodeRegionMask(good.subarray(0, 3))).toThrow(expect.objectContaining({ code: 'CORRUPT_INPUT' }));
    const badMagic = good.slice();
    badMagic[0] = 0;
    expect(() => decodeRegionMask(badMagic)).toThrow(/bad magic/);
    const truncated = encodeRegionMask({ dims: [4, 4, 2], slices: [{ k: 1, runs: [2, 3] }] });
    expect(() => decodeRegionMask(truncated.subarray(0, truncated.length - 1))).toThrow(expect.objectContaining({ code: 'CORRUPT_INPUT' }));
    const bad: RegionMask[] = [
      { dims: [4, 4, 2], slices: [{ k: 2, runs: [0, 1] }] }, // k outside
      { dims: [4, 4, 2], slices: [{ k: 0, runs: [15, 2] }] }, // run leaves the slice
      { dims: [4, 4, 2], slices: [{ k: 0, runs: [5, 2, 3, 1] }] }, // runs out of order
      { dims: [4, 4, 2], slices: [{ k: 1, runs: [0, 1] }, { k: 0, runs: [0, 1] }] }, // slices out of order
      { dims: [4, 4, 2], slices: [{ k: 0, runs: [] }] }, // empty slice
    ];
    for (const m of bad) expect(() => encodeRegionMask(m)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
  });
});
