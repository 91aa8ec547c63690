import { describe, expect, it } from 'vitest';
import { rescaleInt16LanesSimd } from '../../../electron/core/dicom/pixels/int16-rescale-simd';
import { rescaleInt16From, rescaleInt16InPlace, storedToModality } from '../../../electron/core/dicom/pixels/stored-to-modality';

/** Reference: stored value from bits [highBit-bitsStored+1, highBit], then slope/intercept. */
function reference(word: number, bitsStored: number, highBit: number, signed: boolean): number {
  const shifted = (word & 0xffff) >>> (highBit + 1 - bitsStored);
  const value = shifted % 2 ** bitsStored;
  return signed && value >= 2 ** (bitsStored - 1) ? value - 2 ** bitsStored : value;
}

const everyWord = Uint16Array.from({ length: 65536 }, (_, i) => i);

describe('int16 rescale kernels agree with the reference on every 16-bit input', () => {
  const cases: Array<[number, boolean, number]> = [
    [12, false, -1024],
    [12, true, -1024],
    [16, true, 0],
    [16, true, -1024],
    [10, true, 100],
    [8, false, 0],
    [15, false, -16384],
  ];
  for (const [bitsStored, signed, intercept] of cases) {
    it(`${bitsStored} bits ${signed ? 'signed' : 'unsigned'}, intercept ${intercept}`, () => {
      const expected = Int16Array.from(everyWord, (w) => reference(w, bitsStored, bitsStored - 1, signed) + intercept);
      // Large region: SIMD path when available.
      const large = new Int16Array(everyWord.buffer.slice(0));
      rescaleInt16InPlace(large, bitsStored, signed, intercept);
      // Small regions (< 1024 values) and odd offsets: scalar + SWAR path.
      const small = new Int16Array(everyWord.buffer.slice(0));
      for (let at = 1; at < small.length; at += 999) rescaleInt16InPlace(small.subarray(at, Math.min(small.length, at + 999)), bitsStored, signed, intercept);
      rescaleInt16InPlace(small.subarray(0, 1), bitsStored, signed, intercept);
      let largeDiff = 0;
      let smallDiff = 0;
      for (let i = 0; i < 65536; i++) {
        if (large[i] !== expected[i]) largeDiff++;
        if (small[i] !== expected[i]) smallDiff++;
      }
      expect(largeDiff).toBe(0);
      expect(smallDiff).toBe(0);
    });
  }

  it('rescaleInt16From reads little-endian samples at an odd byte address (SIMD and scalar sizes)', () => {
    for (const count of [65536, 500]) {
      const bytes = new Uint8Array(count * 2 + 1);
      for (let i = 0; i < count; i++) {
        bytes[1 + 2 * i] = (i * 7) & 0xff;
        bytes[2 + 2 * i] = (i * 13) >> 8;
      }
      const dst = new Int16Array(count + 3).fill(99);
      rescaleInt16From(bytes.subarray(1), dst.subarray(1, 1 + count), 12, true, -1024);
      let diff = 0;
      for (let i = 0; i < count; i++) {
        const word = bytes[1 + 2 * i]! | (bytes[2 + 2 * i]! << 8);
        if (dst[1 + i] !== reference(word, 12, 11, true) - 1024) diff++;
      }
      expect(diff).toBe(0);
      expect([dst[0], dst[count + 1], dst[count + 2]]).toEqual([99, 99, 99]);
    }
  });

  it('the WebAssembly SIMD kernel is available in this runtime', () => {
    expect(rescaleInt16LanesSimd(new Int16Array(16), 0xffff, 0, 0)).toBe(true);
  });
});

describe('generic stored -> modality conversion', () => {
  it('handles a high bit above bitsStored - 1 (shifted samples), slope and Float32 output', () => {
    const words = everyWord;
    const out = new Float32Array(words.length);
    storedToModality(words, words.length, { bitsStored: 12, highBit: 15, pixelRepresentation: 1 }, 0.5, 3, out, 0);
    let diff = 0;
    for (let i = 0; i < words.length; i++) if (out[i] !== reference(words[i]!, 12, 15, true) * 0.5 + 3) diff++;
    expect(diff).toBe(0);
  });

  it('handles 32-bit signed and unsigned samples', () => {
    const samples = Uint32Array.from([0, 1, 0x7fffffff, 0x80000000, 0xffffffff]);
    const unsigned = new Float32Array(5);
    storedToModality(samples, 5, { bitsStored: 32, highBit: 31, pixelRepresentation: 0 }, 1, 0, unsigned, 0);
    expect(Array.from(unsigned)).toEqual(Array.from(samples, (v) => Math.fround(v)));
    const signed = new Float32Array(5);
    storedToModality(samples, 5, { bitsStored: 32, highBit: 31, pixelRepresentation: 1 }, 1, 0, signed, 0);
    expect(Array.from(signed)).toEqual([0, 1, 2147483647, -2147483648, -1].map(Math.fround));
  });
});
