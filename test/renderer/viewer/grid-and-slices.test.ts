import { describe, expect, it } from 'vitest';
import { indexToWorld, snapToVoxelCenter, worldToIndex } from '../../../electron/shared/geometry/grid';
import { sliceInfo, sliceLocationMm, stepSlice } from '../../../renderer/src/viewer/geometry/slice-navigation';
import { expectVec, grid, rotatedDirection } from './fixtures';

describe('grid index <-> world (volumes.get convention)', () => {
  it('world = origin + D · diag(spacing) · ijk, D columns = direction[0..2], [3..5], [6..8]', () => {
    const g = grid([0, 1, 0, 0, 0, -1, 1, 0, 0], { spacing: [0.5, 0.8, 3], origin: [10, 20, 30] });
    // i moves along +y by 0.5, j along -z by 0.8, k along +x by 3.
    expectVec(indexToWorld(g, [2, 5, 1]), [10 + 3, 20 + 1, 30 - 4]);
  });

  it('round-trips for an oblique anisotropic grid', () => {
    const g = grid(rotatedDirection('y', 17), { spacing: [0.6, 0.9, 2.5] });
    const ijk: [number, number, number] = [12.25, 7.5, 3.75];
    expectVec(worldToIndex(g, indexToWorld(g, ijk)), ijk, 9);
  });

  it('snaps to the nearest voxel centre, clamped inside the volume', () => {
    const g = grid();
    expectVec(worldToIndex(g, snapToVoxelCenter(g, indexToWorld(g, [3.4, 9.6, 2.49]))), [3, 10, 2], 9);
    expectVec(worldToIndex(g, snapToVoxelCenter(g, indexToWorld(g, [-7, 100, 12]))), [0, 47, 12], 9);
  });
});

describe('slice navigation', () => {
  const g = grid(); // dims 64 x 48 x 30

  it('reports 1-based slice numbers along the view axis', () => {
    expect(sliceInfo(g, 2, indexToWorld(g, [5, 5, 0]))).toEqual({ index: 0, number: 1, count: 30 });
    expect(sliceInfo(g, 2, indexToWorld(g, [5, 5, 29]))).toEqual({ index: 29, number: 30, count: 30 });
  });

  it('steps whole slices along one index axis, keeping the other coordinates, clamped at the ends', () => {
    const start = indexToWorld(g, [10, 20, 14]);
    const next = stepSlice(g, 2, start, 3);
    expectVec(worldToIndex(g, next), [10, 20, 17], 9);
    expectVec(worldToIndex(g, stepSlice(g, 2, start, -100)), [10, 20, 0], 9);
    expectVec(worldToIndex(g, stepSlice(g, 2, start, 100)), [10, 20, 29], 9);
  });

  it('lands on voxel centres when starting between slices', () => {
    const between = indexToWorld(g, [10, 20, 14.4]);
    expectVec(worldToIndex(g, stepSlice(g, 2, between, 1)), [10, 20, 15], 9);
  });

  it('steps along the (oblique) slice axis of an oblique volume', () => {
    const o = grid(rotatedDirection('z', 30));
    const start = indexToWorld(o, [20.3, 11.6, 7.2]);
    expectVec(worldToIndex(o, stepSlice(o, 0, start, 2)), [22, 11.6, 7.2], 9);
  });

  it('shows the slice location along the view’s patient axis', () => {
    expect(sliceLocationMm('axial', [1, 2, 3])).toBe(3);
    expect(sliceLocationMm('coronal', [1, 2, 3])).toBe(2);
    expect(sliceLocationMm('sagittal', [1, 2, 3])).toBe(1);
  });
});
