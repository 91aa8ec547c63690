import { nativeSamplesPerFrame } from '../dataset/image-pixel-description';
import type { PixelSource } from './pixel-source';
import { swapBytes16InPlace, swapBytes32InPlace, type StoredSamples } from './stored-to-modality';

/**
 * A copy of bytes[start, end) in a fresh buffer that starts at byte 0. Not `bytes.slice()`: on a Node
 * Buffer (what readFile returns) slice is a view into the file's memory, so `copy.buffer` would start at
 * the file's first byte, and swapping in place would change the caller's bytes.
 */
function copyOf(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const copy = new Uint8Array(end - start);
  copy.set(bytes.subarray(start, end));
  return copy;
}

/** `count` samples of `bitsAllocated` bits from bytes[start...] (a view when aligned little endian, else a copy). */
export function nativeSamples(bytes: Uint8Array, start: number, count: number, bitsAllocated: number, swap: boolean): StoredSamples {
  const byteLength = (count * bitsAllocated) / 8;
  const absolute = bytes.byteOffset + start;
  if (bitsAllocated === 8) {
    if (!swap) return bytes.subarray(start, start + byteLength);
    // 8-bit samples in a big-endian OW value: each 16-bit word holds two samples in swapped order.
    const copy = copyOf(bytes, start, start + byteLength);
    swapBytes16InPlace(copy);
    return copy;
  }
  const align = bitsAllocated / 8;
  if (!swap && absolute % align === 0) {
    return bitsAllocated === 16 ? new Uint16Array(bytes.buffer, absolute, count) : new Uint32Array(bytes.buffer, absolute, count);
  }
  const copy = copyOf(bytes, start, start + byteLength);
  if (swap) {
    if (bitsAllocated === 16) swapBytes16InPlace(copy);
    else swapBytes32InPlace(copy);
  }
  return bitsAllocated === 16 ? new Uint16Array(copy.buffer, 0, count) : new Uint32Array(copy.buffer, 0, count);
}

/**
 * 1-bit samples (PS3.5 8.1.1: packed little-endian bit order, frames following each other without
 * padding) of frame `frame`, one byte (0 or 1) each.
 */
/** The caller has checked that the frame's bits are all in `bytes`. */
export function unpackBits(bytes: Uint8Array, dataOffset: number, frame: number, count: number): Uint8Array {
  const out = new Uint8Array(count);
  const firstBit = frame * count;
  for (let i = 0; i < count; i++) {
    const bit = firstBit + i;
    out[i] = (bytes[dataOffset + (bit >>> 3)]! >>> (bit & 7)) & 1;
  }
  return out;
}

/**
 * The samples of frame `frame` of uncompressed pixel data, in the order they are stored (planar or
 * pixel-interleaved, YBR_FULL_422 still subsampled). The caller has checked the data is all there.
 */
export function nativeFrameSamples(source: PixelSource, frame: number): StoredSamples {
  const { instance, bytes, encoding } = source;
  const count = nativeSamplesPerFrame(instance);
  if (instance.bitsAllocated === 1) {
    // Bit order is the same in both byte orders for OB; big-endian OW packs 16 bits per word.
    if (encoding === 'native-be' && instance.pixelData.vr === 'OW') {
      const words = Math.ceil((count * instance.numberOfFrames) / 16);
      const swapped = copyOf(bytes, instance.pixelData.dataOffset, instance.pixelData.dataOffset + words * 2);
      swapBytes16InPlace(swapped);
      return unpackBits(swapped, 0, frame, count);
    }
    return unpackBits(bytes, instance.pixelData.dataOffset, frame, count);
  }
  const frameByteLength = (count * instance.bitsAllocated) / 8;
  const start = instance.pixelData.dataOffset + frame * frameByteLength;
  const swap = encoding === 'native-be' && (instance.bitsAllocated > 8 || instance.pixelData.vr === 'OW');
  return nativeSamples(bytes, start, count, instance.bitsAllocated, swap);
}
