/** trim-hilum.ts on synthetic slices: end slices beside airway lumen go, parenchyma-only slices stay. */
import { describe, expect, it } from 'vitest';
import { HILAR_LUMEN_FRACTION, rimLumenFractions, trimHilarSlices } from '../../../electron/core/analysis/chest-ct/trim-hilum';
import type { Vec3 } from '../../../electron/core/dicom/dicom-instance';

const dims: Vec3 = [48, 48, 10];
const spacing: Vec3 = [1, 1, 2.5];
const plane = dims[0] * dims[1];

/** A 12 mm wide column of soft tissue (14 mm on slice `widest`); `lumenSlices` get a 10 mm airway lumen beside it. */
function scene(lungHu: number, lumenSlices: number[], widest = -1): { hu: Int16Array; voxels: Int32Array } {
  const hu = new Int16Array(plane * dims[2]).fill(lungHu);
  const voxels: number[] = [];
  for (let k = 0; k < dims[2]; k++) {
    for (let j = 0; j < dims[1]; j++) {
      for (let i = 0; i < dims[0]; i++) {
        const p = k * plane + j * dims[0] + i;
        if ((i - 24) ** 2 + (j - 24) ** 2 <= (k === widest ? 49 : 36)) {
          hu[p] = 40;
          voxels.push(p);
        } else if (lumenSlices.includes(k) && (i - 34) ** 2 + (j - 24) ** 2 <= 25) {
          hu[p] = -1000;
        }
      }
    }
  }
  return { hu, voxels: Int32Array.from(voxels) };
}

const slicesOf = (voxels: Int32Array) => [...new Set(Array.from(voxels, (p) => Math.floor(p / plane)))].sort((a, b) => a - b);

describe('trimHilarSlices', () => {
  it('drops the end slices where airway lumen borders the region, and keeps the rest', () => {
    const { hu, voxels } = scene(-850, [0, 1, 2]);
    const { fractions } = rimLumenFractions(voxels, dims, spacing, hu, -850);
    expect(fractions[0]).toBeGreaterThanOrEqual(HILAR_LUMEN_FRACTION);
    expect(fractions[5]).toBe(0);
    expect(slicesOf(trimHilarSlices(voxels, dims, spacing, hu, -850))).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it('keeps lumen-bordered slices between lesion slices (only runs at the ends go)', () => {
    const { hu, voxels } = scene(-850, [4, 5]);
    expect(trimHilarSlices(voxels, dims, spacing, hu, -850)).toBe(voxels);
  });

  it('judges lumen against the lesion\'s own lung background (uniformly dark lung is not airway)', () => {
    const { hu, voxels } = scene(-1000, [0, 1, 2]);
    expect(trimHilarSlices(voxels, dims, spacing, hu, -1000)).toBe(voxels);
  });

  it('never trims through the widest slice, nor leaves under half of the region', () => {
    const { hu, voxels } = scene(-850, [0, 1, 2, 3, 4, 6, 7, 8, 9], 5);
    expect(trimHilarSlices(voxels, dims, spacing, hu, -850)).toBe(voxels);
    const kept = scene(-850, [0, 1, 8, 9], 5);
    expect(slicesOf(trimHilarSlices(kept.voxels, dims, spacing, kept.hu, -850))).toEqual([2, 3, 4, 5, 6, 7]);
  });
});
