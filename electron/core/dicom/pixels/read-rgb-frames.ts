import { RadGroundError } from '../../errors/radground-error';
import { expandYbr422, interleavePlanes, jpegYccToRgbInPlace, ybrFullToRgbInPlace, ybrPartialToRgbInPlace } from './color-samples';
import { decodeCompressedSamples } from './decode-frame';
import type { DicomInstance } from '../dicom-instance';
import { dicomParser, type DataSet } from '../dicom-parser-module';
import { parseInflatedPart10 } from '../dataset/file-meta';
import { corruptInput } from '../input-errors';
import { nativeFrameSamples } from './native-frame-samples';
import { applyPalette, readPaletteColorLut, type PaletteColorLut } from './palette-lut';
import { hasPart10Magic } from '../files/part10-preamble';
import { assertRgbDecodable, decodedColorModel, isNative422 } from '../dataset/pixel-kind';
import { preparePixelSource, type PixelSource } from './pixel-source';
import type { StoredSamples } from './stored-to-modality';
import { isDeflated, isNativeEncoding } from '../dataset/transfer-syntax';

/** One color frame: R, G, B per pixel, rows top to bottom, column index fastest. */
export interface RgbFrame {
  rows: number;
  columns: number;
  /** Significant bits of each sample: Bits Stored for RGB/YBR data, the LUT entry size for PALETTE COLOR. */
  bits: number;
  /** rows * columns * 3 samples: Uint8Array up to 8 bits, Uint16Array above. */
  samples: Uint8Array | Uint16Array;
}

/** The header data set of the bytes a pixel source holds (for the palette, read only when needed). */
function headerDataSet(source: PixelSource): DataSet {
  const bytes = source.bytes;
  const options: Record<string, unknown> = { untilTag: 'x7fe00010' };
  if (!hasPart10Magic(bytes)) options.TransferSyntaxUID = source.instance.transferSyntaxUid;
  try {
    // A deflated file's bytes here are already inflated: read past the meta group as they are.
    if (isDeflated(source.instance.transferSyntaxUid)) return parseInflatedPart10(bytes, 'x7fe00010');
    return dicomParser.parseDicom(bytes, options);
  } catch (e) {
    throw corruptInput(`cannot read the palette's data set (${e instanceof Error ? e.message : String(e)})`, source.instance.filePath);
  }
}

/** Stored values (bits highBit-bitsStored+1 .. highBit) of unsigned samples, in a fresh array of 8 or 16 bits. */
function storedValues(samples: StoredSamples, length: number, bitsStored: number, highBit: number): Uint8Array | Uint16Array {
  const out = bitsStored <= 8 ? new Uint8Array(length) : new Uint16Array(length);
  const shift = highBit + 1 - bitsStored;
  const mask = 2 ** bitsStored - 1;
  for (let i = 0; i < length; i++) out[i] = (samples[i]! >>> shift) & mask;
  return out;
}

async function frameSamples(source: PixelSource, frame: number): Promise<{ samples: StoredSamples; layoutDone: boolean }> {
  if (isNativeEncoding(source.encoding)) return { samples: nativeFrameSamples(source, frame), layoutDone: false };
  return { samples: await decodeCompressedSamples(source, frame), layoutDone: true };
}

async function rgbFrame(source: PixelSource, frame: number, palette: PaletteColorLut | null): Promise<RgbFrame> {
  const { instance } = source;
  const { rows, columns, bitsStored, highBit } = instance;
  const pixels = rows * columns;
  let { samples, layoutDone } = await frameSamples(source, frame);
  if (palette) {
    const indices = storedValues(samples, pixels, bitsStored, highBit);
    return { rows, columns, bits: palette.bits, samples: applyPalette(indices, pixels, palette) };
  }
  if (!layoutDone) {
    // Compressed data comes out of the codecs pixel-interleaved and at full resolution.
    if (isNative422(instance.photometricInterpretation)) samples = expandYbr422(samples, rows, columns);
    else if (instance.planarConfiguration === 1) samples = interleavePlanes(samples, pixels, 3);
  }
  const rgb = storedValues(samples, pixels * 3, bitsStored, highBit);
  const model = decodedColorModel(instance, source.encoding);
  if (model === 'YBR_FULL') ybrFullToRgbInPlace(rgb, bitsStored);
  else if (model === 'YBR_FULL_JPEG') jpegYccToRgbInPlace(rgb, bitsStored);
  else if (model === 'YBR_PARTIAL') ybrPartialToRgbInPlace(rgb, bitsStored);
  return { rows, columns, bits: bitsStored, samples: rgb };
}

/**
 * Every frame of a color instance (RGB, YBR_FULL, YBR_FULL_422, YBR_PARTIAL_422, YBR_PARTIAL_420 (compressed),
 * YBR_ICT, YBR_RCT, PALETTE COLOR; 8 or 16
 * bits; either planar configuration; any supported transfer syntax) as RGB. `bytes` is the whole file; without
 * it the file is read from instance.filePath. Grey-scale images are refused: read their modality values.
 */
export async function readRgbFrames(instance: DicomInstance, bytes?: Uint8Array): Promise<RgbFrame[]> {
  assertRgbDecodable(instance);
  const source = await preparePixelSource(instance, bytes);
  const palette = instance.photometricInterpretation === 'PALETTE COLOR' ? readPaletteColorLut(headerDataSet(source), instance.filePath) : null;
  const frames: RgbFrame[] = [];
  for (let f = 0; f < source.instance.numberOfFrames; f++) frames.push(await rgbFrame(source, f, palette));
  return frames;
}

/** 8-bit RGB for display: samples of more than 8 bits keep their top 8. */
export function rgbDisplayBytes(frame: RgbFrame): Uint8Array {
  if (frame.samples instanceof Uint8Array && frame.bits <= 8) return frame.samples;
  if (frame.bits < 8 || frame.bits > 16) {
    throw new RadGroundError('INTERNAL', `RGB frame with ${frame.bits}-bit samples cannot be shown`);
  }
  const shift = frame.bits - 8;
  const out = new Uint8Array(frame.samples.length);
  for (let i = 0; i < out.length; i++) out[i] = frame.samples[i]! >>> shift;
  return out;
}
