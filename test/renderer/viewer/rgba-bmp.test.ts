import { describe, expect, it } from 'vitest';
import { rgbaToBmp } from '../../../renderer/src/viewer/display/rgba-bmp';

describe('rgbaToBmp: RGBA pixels as a 32-bit top-down BMP file', () => {
  // 2x2: red, green / blue, translucent grey (rows top to bottom)
  const rgba = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 9, 9, 9, 128]);
  const bmp = rgbaToBmp(rgba, 2, 2);
  const v = new DataView(bmp.buffer);

  it('writes the BITMAPFILEHEADER and BITMAPINFOHEADER fields', () => {
    expect(String.fromCharCode(bmp[0]!, bmp[1]!)).toBe('BM');
    expect(v.getUint32(2, true)).toBe(bmp.length);
    expect(bmp.length).toBe(54 + 16);
    expect(v.getUint32(10, true)).toBe(54); // pixels right after the two headers
    expect(v.getUint32(14, true)).toBe(40);
    expect(v.getInt32(18, true)).toBe(2);
    expect(v.getInt32(22, true)).toBe(-2); // negative: first row is the top one
    expect(v.getUint16(26, true)).toBe(1);
    expect(v.getUint16(28, true)).toBe(32);
    expect(v.getUint32(30, true)).toBe(0); // BI_RGB
    expect(v.getUint32(34, true)).toBe(16);
  });

  it('stores each pixel as B, G, R, A in row order', () => {
    expect(Array.from(bmp.subarray(54))).toEqual([0, 0, 255, 255, 0, 255, 0, 255, 255, 0, 0, 255, 9, 9, 9, 128]);
  });

  it('refuses a size that does not match the pixels', () => {
    expect(() => rgbaToBmp(rgba, 3, 2)).toThrow(RangeError);
    expect(() => rgbaToBmp(new Uint8Array(0), 0, 0)).toThrow(RangeError);
  });
});
