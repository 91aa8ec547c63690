import { describe, expect, it } from 'vitest';
import { imageNumberingSchema } from '../../../electron/shared/api/channels/study-channels';
import { numberImages, sliceOfImage } from '../../../electron/shared/imaging/image-numbering';

const src = (instanceNumber: number | null) => ({ instanceNumber });

describe('image numbers: one rule for the report and the viewer', () => {
  it('uses the InstanceNumbers when every source slice has a distinct one (here numbered from the top, as scanners do)', () => {
    const n = numberImages([src(5), src(4), src(3), src(2), src(1)]);
    expect(n).toEqual({ rule: 'instance-number', numbers: [5, 4, 3, 2, 1] });
    expect(sliceOfImage(n, 4)).toBe(1);
    expect(sliceOfImage(n, 6)).toBeNull();
  });

  it('falls back to 1-based positions in the volume order when an InstanceNumber is missing', () => {
    const n = numberImages([src(10), src(null), src(12)]);
    expect(n).toEqual({ rule: 'position', numbers: [1, 2, 3] });
    expect(sliceOfImage(n, 3)).toBe(2);
    expect(sliceOfImage(n, 10)).toBeNull();
  });

  it('falls back to positions when an InstanceNumber is repeated (e.g. the frames of one multi-frame instance)', () => {
    expect(numberImages([src(7), src(7), src(7)])).toEqual({ rule: 'position', numbers: [1, 2, 3] });
    expect(numberImages([src(1), src(2), src(1)])).toEqual({ rule: 'position', numbers: [1, 2, 3] });
  });

  it('treats a negative or fractional InstanceNumber as missing', () => {
    expect(numberImages([src(1), src(-2)]).rule).toBe('position');
    expect(numberImages([src(1), src(2.5)]).rule).toBe('position');
    expect(numberImages([src(0), src(1)])).toEqual({ rule: 'instance-number', numbers: [0, 1] });
  });

  it('gives interpolated slices (no source image) no number under either rule', () => {
    expect(numberImages([src(30), null, src(28)])).toEqual({ rule: 'instance-number', numbers: [30, null, 28] });
    expect(numberImages([src(30), null, src(30)])).toEqual({ rule: 'position', numbers: [1, null, 3] });
    expect(numberImages([null, null])).toEqual({ rule: 'position', numbers: [null, null] });
  });

  it('the API contract accepts what the rule gives and rejects numbers that would name two slices', () => {
    for (const slices of [[src(3), src(2), src(1)], [src(1), src(1)], [src(4), null, src(null)]]) {
      expect(imageNumberingSchema.safeParse(numberImages(slices)).success).toBe(true);
    }
    expect(imageNumberingSchema.safeParse({ rule: 'instance-number', numbers: [3, 3] }).success).toBe(false);
    expect(imageNumberingSchema.safeParse({ rule: 'position', numbers: [2, 1] }).success).toBe(false);
    expect(imageNumberingSchema.safeParse({ rule: 'position', numbers: [1.5] }).success).toBe(false);
  });
});
