import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isRadGroundError } from '../../../electron/core/errors/radground-error';
import { indexToWorld } from '../../../electron/shared/geometry/grid';
import { parseNiftiVolume, readNiftiVolume } from '../../../electron/core/volume-assembly/nifti';
import { makeNifti1, type NiftiSpec } from './support/make-nifti';

const ramp = (n: number, f = (i: number) => i) => Array.from({ length: n }, (_, i) => f(i));
const base: NiftiSpec = { dims: [2, 3, 4], datatype: 4, values: ramp(24) };

function code(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    expect(isRadGroundError(e), String(e)).toBe(true);
    return (e as { code: string }).code;
  }
}

describe('NIfTI geometry', () => {
  it('sform: RAS -> LPS, spacing split from the matrix', () => {
    // i along R (+x RAS) 2 mm, j along A 3 mm, k along S 4 mm, offset (10, 20, 30) RAS
    const v = parseNiftiVolume(makeNifti1({ ...base, sform: [[2, 0, 0, 10], [0, 3, 0, 20], [0, 0, 4, 30]], qformCode: 0 }));
    expect(v.spacing).toEqual([2, 3, 4]);
    expect(v.origin).toEqual([-10, -20, 30]);
    expect(v.direction).toEqual([-1, 0, 0, 0, -1, 0, 0, 0, 1]);
    // voxel (1,1,1): RAS (12, 23, 34) -> LPS (-12, -23, 34)
    expect(indexToWorld(v, [1, 1, 1])).toEqual([-12, -23, 34]);
    expect(v.warnings).toEqual([]);
  });

  it('prefers sform over qform even when qform_code is higher', () => {
    const v = parseNiftiVolume(
      makeNifti1({ ...base, sform: [[-1, 0, 0, 5], [0, 1, 0, 6], [0, 0, 1, 7]], sformCode: 1, qformCode: 2, qoffset: [100, 100, 100] }),
    );
    expect(v.origin).toEqual([-5, -6, 7]);
    expect(v.direction.slice(0, 3)).toEqual([1, 0, 0]);
  });

  it('oblique sform with non-unit spacing round-trips through world', () => {
    const c = Math.cos(0.3), s = Math.sin(0.3);
    const v = parseNiftiVolume(makeNifti1({ ...base, sform: [[0.5 * c, -2 * s, 0, 1], [0.5 * s, 2 * c, 0, 2], [0, 0, 3, 3]] }));
    expect(v.spacing[0]).toBeCloseTo(0.5, 6);
    expect(v.spacing[1]).toBeCloseTo(2, 6);
    const w = indexToWorld(v, [1, 1, 1]);
    // RAS = M [1,1,1] + t, then negate x, y
    expect(w[0]).toBeCloseTo(-(0.5 * c - 2 * s + 1), 5);
    expect(w[1]).toBeCloseTo(-(0.5 * s + 2 * c + 2), 5);
    expect(w[2]).toBeCloseTo(6, 5);
  });

  it('qform when sform_code is 0 (quaternion, qfac -1)', () => {
    // b=c=d=0 -> identity rotation; qfac -1 flips k
    const v = parseNiftiVolume(makeNifti1({ ...base, qformCode: 1, pixdim: [2, 2, 5], qfac: -1, qoffset: [1, 2, 3] }));
    expect(v.spacing).toEqual([2, 2, 5]);
    expect(v.origin).toEqual([-1, -2, 3]);
    expect(v.direction).toEqual([-1, 0, 0, 0, -1, 0, 0, 0, -1]);
  });

  it('qform 180 degrees about z (b=c=0, d=1): RAS x,y flipped = LPS identity', () => {
    const v = parseNiftiVolume(makeNifti1({ ...base, qformCode: 1, quatern: [0, 0, 1], pixdim: [1, 1, 1] }));
    v.direction.forEach((x, i) => expect(x).toBeCloseTo([1, 0, 0, 0, 1, 0, 0, 0, 1][i]!, 6));
  });

  it('no transform: pixdim only, with a warning', () => {
    const v = parseNiftiVolume(makeNifti1({ ...base, pixdim: [0.7, 0.8, 2.5] }));
    expect(v.spacing.map((x) => Number(x.toFixed(5)))).toEqual([0.7, 0.8, 2.5]);
    expect(v.warnings.join(' ')).toMatch(/no orientation/);
  });

  it('spatial units in metres are converted to mm', () => {
    const v = parseNiftiVolume(makeNifti1({ ...base, sform: [[0.001, 0, 0, 0.01], [0, 0.001, 0, 0], [0, 0, 0.002, 0]], xyztUnits: 1 }));
    v.spacing.forEach((x, i) => expect(x).toBeCloseTo([1, 1, 2][i]!, 5));
    expect(v.origin[0]).toBeCloseTo(-10, 4);
  });
});

describe('NIfTI data types and scaling', () => {
  it('int16 stays Int16Array with x fastest', () => {
    const v = parseNiftiVolume(makeNifti1(base));
    expect(v.scalars).toBeInstanceOf(Int16Array);
    expect(v.dims).toEqual([2, 3, 4]);
    expect(Array.from(v.scalars)).toEqual(ramp(24));
    expect(v.sopInstanceUids).toEqual([null, null, null, null]);
    expect(v.units).toBe('raw');
  });

  it('units HU only when the caller says CT', async () => {
    expect(parseNiftiVolume(makeNifti1(base), { modality: 'CT' }).units).toBe('HU');
    expect((await readNiftiVolume(makeNifti1(base), { modality: 'MR' })).units).toBe('raw');
  });

  it('int32 fitting int16 -> Int16Array; beyond -> Float32Array', () => {
    expect(parseNiftiVolume(makeNifti1({ ...base, datatype: 8, values: ramp(24, (i) => i - 1024) })).scalars).toBeInstanceOf(Int16Array);
    const big = parseNiftiVolume(makeNifti1({ ...base, datatype: 8, values: ramp(24, (i) => i * 5000) }));
    expect(big.scalars).toBeInstanceOf(Float32Array);
    expect(big.scalars[23]).toBe(115000);
  });

  it('uint8 -> Uint8Array, uint16 > 32767 -> Float32Array, int8 -> Int16Array, float64 -> Float32Array', () => {
    expect(parseNiftiVolume(makeNifti1({ ...base, datatype: 2, values: ramp(24, (i) => i * 10) })).scalars).toBeInstanceOf(Uint8Array);
    const u16 = parseNiftiVolume(makeNifti1({ ...base, datatype: 512, values: ramp(24, (i) => 40000 + i) }));
    expect(u16.scalars).toBeInstanceOf(Float32Array);
    expect(u16.scalars[1]).toBe(40001);
    const i8 = parseNiftiVolume(makeNifti1({ ...base, datatype: 256, values: ramp(24, (i) => -i) }));
    expect(i8.scalars).toBeInstanceOf(Int16Array);
    expect(i8.scalars[5]).toBe(-5);
    const f64 = parseNiftiVolume(makeNifti1({ ...base, datatype: 64, values: ramp(24, (i) => i + 0.25) }));
    expect(f64.scalars).toBeInstanceOf(Float32Array);
    expect(f64.scalars[3]).toBe(3.25);
  });

  it('applies scl_slope / scl_inter (integer -> Int16 when it fits, else Float32)', () => {
    const hu = parseNiftiVolume(makeNifti1({ ...base, datatype: 512, values: ramp(24, (i) => i * 100), slope: 1, inter: -1024 }));
    expect(hu.scalars).toBeInstanceOf(Int16Array);
    expect(hu.scalars[3]).toBe(300 - 1024);
    const frac = parseNiftiVolume(makeNifti1({ ...base, values: ramp(24), slope: 0.5, inter: 1 }));
    expect(frac.scalars).toBeInstanceOf(Float32Array);
    expect(frac.scalars[3]).toBe(2.5);
    // slope 0 means "no scaling"
    expect(parseNiftiVolume(makeNifti1({ ...base, slope: 0, inter: 7 })).scalars[3]).toBe(3);
  });

  it('reads big-endian files', () => {
    const v = parseNiftiVolume(makeNifti1({ ...base, datatype: 16, values: ramp(24, (i) => i * 1.5), littleEndian: false, sform: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]] }));
    expect(v.scalars[7]).toBe(10.5);
    expect(v.origin).toEqual([0, 0, 0]);
  });

  it('reads gzip bytes and 4D files (first volume, warning)', () => {
    const v = parseNiftiVolume(gzipSync(makeNifti1({ dims: [2, 2, 2, 3], datatype: 4, values: ramp(24) })));
    expect(v.dims).toEqual([2, 2, 2]);
    expect(Array.from(v.scalars)).toEqual(ramp(8));
    expect(v.warnings.join(' ')).toMatch(/3 volumes/);
  });

  it('default window from cal_min/cal_max', () => {
    expect(parseNiftiVolume(makeNifti1({ ...base, calMin: -100, calMax: 300 })).defaultWindow).toEqual({ center: 100, width: 400 });
    expect(parseNiftiVolume(makeNifti1(base)).defaultWindow).toBeNull();
  });
});

describe('NIfTI bad input', () => {
  it('RGB24 / RGBA32 -> UNSUPPORTED_INPUT', () => {
    expect(code(() => parseNiftiVolume(makeNifti1({ ...base, datatype: 128, values: ramp(24) })))).toBe('UNSUPPORTED_INPUT');
    expect(code(() => parseNiftiVolume(makeNifti1({ ...base, datatype: 2304, values: ramp(24) })))).toBe('UNSUPPORTED_INPUT');
  });
  it('int64 -> UNSUPPORTED_INPUT', () => {
    expect(code(() => parseNiftiVolume(makeNifti1({ ...base, datatype: 1024 })))).toBe('UNSUPPORTED_INPUT');
  });
  it('garbage, truncated data, bad dims, bad gzip -> CORRUPT_INPUT', () => {
    expect(code(() => parseNiftiVolume(new Uint8Array(400)))).toBe('CORRUPT_INPUT');
    expect(code(() => parseNiftiVolume(new Uint8Array(10)))).toBe('CORRUPT_INPUT');
    expect(code(() => parseNiftiVolume(makeNifti1(base).subarray(0, 360)))).toBe('CORRUPT_INPUT');
    const badDim = makeNifti1(base);
    new DataView(badDim.buffer).setInt16(44, -3, true);
    expect(code(() => parseNiftiVolume(badDim))).toBe('CORRUPT_INPUT');
    const gz = gzipSync(makeNifti1(base));
    expect(code(() => parseNiftiVolume(gz.subarray(0, gz.length - 30)))).toBe('CORRUPT_INPUT');
    const zeroAxis = makeNifti1({ ...base, sform: [[0, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]] });
    expect(code(() => parseNiftiVolume(zeroAxis))).toBe('CORRUPT_INPUT');
  });
  it('missing file -> NOT_FOUND', async () => {
    await expect(readNiftiVolume('/nonexistent/x.nii.gz')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
