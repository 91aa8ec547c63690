import { describe, expect, it } from 'vitest';
import { isRadGroundError } from '../../../electron/core/errors/radground-error';
import { indexToWorld, worldToIndex } from '../../../electron/shared/geometry/grid';
import { readNiftiVolume } from '../../../electron/core/volume-assembly/nifti';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';

const hasData = requireSharedData();

describe.skipIf(!hasData)('real NIfTI volumes', () => {
  if (!hasData) it.skip(NO_SHARED_DATA_REASON, () => {});

  it('chest CTA crop: 122x102x112, int16 HU, 1.5 mm', async () => {
    const v = await readNiftiVolume(sharedData('nifti/totalseg_ct_chest_cta_crop_1.5mm.nii.gz'), { modality: 'CT' });
    expect(v.dims).toEqual([122, 102, 112]);
    v.spacing.forEach((s) => expect(s).toBeCloseTo(1.5, 4));
    expect(v.scalars).toBeInstanceOf(Int16Array);
    expect(v.units).toBe('HU');
    expect(v.sopInstanceUids).toHaveLength(112);
  });

  it('small upper-abdomen CT: 122x101x30, 3 mm, and its organ mask shares the grid', async () => {
    const v = await readNiftiVolume(sharedData('nifti/totalseg_ct_upperabdomen_3mm_small.nii.gz'), { modality: 'CT' });
    const m = await readNiftiVolume(sharedData('annotations/totalseg/seg_for_totalseg_ct_upperabdomen_3mm_small.nii.gz'));
    expect(v.dims).toEqual([122, 101, 30]);
    v.spacing.forEach((s) => expect(s).toBeCloseTo(3, 4));
    expect(m.dims).toEqual(v.dims);
    m.origin.forEach((x, a) => expect(x).toBeCloseTo(v.origin[a]!, 3));
    expect(m.scalars).toBeInstanceOf(Uint8Array);
    let maxLabel = 0;
    for (const x of m.scalars) if (x > maxLabel) maxLabel = x;
    expect(maxLabel).toBeGreaterThan(0);
    expect(maxLabel).toBeLessThanOrEqual(117);
  });

  it('abdomen/pelvis CT stored as int32: 3 mm, converted to Int16 because the values fit', async () => {
    const v = await readNiftiVolume(sharedData('nifti/totalseg_ct_abdomen_pelvis_3mm.nii.gz'), { modality: 'CT' });
    v.spacing.forEach((s) => expect(s).toBeCloseTo(3, 4));
    expect(v.scalars).toBeInstanceOf(Int16Array);
    let lo = Infinity, hi = -Infinity;
    for (const x of v.scalars) { if (x < lo) lo = x; if (x > hi) hi = x; }
    // plausible HU (air about -1000, bone > 1000): a misread int32 would give wild values
    expect(lo).toBeGreaterThanOrEqual(-1300);
    expect(lo).toBeLessThan(-900);
    expect(hi).toBeGreaterThan(1000);
    expect(hi).toBeLessThan(4000);
  });

  it('brain T1 conformed: 256^3 uint8, 1 mm', async () => {
    const v = await readNiftiVolume(sharedData('nifti/brain_t1_conformed_256.nii.gz'));
    expect(v.dims).toEqual([256, 256, 256]);
    v.spacing.forEach((s) => expect(s).toBeCloseTo(1, 4));
    expect(v.scalars).toBeInstanceOf(Uint8Array);
    expect(v.units).toBe('raw');
  });

  it('CTA and its pulmonary artery mask agree in world space; mask voxels lie on contrast-filled vessel', async () => {
    const ct = await readNiftiVolume(sharedData('nifti/totalseg_ct_chest_cta_crop_1.5mm.nii.gz'), { modality: 'CT' });
    const pa = await readNiftiVolume(sharedData('annotations/totalseg/pulmonary_artery_for_chest_cta_crop.nii.gz'));
    expect(pa.dims).toEqual(ct.dims);
    pa.spacing.forEach((s, a) => expect(s).toBeCloseTo(ct.spacing[a]!, 4));
    pa.origin.forEach((x, a) => expect(x).toBeCloseTo(ct.origin[a]!, 3));
    pa.direction.forEach((x, a) => expect(x).toBeCloseTo(ct.direction[a]!, 6));

    // Sample the CT at each mask voxel THROUGH WORLD COORDINATES (not by shared index).
    let n = 0, sum = 0, bright = 0, outside = 0, outsideN = 0;
    const [nx, ny] = pa.dims;
    for (let p = 0; p < pa.scalars.length; p++) {
      const i = p % nx, j = Math.floor(p / nx) % ny, k = Math.floor(p / (nx * ny));
      const c = worldToIndex(ct, indexToWorld(pa, [i, j, k])).map(Math.round);
      // The grids were just checked to match: every mask voxel lands inside the CT.
      const hu = ct.scalars[(c[2]! * ct.dims[1] + c[1]!) * ct.dims[0] + c[0]!]!;
      if (pa.scalars[p]! > 0) {
        n++; sum += hu; if (hu > 150) bright++;
      } else if (p % 7 === 0) {
        outside += hu; outsideN++;
      }
    }
    expect(n).toBeGreaterThan(1000);
    expect(sum / n).toBeGreaterThan(200); // iodinated contrast
    expect(bright / n).toBeGreaterThan(0.8);
    expect(outside / outsideN).toBeLessThan(sum / n - 300);
  });

  it('RGB24 perfusion map: UNSUPPORTED_INPUT, no crash', async () => {
    const e = await readNiftiVolume(sharedData('nifti/ct_perfusion_cbf_rgb24.nii.gz')).then(() => null, (err: unknown) => err);
    expect(isRadGroundError(e)).toBe(true);
    expect((e as { code: string }).code).toBe('UNSUPPORTED_INPUT');
    expect((e as Error).message).toMatch(/^RGB color NIfTI volumes are not supported \(/);
  });
});
