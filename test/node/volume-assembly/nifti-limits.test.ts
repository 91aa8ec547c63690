/** NIfTI files may not expand past what their header declares or the memory budget, and their header fields must agree. */
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { MEMORY_BUDGET_ENV } from '../../../electron/core/dicom/dataset/bounded-inflate';
import { parseNiftiVolume, readNiftiVolume } from '../../../electron/core/volume-assembly/nifti';
import { makeNifti1 } from './support/make-nifti';

const ramp = (n: number, f: (i: number) => number = (i) => i) => Array.from({ length: n }, (_, i) => f(i));
const small = () => makeNifti1({ dims: [4, 3, 2], datatype: 4, values: ramp(24, (i) => i - 12) });

function withField(nii: Uint8Array, write: (dv: DataView) => void): Uint8Array {
  const copy = nii.slice();
  write(new DataView(copy.buffer));
  return copy;
}

afterEach(() => {
  delete process.env[MEMORY_BUDGET_ENV];
});

describe('NIfTI inflation is bounded by the header and the memory budget', () => {
  it('a .nii.gz that inflates far past its declared size is refused, naming the limit', async () => {
    const bomb = gzipSync(Buffer.concat([small(), Buffer.alloc(48 * 1024 * 1024)]));
    expect(bomb.length).toBeLessThan(200 * 1024);
    const expected = { code: 'CORRUPT_INPUT', message: expect.stringMatching(/inflates past \d+ bytes \(its header declares 400 bytes\)/) };
    await expect(readNiftiVolume(bomb)).rejects.toMatchObject(expected);
    expect(() => parseNiftiVolume(bomb)).toThrow(expect.objectContaining(expected));
  });

  it('a header that declares more than the memory budget is refused before the data is inflated', async () => {
    const huge = withField(small(), (dv) => {
      [1200, 1200, 1200].forEach((d, i) => dv.setInt16(42 + i * 2, d, true));
      dv.setInt16(70, 16, true); // float32
      dv.setInt16(72, 32, true);
    });
    await expect(readNiftiVolume(gzipSync(huge))).rejects.toMatchObject({
      code: 'UNSUPPORTED_INPUT',
      message: expect.stringContaining(`memory budget of ${2 * 1024 ** 3} bytes (${MEMORY_BUDGET_ENV})`),
    });
  });

  it('the budget is configurable (option and environment)', async () => {
    const nii = gzipSync(makeNifti1({ dims: [32, 32, 32], datatype: 4, values: ramp(32 ** 3, (i) => i % 1000) }));
    expect((await readNiftiVolume(nii)).dims).toEqual([32, 32, 32]);
    await expect(readNiftiVolume(nii, { maxBytes: 100_000 })).rejects.toMatchObject({
      code: 'UNSUPPORTED_INPUT',
      details: { limitBytes: 100_000 },
    });
    process.env[MEMORY_BUDGET_ENV] = '100000';
    expect(() => parseNiftiVolume(nii)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_INPUT', message: expect.stringContaining('100000') }));
  });

  it('bytes that are a view into a larger Buffer are read from their own start', () => {
    const pooled = Buffer.concat([Buffer.alloc(100, 0xee), Buffer.from(small())]).subarray(100);
    expect(Array.from(parseNiftiVolume(pooled).scalars)).toEqual(ramp(24, (i) => i - 12));
  });
});

describe('NIfTI header fields are checked against each other', () => {
  it('scl_slope that makes values non-finite is CORRUPT_INPUT', async () => {
    const nii = makeNifti1({ dims: [4, 3, 2], datatype: 4, values: ramp(24, (i) => i * 100), slope: 1e38 });
    await expect(readNiftiVolume(nii)).rejects.toMatchObject({ code: 'CORRUPT_INPUT', message: expect.stringMatching(/scl_slope.*non-finite/) });
    const floats = makeNifti1({ dims: [2, 2, 1], datatype: 16, values: [1, 2, 3, 4e30], slope: 1e10 });
    expect(() => parseNiftiVolume(floats)).toThrow(expect.objectContaining({ code: 'CORRUPT_INPUT' }));
  });

  it('bitpix must match the datatype', () => {
    const wrong = withField(small(), (dv) => dv.setInt16(72, 8, true));
    expect(() => parseNiftiVolume(wrong)).toThrow(expect.objectContaining({ code: 'CORRUPT_INPUT', message: expect.stringMatching(/bitpix 8.*int16/) }));
  });

  it('vox_offset below 352 is refused for a single-file .nii', () => {
    for (const offset of [348, 351.5]) {
      const early = withField(small(), (dv) => dv.setFloat32(108, offset, true));
      expect(() => parseNiftiVolume(early), String(offset)).toThrow(expect.objectContaining({ code: 'CORRUPT_INPUT', message: expect.stringMatching(/vox_offset/) }));
    }
  });
});
