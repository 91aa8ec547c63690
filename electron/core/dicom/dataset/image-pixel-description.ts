import type { ImagePixelAttributes } from '../dicom-instance';
import type { DataSetReader } from './dataset-reader';
import { corruptInput, unsupportedInput } from '../input-errors';
import { isNative422 } from './pixel-kind';

/** The Image Pixel module attributes (PS3.3 C.7.6.3) that decoding depends on, checked: those an instance keeps, and High Bit. */
export interface ImagePixelDescription extends ImagePixelAttributes {
  highBit: number;
}

export function readImagePixelDescription(top: DataSetReader, filePath: string): ImagePixelDescription {
  const rows = top.uint16('x00280010');
  const columns = top.uint16('x00280011');
  if (!rows || !columns) throw corruptInput('missing or zero Rows (0028,0010) / Columns (0028,0011)', filePath);
  const bitsAllocated = top.uint16('x00280100');
  if (bitsAllocated === null) throw corruptInput('missing Bits Allocated (0028,0100)', filePath);
  if (![1, 8, 16, 32].includes(bitsAllocated)) {
    throw unsupportedInput(`Bits Allocated ${bitsAllocated} is not supported (only 1, 8, 16, 32)`, filePath);
  }
  const bitsStored = top.uint16('x00280101') ?? bitsAllocated;
  if (bitsStored < 1 || bitsStored > bitsAllocated) {
    throw corruptInput(`Bits Stored ${bitsStored} is not within 1..Bits Allocated (${bitsAllocated})`, filePath);
  }
  const declaredHighBit = top.uint16('x00280102');
  const highBit =
    declaredHighBit !== null && declaredHighBit >= bitsStored - 1 && declaredHighBit < bitsAllocated
      ? declaredHighBit
      : bitsStored - 1;
  const samplesPerPixel = top.uint16('x00280002') ?? 1;
  if (samplesPerPixel < 1) throw corruptInput('Samples per Pixel (0028,0002) is 0', filePath);
  const framesValue = top.numberString('x00280008');
  const numberOfFrames = framesValue === null ? 1 : framesValue;
  if (!Number.isInteger(numberOfFrames) || numberOfFrames < 1) {
    throw corruptInput(`invalid Number of Frames (0028,0008): ${top.string('x00280008')}`, filePath);
  }
  return {
    rows,
    columns,
    numberOfFrames,
    samplesPerPixel,
    photometricInterpretation: top.string('x00280004')?.toUpperCase() ?? (samplesPerPixel === 1 ? 'MONOCHROME2' : 'RGB'),
    bitsAllocated,
    bitsStored,
    highBit,
    pixelRepresentation: top.uint16('x00280103') === 1 ? 1 : 0,
    planarConfiguration: samplesPerPixel > 1 ? top.uint16('x00280006') : null,
  };
}

type NativeLayout = Pick<ImagePixelDescription, 'rows' | 'columns' | 'samplesPerPixel' | 'bitsAllocated' | 'photometricInterpretation'>;

/**
 * Samples one uncompressed frame stores. YBR_FULL_422 and YBR_PARTIAL_422 keep two luminance samples and one
 * Cb/Cr pair per two pixels (PS3.3 C.7.6.3.1.2), so they store 2 samples per pixel, not 3.
 */
export function nativeSamplesPerFrame(image: NativeLayout): number {
  const pixels = image.rows * image.columns;
  if (image.samplesPerPixel === 3 && isNative422(image.photometricInterpretation)) return pixels * 2;
  return pixels * image.samplesPerPixel;
}

/** Bytes of uncompressed pixel data the header promises (1-bit data is packed across frames). */
export function expectedNativePixelBytes(image: NativeLayout & Pick<ImagePixelDescription, 'numberOfFrames'>): number {
  const samples = nativeSamplesPerFrame(image) * image.numberOfFrames;
  return image.bitsAllocated === 1 ? Math.ceil(samples / 8) : (samples * image.bitsAllocated) / 8;
}
