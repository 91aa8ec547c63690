/**
 * Stored pixel values -> modality values (Rescale Slope/Intercept, i.e. HU for CT). Stored values are
 * taken from bits [highBit - bitsStored + 1, highBit] of each sample: unsigned ones are masked, signed ones
 * sign-extended from bit highBit. Loops are specialised so the hot path has no per-pixel calls or branches.
 */
import { rescaleInt16LanesSimd, rescaleInt16LanesSimdFrom } from './int16-rescale-simd';

export type StoredSamples = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

export interface StoredFormat {
  bitsStored: number;
  highBit: number;
  /** 0 unsigned, 1 two's complement. */
  pixelRepresentation: number;
}

/** `src` holds at least `count` samples. */
export function storedToModality(
  src: StoredSamples,
  count: number,
  format: StoredFormat,
  slope: number,
  intercept: number,
  dst: Int16Array | Float32Array,
  dstOffset: number,
): void {
  const shift = format.highBit + 1 - format.bitsStored;
  const bits = format.bitsStored;
  if (format.pixelRepresentation === 1) {
    const up = 32 - bits;
    if (slope === 1) {
      for (let i = 0; i < count; i++) dst[dstOffset + i] = (((src[i]! >>> shift) << up) >> up) + intercept;
    } else {
      for (let i = 0; i < count; i++) dst[dstOffset + i] = (((src[i]! >>> shift) << up) >> up) * slope + intercept;
    }
  } else if (bits >= 32) {
    for (let i = 0; i < count; i++) dst[dstOffset + i] = (src[i]! >>> 0) * slope + intercept;
  } else {
    const mask = 2 ** bits - 1;
    if (slope === 1) {
      for (let i = 0; i < count; i++) dst[dstOffset + i] = ((src[i]! >>> shift) & mask) + intercept;
    } else {
      for (let i = 0; i < count; i++) dst[dstOffset + i] = ((src[i]! >>> shift) & mask) * slope + intercept;
    }
  }
}

/**
 * In-place variant for the common CT/MR case: `region` holds 16-bit stored samples (highBit = bitsStored - 1)
 * and receives int16 modality values with slope 1. Works on two pixels per 32-bit word (SWAR): per 16-bit
 * lane, result = ((x & mask) ^ signBit) + (intercept - signBit) mod 2^16, which masks unsigned values and
 * sign-extends signed ones in the same step. The caller guarantees the results fit in int16. Uses the
 * WebAssembly SIMD kernel (int16-rescale-simd.ts) for large regions when the runtime has it.
 */
export function rescaleInt16InPlace(region: Int16Array, bitsStored: number, signed: boolean, intercept: number): void {
  const { mask, flip, add } = int16Lanes(bitsStored, signed, intercept);
  if (mask === 0xffff && ((flip + add) & 0xffff) === 0) return; // identity
  const n = region.length;
  if (n >= 1024 && rescaleInt16LanesSimd(region, mask, flip, add)) return;
  let start = 0;
  if (n > 0 && region.byteOffset % 4 !== 0) {
    region[0] = ((region[0]! & mask) ^ flip) + add;
    start = 1;
  }
  const words = (n - start) >> 1;
  if (words > 0) {
    const w = new Int32Array(region.buffer, region.byteOffset + start * 2, words);
    const M = mask | (mask << 16);
    const X = flip | (flip << 16);
    const B = add | (add << 16);
    const BL = B & 0x7fff7fff;
    for (let i = 0; i < words; i++) {
      const a = (w[i]! & M) ^ X;
      w[i] = ((a & 0x7fff7fff) + BL) ^ ((a ^ B) & 0x80008000);
    }
  }
  for (let i = start + words * 2; i < n; i++) region[i] = ((region[i]! & mask) ^ flip) + add;
}

/** Lane constants of the int16 rescale: mask of the stored bits, sign bit to flip, value to add. */
function int16Lanes(bitsStored: number, signed: boolean, intercept: number): { mask: number; flip: number; add: number } {
  const mask = bitsStored >= 16 ? 0xffff : (1 << bitsStored) - 1;
  const flip = signed ? 1 << (bitsStored - 1) : 0;
  return { mask, flip, add: (intercept - flip) & 0xffff };
}

/**
 * Like rescaleInt16InPlace, but reads the stored samples from `src` (little-endian bytes, any alignment)
 * and writes modality values to `dst`, so the caller needs no copy of its own.
 */
export function rescaleInt16From(src: Uint8Array, dst: Int16Array, bitsStored: number, signed: boolean, intercept: number): void {
  const { mask, flip, add } = int16Lanes(bitsStored, signed, intercept);
  if (dst.length >= 1024 && rescaleInt16LanesSimdFrom(src, dst, mask, flip, add)) return;
  new Uint8Array(dst.buffer, dst.byteOffset, dst.length * 2).set(src.subarray(0, dst.length * 2));
  rescaleInt16InPlace(dst, bitsStored, signed, intercept);
}

/** Swaps the two bytes of every 16-bit sample in place (big endian <-> little endian). */
export function swapBytes16InPlace(region: Uint8Array): void {
  const n = region.length & ~1;
  let i = 0;
  if (region.byteOffset % 4 === 0 && n >= 4) {
    const words = n >> 2;
    const w = new Int32Array(region.buffer, region.byteOffset, words);
    for (let k = 0; k < words; k++) {
      const x = w[k]!;
      w[k] = ((x & 0x00ff00ff) << 8) | ((x >>> 8) & 0x00ff00ff);
    }
    i = words * 4;
  }
  for (; i < n; i += 2) {
    const t = region[i]!;
    region[i] = region[i + 1]!;
    region[i + 1] = t;
  }
}

/** Reverses the byte order of every 32-bit sample in place. */
export function swapBytes32InPlace(region: Uint8Array): void {
  const n = region.length & ~3;
  for (let i = 0; i < n; i += 4) {
    const a = region[i]!;
    const b = region[i + 1]!;
    region[i] = region[i + 3]!;
    region[i + 1] = region[i + 2]!;
    region[i + 2] = b;
    region[i + 3] = a;
  }
}
