import { describe, expect, it } from 'vitest';
import { boundingBox, boundingBoxOfVoxels, boxDims, growBox } from '../../../electron/core/imaging/bounding-box';
import type { Vec3 } from '../../../electron/shared/math/vec3';

const dims: Vec3 = [7, 5, 4];
const at = (i: number, j: number, k: number) => i + dims[0] * (j + dims[1] * k);

describe('boundingBox', () => {
  it('bounds the non-zero voxels of a mask, inclusive', () => {
    const mask = new Uint8Array(dims[0] * dims[1] * dims[2]);
    mask[at(2, 1, 1)] = 1;
    mask[at(5, 3, 2)] = 7;
    mask[at(3, 4, 1)] = 1;
    expect(boundingBox(mask, dims)).toEqual({ lo: [2, 1, 1], hi: [5, 4, 2] });
  });

  it('finds a single voxel on every corner and edge of the grid', () => {
    for (const [i, j, k] of [[0, 0, 0], [6, 4, 3], [6, 0, 0], [0, 4, 3], [3, 2, 0]] as Vec3[]) {
      const mask = new Uint8Array(dims[0] * dims[1] * dims[2]);
      mask[at(i, j, k)] = 1;
      expect(boundingBox(mask, dims)).toEqual({ lo: [i, j, k], hi: [i, j, k] });
    }
  });

  it('bounds one label of a label volume and ignores the others', () => {
    const labels = new Int32Array(dims[0] * dims[1] * dims[2]);
    labels[at(0, 0, 0)] = 1;
    labels[at(6, 4, 3)] = 1;
    labels[at(4, 1, 2)] = 2;
    labels[at(1, 3, 2)] = 2;
    labels[at(2, 2, 2)] = 3;
    expect(boundingBox(labels, dims, { equals: 2 })).toEqual({ lo: [1, 1, 2], hi: [4, 3, 2] });
    expect(boundingBox(labels, dims, { equals: 1 })).toEqual({ lo: [0, 0, 0], hi: [6, 4, 3] });
    expect(boundingBox(labels, dims, { equals: 9 })).toBeNull();
  });

  it('bounds the voxels strictly above a threshold, never NaN ones', () => {
    const data = new Float32Array(dims[0] * dims[1] * dims[2]).fill(0.2);
    data[at(1, 1, 1)] = 0.9;
    data[at(4, 2, 3)] = 0.51;
    data[at(6, 4, 0)] = 0.5;
    data[at(0, 0, 0)] = Number.NaN;
    expect(boundingBox(data, dims, { above: 0.5 })).toEqual({ lo: [1, 1, 1], hi: [4, 2, 3] });
    expect(boundingBox(data, dims, { above: 0.9 })).toBeNull();
    expect(boundingBox(data, dims, { above: -1 })).toEqual({ lo: [0, 0, 0], hi: [6, 4, 3] });
    const nan = new Float32Array(dims[0] * dims[1] * dims[2]).fill(Number.NaN);
    nan[at(3, 2, 1)] = 0;
    expect(boundingBox(nan, dims, { above: -1 })).toEqual({ lo: [3, 2, 1], hi: [3, 2, 1] });
  });

  it('is null for an empty mask, and matches a brute-force box on random masks', () => {
    expect(boundingBox(new Uint8Array(dims[0] * dims[1] * dims[2]), dims)).toBeNull();
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let trial = 0; trial < 50; trial++) {
      const mask = new Uint8Array(dims[0] * dims[1] * dims[2]);
      const lo: Vec3 = [99, 99, 99];
      const hi: Vec3 = [-1, -1, -1];
      for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) {
        if (rand() > 0.04) continue;
        mask[at(i, j, k)] = 1;
        const v: Vec3 = [i, j, k];
        for (const a of [0, 1, 2] as const) {
          lo[a] = Math.min(lo[a], v[a]);
          hi[a] = Math.max(hi[a], v[a]);
        }
      }
      expect(boundingBox(mask, dims)).toEqual(hi[0] < 0 ? null : { lo, hi });
    }
  });

  it('bounds one slice through the slice subarray on a [nx, ny, 1] grid', () => {
    const mask = new Uint8Array(dims[0] * dims[1] * dims[2]);
    mask[at(1, 1, 0)] = 1;
    mask[at(4, 3, 2)] = 1;
    mask[at(5, 2, 2)] = 1;
    const plane = dims[0] * dims[1];
    expect(boundingBox(mask.subarray(2 * plane, 3 * plane), [dims[0], dims[1], 1])).toEqual({ lo: [4, 2, 0], hi: [5, 3, 0] });
    expect(boundingBox(mask.subarray(plane, 2 * plane), [dims[0], dims[1], 1])).toBeNull();
  });
});

describe('boundingBoxOfVoxels', () => {
  it('bounds a list of linear indices, null for none', () => {
    expect(boundingBoxOfVoxels(Int32Array.of(at(3, 1, 2), at(1, 4, 3), at(6, 2, 1)), dims)).toEqual({ lo: [1, 1, 1], hi: [6, 4, 3] });
    expect(boundingBoxOfVoxels(new Int32Array(0), dims)).toBeNull();
  });
});

describe('growBox / boxDims', () => {
  it('grows per axis and clamps to the grid', () => {
    const grown = growBox({ lo: [1, 2, 0], hi: [5, 3, 2] }, [3, 1, 1], dims);
    expect(grown).toEqual({ lo: [0, 1, 0], hi: [6, 4, 3] });
    expect(boxDims(grown)).toEqual([7, 4, 4]);
    expect(boxDims({ lo: [2, 2, 2], hi: [2, 2, 2] })).toEqual([1, 1, 1]);
  });
});
