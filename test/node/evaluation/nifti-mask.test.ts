/** nifti-mask reader: lesions as connected components of a label (generated file), lungs for Dice (shared TotalSegmentator mask). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lungDice } from '../../../electron/core/evaluation/lung-dice';
import { readCaseReference } from '../../../electron/core/evaluation/read-annotations';
import { maskFromSortedIndices } from '../../../electron/core/regions/region-mask';
import { readNiftiVolume } from '../../../electron/core/volume-assembly';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';
import { syntheticVolume, writeNiftiLabels } from './support/synthetic';

describe('nifti-mask reader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rg-niftimask-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const dims: [number, number, number] = [40, 40, 10];
  const volume = syntheticVolume(dims, [1, 1, 3], [-20, -20, 0]);

  it('lesions: each connected component of `label` is one lesion; other labels are ignored', async () => {
    const labels = new Uint8Array(40 * 40 * 10);
    const put = (i0: number, i1: number, j0: number, j1: number, k0: number, k1: number, v: number) => {
      for (let k = k0; k <= k1; k++) for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) labels[k * 1600 + j * 40 + i] = v;
    };
    put(28, 35, 18, 25, 2, 4, 1); // left (+x), 8 mm across, slices 2-4
    put(3, 5, 10, 12, 7, 7, 1); // right, 3 mm, slice 7
    put(15, 20, 15, 20, 0, 9, 2); // another label
    const path = join(dir, 'lesions.nii.gz');
    writeNiftiLabels(path, dims, [1, 1, 3], [-20, -20, 0], labels);
    const ref = await readCaseReference([{ format: 'nifti-mask', path, label: 1 }], volume, 0);
    expect(ref.lesions).toHaveLength(2);
    const big = ref.lesions.find((l) => l.side === 'left')!;
    expect(big.slices).toEqual({ first: 2, last: 4, count: 3 });
    expect(big.centre[0]).toBeCloseTo(-20 + 31.5, 5);
    expect(big.centre[2]).toBeCloseTo(9, 5);
    expect(big.sizeMm).toBeCloseTo(Math.hypot(7, 7), 0);
    expect(ref.lesions.find((l) => l.side === 'right')!.slices.count).toBe(1);
    expect(ref.lungs).toBeNull();
  });

  it('lungs: listed labels that are missing from the mask are a typed BAD_REQUEST', async () => {
    const path = join(dir, 'empty.nii.gz');
    writeNiftiLabels(path, dims, [1, 1, 3], [-20, -20, 0], new Uint8Array(16000));
    await expect(readCaseReference([{ format: 'nifti-mask', path, use: 'lungs', labels: { right: [12], left: [10] } }], volume, 0)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  const hasData = requireSharedData();
  describe.skipIf(!hasData)('on the TotalSegmentator small CT (lobes: left 10-11, right 12-14)', () => {
    if (!hasData) it.skip(NO_SHARED_DATA_REASON, () => {});
    it('lungs: the reference masks hold both sides, and a perfect prediction scores Dice 1', async () => {
      const ct = await readNiftiVolume(sharedData('nifti/totalseg_ct_upperabdomen_3mm_small.nii.gz'), { modality: 'CT' });
      const path = sharedData('annotations/totalseg/seg_for_totalseg_ct_upperabdomen_3mm_small.nii.gz');
      const ref = await readCaseReference([{ format: 'nifti-mask', path, use: 'lungs', labels: { right: [12, 13, 14], left: [10, 11] } }], ct, 0);
      expect(ref.lesions).toEqual([]);
      const count = (m: Uint8Array) => m.reduce((a, b) => a + b, 0);
      expect(count(ref.lungs!.right)).toBeGreaterThan(1000);
      expect(count(ref.lungs!.left)).toBeGreaterThan(1000);
      const asRegion = (label: string, m: Uint8Array) => {
        const idx: number[] = [];
        m.forEach((v, q) => v && idx.push(q));
        return { label, kind: 'anatomy' as const, mask: maskFromSortedIndices(idx, ct.dims) };
      };
      const regions = [asRegion('right lung', ref.lungs!.right), asRegion('left lung', ref.lungs!.left)] as never[];
      expect(lungDice(regions, ref.lungs!, ct.dims)).toEqual({ right: 1, left: 1, both: 1 });
      // Swapped sides score 0 per side but 1 for both lungs together.
      const swapped = [asRegion('right lung', ref.lungs!.left), asRegion('left lung', ref.lungs!.right)] as never[];
      expect(lungDice(swapped, ref.lungs!, ct.dims)).toEqual({ right: 0, left: 0, both: 1 });
    });
  });
});
