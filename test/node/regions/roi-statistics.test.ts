import { describe, expect, it } from 'vitest';
import { indexToWorld } from '../../../electron/shared/geometry/grid';
import { roiRegion, roiStatistics } from '../../../electron/core/regions/roi-statistics';
import type { Volume } from '../../../electron/core/volume-assembly/volume';

/** 20x10x4 volume, 0.5 x 0.8 x 3 mm, oblique-free; value = 10*i + j on slice k=2, 1000 elsewhere. */
function makeVolume(direction: Volume['direction'] = [1, 0, 0, 0, 1, 0, 0, 0, 1]): Volume {
  const dims: [number, number, number] = [20, 10, 4];
  const scalars = new Int16Array(20 * 10 * 4).fill(1000);
  for (let j = 0; j < 10; j++) for (let i = 0; i < 20; i++) scalars[(2 * 10 + j) * 20 + i] = 10 * i + j;
  return {
    scalars, dims, spacing: [0.5, 0.8, 3], origin: [-5, 7, 100], direction, units: 'HU', modality: 'CT',
    frameOfReferenceUid: '1.2.3', seriesInstanceUid: '1.2.3.4', sopInstanceUids: [], invertForDisplay: false, defaultWindow: null, warnings: [],
  };
}

describe('ROI statistics on a slice', () => {
  it('gives the exact mean, SD and area of the voxels inside the rectangle', () => {
    const v = makeVolume();
    // Voxels i 2..5, j 3..4 on slice k=2: values 10i+j.
    const p1 = indexToWorld(v, [2, 3, 2]);
    const p2 = indexToWorld(v, [5, 4, 2]);
    const s = roiStatistics(v, p1, p2);
    const values: number[] = [];
    for (let i = 2; i <= 5; i++) for (let j = 3; j <= 4; j++) values.push(10 * i + j);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(s.pixelCount).toBe(8);
    expect(s.sliceAxis).toBe(2);
    expect(s.sliceIndex).toBe(2);
    expect(s.mean).toBeCloseTo(mean, 10);
    expect(s.sd).toBeCloseTo(sd, 10);
    expect(s.areaMm2).toBeCloseTo(8 * 0.5 * 0.8, 10);
    const region = roiRegion(v, '1.2.3.4', p1, p2, s);
    expect(region).toMatchObject({ kind: 'measurement', meanHu: mean, volumeId: '1.2.3.4', frameOfReferenceUid: '1.2.3' });
    expect(region.label).toMatch(/^ROI 3 mm², mean 39 HU, SD \d+$/);
  });

  it('works on a flipped grid (corners given in any order)', () => {
    const v = makeVolume([-1, 0, 0, 0, -1, 0, 0, 0, 1]);
    const s = roiStatistics(v, indexToWorld(v, [5, 4, 2]), indexToWorld(v, [2, 3, 2]));
    expect(s.pixelCount).toBe(8);
    expect(s.mean).toBeCloseTo(38.5, 10);
  });

  it('refuses a rectangle outside the volume with a typed error', () => {
    const v = makeVolume();
    expect(() => roiStatistics(v, indexToWorld(v, [2, 3, 40]), indexToWorld(v, [5, 4, 40]))).toThrow(/outside the volume/);
  });
});
