/**
 * What a decoded image is made of: grey levels (modality values: HU, MR signal...) or color (RGB). One
 * rule for the decoders, the volume builder, the viewer and the analysis packs.
 */
import type { DicomInstance } from '../dicom-instance';
import { corruptInput, unsupportedInput } from '../input-errors';
import { pixelEncodingOf, type PixelEncoding } from './transfer-syntax';

export type PixelKind = 'grey' | 'rgb';

const GREY = new Set(['MONOCHROME1', 'MONOCHROME2']);
/** Three-sample color models RadGround turns into RGB. */
const THREE_SAMPLE_COLOR = new Set(['RGB', 'YBR_FULL', 'YBR_FULL_422', 'YBR_PARTIAL_422', 'YBR_PARTIAL_420', 'YBR_ICT', 'YBR_RCT']);

/** Color models whose luminance and chroma use ITU-R BT.601's limited range (PS3.3 C.7.6.3.1.2). */
export function isYbrPartial(photometricInterpretation: string): boolean {
  return photometricInterpretation === 'YBR_PARTIAL_422' || photometricInterpretation === 'YBR_PARTIAL_420';
}

/** Uncompressed layouts with one Cb/Cr pair per two pixels of a row (Y1 Y2 Cb Cr). */
export function isNative422(photometricInterpretation: string): boolean {
  return photometricInterpretation === 'YBR_FULL_422' || photometricInterpretation === 'YBR_PARTIAL_422';
}

/**
 * 'grey' for MONOCHROME1/2 with one sample, 'rgb' for three-sample color and PALETTE COLOR; anything else
 * (ARGB, CMYK, HSV, 2 or 4 samples...) is UNSUPPORTED_INPUT naming it.
 */
export function pixelKindOf(instance: Pick<DicomInstance, 'samplesPerPixel' | 'photometricInterpretation' | 'filePath'>): PixelKind {
  const { samplesPerPixel, photometricInterpretation: pi, filePath } = instance;
  if (samplesPerPixel === 1 && GREY.has(pi)) return 'grey';
  if (samplesPerPixel === 1 && pi === 'PALETTE COLOR') return 'rgb';
  if (samplesPerPixel === 3 && THREE_SAMPLE_COLOR.has(pi)) return 'rgb';
  throw unsupportedInput(`photometric interpretation ${pi} with ${samplesPerPixel} sample(s) per pixel is not supported`, filePath, {
    photometricInterpretation: pi,
    samplesPerPixel,
  });
}

/**
 * The color model of a frame's samples once decoded: what is left to do to get RGB. YBR_FULL_JPEG is full
 * range YCbCr out of RadGround's sequential DCT decoder, turned into RGB with libjpeg's integer arithmetic.
 */
export type DecodedColorModel = 'RGB' | 'YBR_FULL' | 'YBR_FULL_JPEG' | 'YBR_PARTIAL' | 'PALETTE COLOR';

/**
 * True where 8-bit JPEG baseline/extended data must come out as stored YCbCr (RadGround's DCT decoder)
 * rather than as libjpeg-turbo's RGB: libjpeg-turbo assumes full-range YCbCr, YBR_PARTIAL is limited range.
 */
export function needsStoredJpegYcc(instance: Pick<DicomInstance, 'photometricInterpretation' | 'samplesPerPixel'>): boolean {
  return instance.samplesPerPixel === 3 && isYbrPartial(instance.photometricInterpretation);
}

/**
 * JPEG baseline/extended 8-bit decoders (libjpeg-turbo) turn full-range YCbCr into RGB themselves; 12-bit
 * JPEG (and 8-bit YBR_PARTIAL JPEG) comes out of RadGround's own decoder still YCbCr. JPEG 2000 / HTJ2K
 * decoders undo their color transform (YBR_ICT / YBR_RCT are RGB once decoded). Uncompressed, RLE,
 * lossless JPEG and JPEG-LS YBR data is still YBR_FULL or YBR_PARTIAL after decoding (422 once expanded).
 */
export function decodedColorModel(
  instance: Pick<DicomInstance, 'photometricInterpretation' | 'bitsAllocated' | 'samplesPerPixel'>,
  encoding: PixelEncoding,
): DecodedColorModel {
  const pi = instance.photometricInterpretation;
  if (pi === 'PALETTE COLOR') return 'PALETTE COLOR';
  if (pi === 'RGB' || pi === 'YBR_ICT' || pi === 'YBR_RCT') return 'RGB';
  if (isYbrPartial(pi)) return 'YBR_PARTIAL';
  if (encoding === 'jpeg-baseline') return instance.bitsAllocated === 8 ? 'RGB' : 'YBR_FULL_JPEG';
  return 'YBR_FULL';
}

/** Rejects, with a reason, instances whose frames readRgbFrames cannot produce. */
export function assertRgbDecodable(instance: DicomInstance): void {
  const { filePath } = instance;
  if (pixelKindOf(instance) !== 'rgb') {
    throw unsupportedInput(`a grey-scale image (${instance.photometricInterpretation}) has no RGB frames; read its modality values`, filePath);
  }
  const palette = instance.photometricInterpretation === 'PALETTE COLOR';
  if (instance.bitsAllocated !== 8 && instance.bitsAllocated !== 16) {
    throw unsupportedInput(`${instance.photometricInterpretation} with Bits Allocated ${instance.bitsAllocated} is not supported (only 8 or 16)`, filePath);
  }
  if (!palette && instance.pixelRepresentation === 1) throw corruptInput('color samples marked signed (Pixel Representation 1)', filePath);
  const encoding = pixelEncodingOf(instance.transferSyntaxUid);
  if (encoding === 'unsupported') throw unsupportedInput(`transfer syntax ${instance.transferSyntaxUid} is not supported`, filePath);
  const native = encoding === 'native-le' || encoding === 'native-be';
  if (native && instance.photometricInterpretation === 'YBR_PARTIAL_420') {
    // PS3.3 C.7.6.3.1.2 defines YBR_PARTIAL_420 only for compressed (MPEG, JPEG) data: no uncompressed layout.
    throw unsupportedInput('uncompressed YBR_PARTIAL_420 is not supported (the standard defines it only for compressed data)', filePath);
  }
  if (native && isNative422(instance.photometricInterpretation) && instance.columns % 2 !== 0) {
    throw corruptInput(`uncompressed ${instance.photometricInterpretation} needs an even number of columns, not ${instance.columns}`, filePath);
  }
}
