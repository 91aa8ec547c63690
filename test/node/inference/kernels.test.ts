import { describe, expect, it } from 'vitest';
import { centeredStart, extractBox, foregroundBox, insertBox } from '../../../electron/core/inference/kernels/boxes';
import { argmaxLabels, sigmoidLabels, softmaxInPlace } from '../../../electron/core/inference/kernels/decide-labels';
import { invertPermutation, permuteAxes } from '../../../electron/core/inference/kernels/permute-axes';
import { scaleIntensity } from '../../../electron/core/inference/kernels/scale-intensity';
import { accumulateWindow, importanceMap, normalizeAccumulator, planWindows } from '../../../electron/core/inference/kernels/sliding-window';
import type { AxisPermutation, Dims3 } from '../../../electron/core/inference/kernels/types';
import { orientationPermutation } from '../../../electron/core/inference/orientation';

const at = (d: Dims3, i: number, j: number, k: number) => i + d[0] * (j + d[1] * k);

function ramp(d: Dims3): Float32Array {
  return Float32Array.from({ length: d[0] * d[1] * d[2] }, (_, q) => q);
}

describe('permuteAxes', () => {
  it('output axis t reads input axis perm[t], reversed where flipped', () => {
    const d: Dims3 = [4, 3, 2];
    const src = ramp(d);
    const p: AxisPermutation = { perm: [2, 0, 1], flip: [true, false, true] };
    const { data, dims } = permuteAxes(src, d, p, 1);
    expect(dims).toEqual([2, 4, 3]);
    for (let x2 = 0; x2 < 3; x2++)
      for (let x1 = 0; x1 < 4; x1++)
        for (let x0 = 0; x0 < 2; x0++) {
          // input index: axis perm[0]=2 <- x0 flipped, axis 0 <- x1, axis 1 <- x2 flipped
          const k = 1 - x0;
          const i = x1;
          const j = 2 - x2;
          expect(data[x0 + 2 * (x1 + 4 * x2)]).toBe(src[at(d, i, j, k)]);
        }
  });

  it('inverse permutations restore the array, per channel', () => {
    const d: Dims3 = [5, 4, 3];
    const two = new Float32Array(2 * 60).map((_, q) => q * 3 + 1);
    for (const perm of [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] as [number, number, number][]) {
      for (let f = 0; f < 8; f++) {
        const p: AxisPermutation = { perm, flip: [!!(f & 1), !!(f & 2), !!(f & 4)] };
        const fwd = permuteAxes(two, d, p, 2);
        const back = permuteAxes(fwd.data, fwd.dims, invertPermutation(p), 2);
        expect(back.dims).toEqual(d);
        expect(back.data).toEqual(two);
      }
    }
  });
});

describe('orientationPermutation', () => {
  it('maps an LIA (FreeSurfer conformed) grid to LPS and RAS', () => {
    // i -> +x (left), j -> -z (inferior), k -> -y (anterior)
    const lia: [number, number, number, number, number, number, number, number, number] = [1, 0, 0, 0, 0, -1, 0, -1, 0];
    expect(orientationPermutation(lia, 'LPS')).toEqual({ perm: [0, 2, 1], flip: [false, true, true] });
    expect(orientationPermutation(lia, 'RAS')).toEqual({ perm: [0, 2, 1], flip: [true, false, true] });
  });

  it('is the identity for an LPS grid and picks the nearest axes for an oblique one', () => {
    expect(orientationPermutation([1, 0, 0, 0, 1, 0, 0, 0, 1], 'LPS')).toEqual({ perm: [0, 1, 2], flip: [false, false, false] });
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    // rotated 0.3 rad about z: i ~ +x, j ~ +y
    expect(orientationPermutation([c, s, 0, -s, c, 0, 0, 0, 1], 'RAS')).toEqual({ perm: [0, 1, 2], flip: [true, true, false] });
  });
});

describe('boxes', () => {
  it('extractBox crops and pads; insertBox puts it back', () => {
    const d: Dims3 = [6, 5, 4];
    const src = ramp(d).map((v) => v + 1);
    const lo: Dims3 = [-1, 2, 1];
    const size: Dims3 = [8, 4, 2];
    const box = extractBox(src, d, lo, size, 1, -7, null, 0);
    for (let z = 0; z < 2; z++)
      for (let y = 0; y < 4; y++)
        for (let x = 0; x < 8; x++) {
          const [i, j, k] = [x + lo[0], y + lo[1], z + lo[2]];
          const inside = i >= 0 && i < 6 && j >= 0 && j < 5 && k >= 0 && k < 4;
          expect(box[x + 8 * (y + 4 * z)]).toBe(inside ? src[at(d, i, j, k)] : -7);
        }
    const back = insertBox(box, size, d, lo, 1, 0);
    for (let k = 0; k < 4; k++)
      for (let j = 0; j < 5; j++)
        for (let i = 0; i < 6; i++) {
          const inBox = j >= 2 && j < 6 && k >= 1 && k < 3;
          expect(back[at(d, i, j, k)]).toBe(inBox ? src[at(d, i, j, k)] : 0);
        }
  });

  it('extractBox writes into a destination at an offset, overwriting stale values', () => {
    const d: Dims3 = [3, 3, 3];
    const dst = new Float32Array(40).fill(99);
    extractBox(ramp(d), d, [2, 2, 2], [2, 2, 2], 1, 0, dst, 5);
    expect(Array.from(dst.subarray(5, 13))).toEqual([26, 0, 0, 0, 0, 0, 0, 0]);
    expect(dst[4]).toBe(99);
    expect(dst[13]).toBe(99);
  });

  it('foregroundBox finds the box above a threshold, with margin, clamped', () => {
    const d: Dims3 = [10, 8, 6];
    const a = new Float32Array(480);
    a[at(d, 3, 2, 1)] = 1;
    a[at(d, 6, 5, 4)] = 1;
    expect(foregroundBox(a, d, 0.5, 0)).toEqual({ lo: [3, 2, 1], size: [4, 4, 4] });
    expect(foregroundBox(a, d, 0.5, 2)).toEqual({ lo: [1, 0, 0], size: [8, 8, 6] });
    expect(foregroundBox(a, d, 1, 0)).toBeNull();
  });

  it('centeredStart crops centrally and pads symmetrically (extra voxel after)', () => {
    expect(centeredStart(10, 6)).toBe(2);
    expect(centeredStart(11, 6)).toBe(2);
    expect(centeredStart(6, 10)).toBe(-2);
    expect(centeredStart(5, 10)).toBe(-2);
    expect(centeredStart(7, 7)).toBe(0);
  });
});

describe('sliding-window kernels', () => {
  it('planWindows: MONAI-style steps, the last window flush with the end, all voxels covered', () => {
    expect(planWindows([10, 4, 4], [4, 4, 4], 0)).toEqual([0, 0, 0, 4, 0, 0, 6, 0, 0]);
    const starts = planWindows([10, 4, 4], [4, 4, 4], 0.5);
    expect(starts.filter((_, q) => q % 3 === 0)).toEqual([0, 2, 4, 6]);
    const d: Dims3 = [13, 7, 9];
    const roi: Dims3 = [5, 3, 4];
    const s = planWindows(d, roi, 0.25);
    const covered = new Uint8Array(13 * 7 * 9);
    for (let w = 0; w < s.length; w += 3)
      for (let k = 0; k < roi[2]; k++) for (let j = 0; j < roi[1]; j++) for (let i = 0; i < roi[0]; i++) covered[at(d, s[w]! + i, s[w + 1]! + j, s[w + 2]! + k)] = 1;
    expect(covered.every((c) => c === 1)).toBe(true);
    expect(() => planWindows([3, 8, 8], [4, 4, 4], 0)).toThrow(/fewer than the window/);
  });

  it('importanceMap: constant ones, or a gaussian peaking at 1 in the centre and positive everywhere', () => {
    expect(importanceMap([2, 2, 2], 'constant').every((w) => w === 1)).toBe(true);
    const g = importanceMap([9, 9, 9], 'gaussian');
    const d: Dims3 = [9, 9, 9];
    expect(g[at(d, 4, 4, 4)]).toBeCloseTo(1, 6);
    expect(g[at(d, 0, 0, 0)]).toBeGreaterThan(0);
    expect(g[at(d, 0, 0, 0)]).toBeLessThan(g[at(d, 1, 1, 1)]!);
    expect(g[at(d, 0, 4, 4)]).toBeCloseTo(g[at(d, 8, 4, 4)]!, 6);
  });

  it('accumulate + normalize averages overlapping windows by their weights', () => {
    const d: Dims3 = [3, 1, 1];
    const acc = new Float32Array(2 * 3);
    const weight = new Float32Array(3);
    const roi: Dims3 = [2, 1, 1];
    const imp = Float32Array.from([1, 3]);
    // window at 0: channel 0 = [10, 20], channel 1 = [1, 2]; window at 1: channel 0 = [30, 40], channel 1 = [3, 4]
    accumulateWindow(acc, weight, d, 2, [0, 0, 0], roi, Float32Array.from([10, 20, 1, 2]), 0, imp);
    accumulateWindow(acc, weight, d, 2, [1, 0, 0], roi, Float32Array.from([0, 30, 40, 3, 4]), 1, imp);
    normalizeAccumulator(acc, weight, 2);
    expect(Array.from(weight)).toEqual([1, 4, 3]);
    expect(acc[0]).toBeCloseTo(10);
    expect(acc[1]).toBeCloseTo((20 * 3 + 30 * 1) / 4);
    expect(acc[2]).toBeCloseTo(40);
    expect(acc[4]).toBeCloseTo((2 * 3 + 3) / 4);
  });
});

describe('intensity and decisions', () => {
  it('scaleIntensity: window clips to 0..1, minmax over the whole array, scale, none', () => {
    const src = Int16Array.from([-1000, 0, 40, 80, 400]);
    expect(Array.from(scaleIntensity(src, { kind: 'window', center: 40, width: 80 }))).toEqual([0, 0, 0.5, 1, 1]);
    expect(Array.from(scaleIntensity(src, { kind: 'minmax' }))).toEqual([0, 1000 / 1400, 1040 / 1400, 1080 / 1400, 1].map(Math.fround));
    expect(Array.from(scaleIntensity(Uint8Array.from([7, 7]), { kind: 'minmax' }))).toEqual([0, 0]);
    expect(Array.from(scaleIntensity(src, { kind: 'scale', slope: 0.5, intercept: 1 }))).toEqual([-499, 1, 21, 41, 201]);
    expect(Array.from(scaleIntensity(src, { kind: 'none' }))).toEqual([-1000, 0, 40, 80, 400]);
  });

  it('argmax (ties to the lower channel), sigmoid threshold, softmax', () => {
    // 3 voxels x 3 channels, channel-major
    const s = Float32Array.from([0, 5, 1, 2, 5, 1, 1, 0, 9]);
    expect(Array.from(argmaxLabels(s, 3, 3))).toEqual([1, 0, 2]);
    expect(Array.from(sigmoidLabels(Float32Array.from([0.1, 3, -2, 2.5, 4, -3]), 2, 3, 0.9))).toEqual([2, 2, 0]);
    const p = Float32Array.from([0, 0, Math.log(3)]);
    softmaxInPlace(p, 3, 1);
    expect(p[2]).toBeCloseTo(0.6, 6);
  });
});
