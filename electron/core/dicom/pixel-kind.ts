/**
 * What a decoded image is made of: grey levels (modality values: HU, MR signal...) or colour (RGB). One
 * rule for the decoders, the volume builder, the viewer and the analysis packs.
 */
import type { DicomInstance } from './dicom-instance';
import { corruptInput, unsupportedInput } from './input-errors';
import { pixelEncodingOf, type PixelEncoding } from './transfer-syntax';

export type PixelKind = 'grey' | 'rgb';

const GREY = new Set(['MONOCHROME1', 'MONOCHROME2']);
/** Three-sample colour models RadGround turns into RGB. */
const THREE_SAMPLE_COLOUR = new Set(['RGB', 'YBR_FULL', 'YBR_FULL_422', 'YBR_ICT', 'YBR_RCT']);

/**
 * 'grey' for MONOCHROME1/2 with one sample, 'rgb' for three-sample colour and PALETTE COLOR; anything else
 * (YBR_PARTIAL_*, ARGB, CMYK, HSV, 2 or 4 samples...) is UNSUPPORTED_INPUT naming it.
 */
export function pixelKindOf(instance: Pick<DicomInstance, 'samplesPerPixel' | 'photometricInterpretation' | 'filePath'>): PixelKind {
  const { samplesPerPixel, photometricInterpretation: pi, filePath } = instance;
  if (samplesPerPixel === 1 && GREY.has(pi)) return 'grey';
  if (samplesPerPixel === 1 && pi === 'PALETTE COLOR') return 'rgb';
  if (samplesPerPixel === 3 && THREE_SAMPLE_COLOUR.has(pi)) return 'rgb';
  throw unsupportedInput(`photometric interpretation ${pi} with ${samplesPerPixel} sample(s) per pixel is not supported`, filePath, {
    photometricInterpretation: pi,
    samplesPerPixel,
  });
}

/** The colour model of a frame's samples once decoded: what is left to do to get RGB. */
export type DecodedColourModel = 'RGB' | 'YBR_FULL' | 'PALETTE COLOR';

/**
 * JPEG baseline/extended 8-bit decoders (libjpeg-turbo) turn YCbCr into RGB themselves, and JPEG 2000 /
 * HTJ2K decoders undo their colour transform (YBR_ICT / YBR_RCT are RGB once decoded). Uncompressed,
 * RLE, lossless JPEG and JPEG-LS YBR data is still YBR_FULL after decoding (YBR_FULL_422 once expanded).
 */
export function decodedColourModel(instance: Pick<DicomInstance, 'photometricInterpretation' | 'bitsAllocated'>, encoding: PixelEncoding): DecodedColourModel {
  const pi = instance.photometricInterpretation;
  if (pi === 'PALETTE COLOR') return 'PALETTE COLOR';
  if (pi === 'RGB' || pi === 'YBR_ICT' || pi === 'YBR_RCT') return 'RGB';
  if (encoding === 'jpeg-baseline' && instance.bitsAllocated === 8) return 'RGB';
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
  if (!palette && instance.pixelRepresentation === 1) throw corruptInput('colour samples marked signed (Pixel Representation 1)', filePath);
  const encoding = pixelEncodingOf(instance.transferSyntaxUid);
  if (encoding === 'unsupported') throw unsupportedInput(`transfer syntax ${instance.transferSyntaxUid} is not supported`, filePath);
  if (instance.photometricInterpretation === 'YBR_FULL_422' && (encoding === 'native-le' || encoding === 'native-be') && instance.columns % 2 !== 0) {
    throw corruptInput(`uncompressed YBR_FULL_422 needs an even number of columns, not ${instance.columns}`, filePath);
  }
}
