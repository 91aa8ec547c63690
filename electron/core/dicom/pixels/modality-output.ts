import { RadGroundError } from '../../errors/radground-error';
import type { DicomInstance } from '../dicom-instance';
import { isParsedDicomInstance, type RescaleParameters } from '../dataset/pixel-data-location';
import { pixelKindOf } from '../dataset/pixel-kind';
import { isNativeEncoding, pixelEncodingOf } from '../dataset/transfer-syntax';

export type ModalityOutputType = 'int16' | 'float32';

/** Rescale of frame `frame`: per-frame when an Enhanced object varies it, else the instance's. */
export function rescaleOfFrame(instance: DicomInstance, frame: number): RescaleParameters {
  if (isParsedDicomInstance(instance) && instance.perFrameRescale?.[frame]) return instance.perFrameRescale[frame];
  return { slope: instance.rescaleSlope, intercept: instance.rescaleIntercept };
}

/**
 * Int16 when slope and intercept are integers and every possible stored value (from Bits Stored and Pixel
 * Representation) maps into int16 range; Float32 otherwise. Decided from the header so that all frames of
 * an instance, and all instances of a consistent series, get the same type.
 */
export function modalityOutputType(instance: DicomInstance): ModalityOutputType {
  const bits = instance.bitsStored;
  const signed = instance.pixelRepresentation === 1;
  const lo = signed ? -(2 ** (bits - 1)) : 0;
  const hi = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  const rescales =
    isParsedDicomInstance(instance) && instance.perFrameRescale
      ? instance.perFrameRescale
      : [{ slope: instance.rescaleSlope, intercept: instance.rescaleIntercept }];
  for (const { slope, intercept } of rescales) {
    if (!Number.isInteger(slope) || !Number.isInteger(intercept)) return 'float32';
    const a = lo * slope + intercept;
    const b = hi * slope + intercept;
    if (Math.min(a, b) < -32768 || Math.max(a, b) > 32767) return 'float32';
  }
  return 'int16';
}

/** Rejects, with a reason, instances whose frames readModalityFrames cannot produce. */
export function assertModalityDecodable(instance: DicomInstance): void {
  const { filePath } = instance;
  const unsupported = (message: string, details: Record<string, unknown> = {}): RadGroundError =>
    new RadGroundError('UNSUPPORTED_INPUT', `${message}: ${filePath}`, { filePath, ...details });
  if (pixelKindOf(instance) === 'rgb') {
    throw unsupported(
      `color images (${instance.samplesPerPixel} samples per pixel, ${instance.photometricInterpretation}) have no grey-level ` +
        'modality values; they are read as RGB (readRgbFrames)',
      { pixelKind: 'rgb' },
    );
  }
  if (![1, 8, 16, 32].includes(instance.bitsAllocated)) throw unsupported(`Bits Allocated ${instance.bitsAllocated} is not supported`);
  const encoding = pixelEncodingOf(instance.transferSyntaxUid);
  if (encoding === 'unsupported') throw unsupported(`transfer syntax ${instance.transferSyntaxUid} is not supported`);
  if (instance.bitsAllocated === 1 && !isNativeEncoding(encoding)) {
    throw unsupported('1-bit pixel data is only defined uncompressed');
  }
}
