import { RadGroundError } from '../errors/radground-error';
import type { DecodedFrame } from './codecs/codec-types';
import { decodeJpeg2000 } from './codecs/jpeg2000-codec';
import { decodeJpegBaseline } from './codecs/jpeg-baseline-codec';
import { decodeJpegLossless } from './codecs/jpeg-lossless-codec';
import { decodeJpegLs } from './codecs/jpeg-ls-codec';
import { frameBytes } from './encapsulated-pixel-data';
import { rescaleOfFrame } from './modality-output';
import type { PixelSource } from './pixel-source';
import { decodeRleFrame } from './rle-decoder';
import {
  rescaleInt16From,
  rescaleInt16InPlace,
  storedToModality,
  swapBytes16InPlace,
  swapBytes32InPlace,
  type StoredSamples,
} from './stored-to-modality';

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

/** A frame's native bytes as a typed array of stored samples (a view when aligned little endian, else a copy). */
function nativeSamples(bytes: Uint8Array, start: number, count: number, bitsAllocated: number, swap: boolean): StoredSamples {
  const byteLength = (count * bitsAllocated) / 8;
  const absolute = bytes.byteOffset + start;
  if (bitsAllocated === 8) {
    if (!swap) return bytes.subarray(start, start + byteLength);
    const copy = copyOf(bytes, start, start + byteLength);
    swapBytes16InPlace(copy);
    return copy;
  }
  const align = bitsAllocated / 8;
  if (!swap && absolute % align === 0) {
    return bitsAllocated === 16
      ? new Uint16Array(bytes.buffer, absolute, count)
      : new Uint32Array(bytes.buffer, absolute, count);
  }
  const copy = copyOf(bytes, start, start + byteLength);
  if (swap) {
    if (bitsAllocated === 16) swapBytes16InPlace(copy);
    else swapBytes32InPlace(copy);
  }
  return bitsAllocated === 16 ? new Uint16Array(copy.buffer, 0, count) : new Uint32Array(copy.buffer, 0, count);
}

function checkDecodedSize(decoded: DecodedFrame, source: PixelSource, codec: string): void {
  const { rows, columns, filePath } = source.instance;
  if (decoded.width !== columns || decoded.height !== rows || decoded.componentCount !== 1) {
    throw new RadGroundError(
      'CORRUPT_INPUT',
      `${codec} frame is ${decoded.width}x${decoded.height} with ${decoded.componentCount} component(s); ` +
        `the header says ${columns}x${rows} with 1: ${filePath}`,
      { filePath },
    );
  }
  if (decoded.samples.length !== rows * columns) {
    throw new RadGroundError(
      'CORRUPT_INPUT',
      `${codec} frame holds ${decoded.samples.length} samples; the header says ${columns}x${rows} = ${rows * columns}: ${filePath}`,
      { filePath },
    );
  }
}

async function decodeCompressed(source: PixelSource, frame: number): Promise<StoredSamples> {
  const { instance, bytes, encoding } = source;
  const fragments = instance.pixelData.fragments ?? [];
  const [first, last] = (source.frameFragments ?? [])[frame];
  const encoded = frameBytes(bytes, fragments, first, last);
  const { filePath, rows, columns, bitsAllocated } = instance;
  if (encoding === 'rle') {
    const raw = decodeRleFrame(encoded, rows, columns, 1, bitsAllocated, filePath);
    const count = rows * columns;
    if (bitsAllocated === 8) return raw;
    return bitsAllocated === 16 ? new Uint16Array(raw.buffer, 0, count) : new Uint32Array(raw.buffer, 0, count);
  }
  let decoded: DecodedFrame;
  let codec: string;
  switch (encoding) {
    case 'jpeg-baseline':
      codec = 'JPEG baseline';
      decoded = await decodeJpegBaseline(encoded, filePath);
      break;
    case 'jpeg-lossless':
      codec = 'JPEG lossless';
      decoded = decodeJpegLossless(encoded, bitsAllocated, filePath);
      break;
    case 'jpeg-ls':
      codec = 'JPEG-LS';
      decoded = await decodeJpegLs(encoded, filePath);
      break;
    case 'jpeg2000':
      codec = 'JPEG 2000';
      decoded = await decodeJpeg2000(encoded, filePath);
      break;
    default:
      throw new RadGroundError('UNSUPPORTED_INPUT', `transfer syntax ${instance.transferSyntaxUid} is not supported: ${filePath}`, {
        filePath,
      });
  }
  checkDecodedSize(decoded, source, codec);
  return decoded.samples;
}

/** Decodes frame `frame` of `source` into dst[dstOffset ... dstOffset + rows*columns), as modality values. */
export async function decodeFrameInto(
  source: PixelSource,
  frame: number,
  dst: Int16Array | Float32Array,
  dstOffset: number,
): Promise<void> {
  const { instance, bytes, encoding } = source;
  const count = instance.rows * instance.columns;
  const { slope, intercept } = rescaleOfFrame(instance, frame);
  const format = { bitsStored: instance.bitsStored, highBit: instance.highBit, pixelRepresentation: instance.pixelRepresentation };

  if (encoding === 'native-le' || encoding === 'native-be') {
    const frameByteLength = (count * instance.bitsAllocated) / 8;
    const start = instance.pixelData.dataOffset + frame * frameByteLength;
    const bigEndian = encoding === 'native-be';
    const swap = bigEndian && (instance.bitsAllocated > 8 || instance.pixelData.vr === 'OW');
    const fastInt16 =
      dst instanceof Int16Array && instance.bitsAllocated === 16 && slope === 1 && format.highBit === format.bitsStored - 1;
    if (fastInt16) {
      // Stored samples -> int16 modality values in one pass (SIMD through scratch memory when available).
      const region = dst.subarray(dstOffset, dstOffset + count);
      const signed = format.pixelRepresentation === 1;
      const stored = bytes.subarray(start, start + frameByteLength);
      if (!swap) {
        rescaleInt16From(stored, region, format.bitsStored, signed, intercept);
        return;
      }
      const regionBytes = new Uint8Array(region.buffer, region.byteOffset, count * 2);
      regionBytes.set(stored);
      swapBytes16InPlace(regionBytes);
      rescaleInt16InPlace(region, format.bitsStored, signed, intercept);
      return;
    }
    const samples = nativeSamples(bytes, start, count, instance.bitsAllocated, swap);
    storedToModality(samples, count, format, slope, intercept, dst, dstOffset);
    return;
  }
  const samples = await decodeCompressed(source, frame);
  storedToModality(samples, count, format, slope, intercept, dst, dstOffset);
}
