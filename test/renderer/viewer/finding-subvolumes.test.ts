import { describe, expect, it } from 'vitest';
import { findingSubVolumes } from '../../../renderer/src/viewer/regions/finding-subvolumes';
import type { LoadedLabelMap } from '../../../renderer/src/viewer/regions/label-lookup';

describe('finding sub-volumes for 3D surfaces', () => {
  it('cuts each finding to its bounds plus one voxel, skipping anatomy, with its world origin', () => {
    const dims: [number, number, number] = [6, 5, 4];
    const data = new Uint8Array(6 * 5 * 4);
    const at = (i: number, j: number, k: number) => (k * 5 + j) * 6 + i;
    data[at(0, 0, 0)] = 1; // anatomy label
    data[at(2, 1, 1)] = 2;
    data[at(3, 2, 2)] = 2;
    const map: LoadedLabelMap = {
      volumeId: 'v',
      data,
      meta: {
        dims,
        labels: [
          { value: 1, regionId: 'lung', label: 'right lung', kind: 'anatomy', color: [0, 0, 255] },
          { value: 2, regionId: 'n1', label: 'nodule', kind: 'finding', color: [255, 0, 255] },
        ],
      },
    };
    const grid = { dims, spacing: [2, 3, 5] as [number, number, number], origin: [10, 20, 30] as [number, number, number], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
    const [sub, ...rest] = findingSubVolumes(map, grid);
    expect(rest).toHaveLength(0);
    expect(sub!.regionId).toBe('n1');
    expect(sub!.dims).toEqual([4, 4, 4]); // i 2..3, j 1..2, k 1..2, padded by one voxel on each side
    expect(sub!.origin).toEqual([10 + 1 * 2, 20 + 0 * 3, 30 + 0 * 5]);
    expect([...sub!.data].reduce((a, b) => a + b, 0)).toBe(2);
    expect(sub!.data[((1) * 4 + 1) * 4 + 1]).toBe(1); // (2,1,1) -> (1,1,1) in the sub-volume
    expect(sub!.data[((2) * 4 + 2) * 4 + 2]).toBe(1); // (3,2,2) -> (2,2,2)
  });
});
