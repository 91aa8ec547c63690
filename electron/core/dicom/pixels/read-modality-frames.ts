import { RadGroundError } from '../../errors/radground-error';
import { decodeFrameInto } from './decode-frame';
import type { DicomInstance } from '../dicom-instance';
import { assertModalityDecodable, modalityOutputType } from './modality-output';
import { isParsedDicomInstance } from '../dataset/pixel-data-location';
import { preparePixelSource } from './pixel-source';
import { canReadNativeInt16Directly, readNativeInt16FramesFromFile } from './read-native-frames-from-file';

/**
 * Decodes every frame of `instance` into `target`, frame f at targetOffset + f * rows * columns, row-major
 * (column index fastest), with Rescale Slope/Intercept applied. MONOCHROME1 is not inverted.
 * `bytes` is the whole file; without it the file is read from instance.filePath (for uncompressed 16-bit
 * data straight into `target`). An Int16Array target needs modalityOutputType(instance) === 'int16'.
 */
export async function readModalityFramesInto(
  instance: DicomInstance,
  target: Int16Array | Float32Array,
  targetOffset = 0,
  bytes?: Uint8Array,
): Promise<void> {
  assertModalityDecodable(instance);
  const frameLength = instance.rows * instance.columns;
  const needed = targetOffset + frameLength * instance.numberOfFrames;
  if (!Number.isInteger(targetOffset) || targetOffset < 0 || target.length < needed) {
    throw new RadGroundError('BAD_REQUEST', `target holds ${target.length} values; ${needed} are needed`, {
      filePath: instance.filePath,
    });
  }
  if (target instanceof Int16Array && modalityOutputType(instance) !== 'int16') {
    throw new RadGroundError(
      'BAD_REQUEST',
      `modality values of ${instance.filePath} may not fit in int16 (slope ${instance.rescaleSlope}, intercept ` +
        `${instance.rescaleIntercept}, ${instance.bitsStored} bits stored); use a Float32Array`,
      { filePath: instance.filePath },
    );
  }
  if (!bytes && isParsedDicomInstance(instance) && canReadNativeInt16Directly(instance, target)) {
    if (await readNativeInt16FramesFromFile(instance, target as Int16Array, targetOffset)) return;
  }
  const source = await preparePixelSource(instance, bytes);
  for (let f = 0; f < source.instance.numberOfFrames; f++) {
    await decodeFrameInto(source, f, target, targetOffset + f * frameLength);
  }
}

/**
 * One array per frame (rows * columns values, row-major) of modality values: Int16Array when they
 * always fit (see modalityOutputType), else Float32Array.
 */
export async function readModalityFrames(
  instance: DicomInstance,
  bytes?: Uint8Array,
): Promise<Int16Array[] | Float32Array[]> {
  assertModalityDecodable(instance);
  const frameLength = instance.rows * instance.columns;
  const type = modalityOutputType(instance);
  const allocate = (): Int16Array | Float32Array =>
    type === 'int16' ? new Int16Array(frameLength) : new Float32Array(frameLength);
  if (instance.numberOfFrames === 1) {
    const frame = allocate();
    await readModalityFramesInto(instance, frame, 0, bytes);
    return frame instanceof Int16Array ? [frame] : [frame];
  }
  const source = await preparePixelSource(instance, bytes);
  const frames: Array<Int16Array | Float32Array> = [];
  for (let f = 0; f < source.instance.numberOfFrames; f++) {
    const frame = allocate();
    await decodeFrameInto(source, f, frame, 0);
    frames.push(frame);
  }
  return type === 'int16' ? (frames as Int16Array[]) : (frames as Float32Array[]);
}
