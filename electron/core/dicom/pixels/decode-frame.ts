import { RadGroundError } from '../../errors/radground-error';
import type { DecodedFrame } from '../codecs/codec-types';
import { decodeHtj2k } from '../codecs/htj2k-codec';
import { decodeJpeg2000 } from '../codecs/jpeg2000-codec';
import { decodeJpegBaseline } from '../codecs/jpeg-baseline-codec';
import { decodeJpegLossless } from '../codecs/jpeg-lossless-codec';
import { decodeJpegLs } from '../codecs/jpeg-ls-codec';
import { frameBytes } from '../dataset/encapsulated-pixel-data';
import { rescaleOfFrame } from './modality-output';
import { nativeFrameSamples } from './native-frame-samples';
import { needsStoredJpegYcc } from '../dataset/pixel-kind';
import type { PixelSource } from './pixel-source';
import { decodeRleFrame } from './rle-decoder';
import { rescaleInt16From, rescaleInt16InPlace, storedToModality, swapBytes16InPlace, type StoredSamples } from './stored-to-modality';

function checkDecodedSize(decoded: DecodedFrame, source: PixelSource, codec: string): void {
  const { rows, columns, samplesPerPixel, filePath } = source.instance;
  if (decoded.width !== columns || decoded.height !== rows || decoded.componentCount !== samplesPerPixel) {
    throw new RadGroundError(
      'CORRUPT_INPUT',
      `${codec} frame is ${decoded.width}x${decoded.height} with ${decoded.componentCount} component(s); ` +
        `the header says ${columns}x${rows} with ${samplesPerPixel}: ${filePath}`,
      { filePath },
    );
  }
  const expected = rows * columns * samplesPerPixel;
  if (decoded.samples.length !== expected) {
    throw new RadGroundError(
      'CORRUPT_INPUT',
      `${codec} frame holds ${decoded.samples.length} samples; the header says ${columns}x${rows}x${samplesPerPixel} = ${expected}: ${filePath}`,
      { filePath },
    );
  }
}

const CODECS = {
  'jpeg-baseline': ['JPEG baseline', (e: Uint8Array, _bits: number, path: string, storedYcc: boolean) => decodeJpegBaseline(e, path, storedYcc)],
  'jpeg-lossless': ['JPEG lossless', async (e: Uint8Array, bits: number, path: string) => decodeJpegLossless(e, bits, path)],
  'jpeg-ls': ['JPEG-LS', (e: Uint8Array, _bits: number, path: string) => decodeJpegLs(e, path)],
  jpeg2000: ['JPEG 2000', (e: Uint8Array, _bits: number, path: string) => decodeJpeg2000(e, path)],
  htj2k: ['HTJ2K', (e: Uint8Array, _bits: number, path: string) => decodeHtj2k(e, path)],
} as const;

/**
 * The samples of compressed frame `frame`, pixel-interleaved (rows * columns * samplesPerPixel), as the
 * codec returns them: 8-bit JPEG baseline has already turned full-range YCbCr into RGB (YBR_PARTIAL data comes
 * out as stored), JPEG 2000 has undone its color transform (YBR_ICT / YBR_RCT); see decodedColorModel.
 */
export async function decodeCompressedSamples(source: PixelSource, frame: number): Promise<StoredSamples> {
  const { instance, bytes, encoding } = source;
  const fragments = instance.pixelData.fragments ?? [];
  const { filePath, rows, columns, bitsAllocated, samplesPerPixel } = instance;
  const range = source.frameFragments?.[frame];
  if (!range) throw new RadGroundError('INTERNAL', `frame ${frame} has no fragment range: ${filePath}`, { filePath });
  const encoded = frameBytes(bytes, fragments, range[0], range[1]);
  if (encoding === 'rle') {
    const raw = decodeRleFrame(encoded, rows, columns, samplesPerPixel, bitsAllocated, filePath);
    const count = rows * columns * samplesPerPixel;
    if (bitsAllocated === 8) return raw;
    return bitsAllocated === 16 ? new Uint16Array(raw.buffer, 0, count) : new Uint32Array(raw.buffer, 0, count);
  }
  if (!(encoding in CODECS)) {
    throw new RadGroundError('UNSUPPORTED_INPUT', `transfer syntax ${instance.transferSyntaxUid} is not supported: ${filePath}`, {
      filePath,
    });
  }
  const [codec, decode] = CODECS[encoding as keyof typeof CODECS];
  const decoded = await decode(encoded, bitsAllocated, filePath, needsStoredJpegYcc(instance));
  checkDecodedSize(decoded, source, codec);
  return decoded.samples;
}

/** Decodes grey-scale frame `frame` of `source` into dst[dstOffset ... dstOffset + rows*columns), as modality values. */
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
    const swap = encoding === 'native-be' && (instance.bitsAllocated > 8 || instance.pixelData.vr === 'OW');
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
    storedToModality(nativeFrameSamples(source, frame), count, format, slope, intercept, dst, dstOffset);
    return;
  }
  const samples = await decodeCompressedSamples(source, frame);
  storedToModality(samples, count, format, slope, intercept, dst, dstOffset);
}
