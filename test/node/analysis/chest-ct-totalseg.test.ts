/**
 * chest-ct lungs against TotalSegmentator's reference organ masks (task 'total': lung lobes are
 * labels 10-14, left 10-11, right 12-14), on the small upper-abdomen CT that shows the lung bases,
 * and on the upper-abdomen JPEG 2000 series whose field of view holds no lung at all.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readNiftiVolume } from '../../../electron/core/volume-assembly';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';
import { decodeMask, dice, loadDicomSeries, runChestCt } from './support/chest-ct';

const hasData = requireSharedData();

function lobeLabels(side: 'left' | 'right'): number[] {
  const map = JSON.parse(readFileSync(sharedData('annotations/totalseg/totalseg_label_map.json'), 'utf8')).total as Record<string, string>;
  return Object.entries(map)
    .filter(([, name]) => name.startsWith('lung_') && name.endsWith(`_${side}`))
    .map(([value]) => Number(value));
}

describe.skipIf(!hasData)('chest-ct lungs vs TotalSegmentator reference masks', () => {
  if (!hasData) it.skip(NO_SHARED_DATA_REASON, () => {});

  it('small upper-abdomen CT (lung bases, 3 mm): lungs agree with the union of the lobe labels (Dice >= 0.85, each side >= 0.8)', async () => {
    const ct = await readNiftiVolume(sharedData('nifti/totalseg_ct_upperabdomen_3mm_small.nii.gz'), { modality: 'CT' });
    const seg = await readNiftiVolume(sharedData('annotations/totalseg/seg_for_totalseg_ct_upperabdomen_3mm_small.nii.gz'));
    expect(seg.dims).toEqual(ct.dims);
    const left = lobeLabels('left');
    const right = lobeLabels('right');
    expect(left).toEqual([10, 11]);
    expect(right).toEqual([12, 13, 14]);
    const res = await runChestCt(ct);
    const ours = {
      right: decodeMask(res.regions.find((r) => r.label === 'right lung')!.mask!),
      left: decodeMask(res.regions.find((r) => r.label === 'left lung')!.mask!),
    };
    const truth = { right: new Uint8Array(seg.scalars.length), left: new Uint8Array(seg.scalars.length) };
    for (let p = 0; p < seg.scalars.length; p++) {
      const l = seg.scalars[p]!;
      if (right.includes(l)) truth.right[p] = 1;
      if (left.includes(l)) truth.left[p] = 1;
    }
    const union = (a: Uint8Array, b: Uint8Array) => a.map((x, p) => x | b[p]!);
    const total = dice(union(ours.right, ours.left), union(truth.right, truth.left));
    const dr = dice(ours.right, truth.right);
    const dl = dice(ours.left, truth.left);
    const ml = (m: Uint8Array) => (m.reduce((a, b) => a + b, 0) * 27) / 1000;
    console.info(
      `TotalSegmentator small CT: Dice lungs ${total.toFixed(3)}, right ${dr.toFixed(3)} (ours ${ml(ours.right)} mL, reference ${ml(truth.right)} mL), ` +
        `left ${dl.toFixed(3)} (ours ${ml(ours.left)} mL, reference ${ml(truth.left)} mL)`,
    );
    expect(total).toBeGreaterThanOrEqual(0.85);
    expect(dr).toBeGreaterThanOrEqual(0.8);
    expect(dl).toBeGreaterThanOrEqual(0.8);
    // The bowel gas in this scan is not called lung, and nothing there is a nodule.
    expect(res.regions.filter((r) => r.kind === 'finding')).toEqual([]);
    expect(res.warnings.some((w) => w.includes('edge of the scan'))).toBe(true);
  });

  it('upper-abdomen J2K series (no lung in the field of view): no lungs and no findings', async () => {
    const ct = await loadDicomSeries('ct/upper_abdomen_j2k');
    const seg = await readNiftiVolume(sharedData('annotations/totalseg/seg_for_ct_upperabdomen_totalseg_j2k_dicom.nii.gz'));
    const lobes = [...lobeLabels('left'), ...lobeLabels('right')];
    expect(seg.scalars.some((l) => lobes.includes(l))).toBe(false);
    const res = await runChestCt(ct);
    expect(res.regions.filter((r) => r.label.endsWith('lung') || r.kind === 'finding')).toEqual([]);
    expect(res.regions.find((r) => r.label === 'body')).toBeDefined();
    expect(res.warnings).toContain('no aerated lung found');
  });
});
