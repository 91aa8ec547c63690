import { RadGroundError } from '../../errors/radground-error';
import { fileAccessError } from '../files/file-errors';
import { closeQuietly, openForReading, readFully, readVector } from '../files/file-io';
import { rescaleOfFrame } from './modality-output';
import type { ParsedDicomInstance } from '../dataset/pixel-data-location';
import { locationMatches } from './pixel-source';
import { rescaleInt16InPlace, swapBytes16InPlace } from './stored-to-modality';

/**
 * Whether frames can be read straight from disk into an Int16Array target: uncompressed, not deflated,
 * 16-bit samples at the usual bit position, slope 1 for every frame.
 */
export function canReadNativeInt16Directly(instance: ParsedDicomInstance, target: Int16Array | Float32Array): boolean {
  const location = instance.pixelData;
  if (!(target instanceof Int16Array) || location.encapsulated || location.deflated || location.length === null) return false;
  if (instance.bitsAllocated !== 16 || instance.highBit !== instance.bitsStored - 1) return false;
  for (let f = 0; f < instance.numberOfFrames; f++) if (rescaleOfFrame(instance, f).slope !== 1) return false;
  return true;
}

/**
 * Reads the pixel data of all frames from the file directly into `target` (no intermediate copy of the
 * file), then converts in place. Returns false, having written nothing useful, when the file no longer
 * has Pixel Data where the instance says: the caller then falls back to a full parse.
 */
export async function readNativeInt16FramesFromFile(
  instance: ParsedDicomInstance,
  target: Int16Array,
  targetOffset: number,
): Promise<boolean> {
  const { filePath } = instance;
  const location = instance.pixelData;
  const frameLength = instance.rows * instance.columns;
  const totalBytes = frameLength * instance.numberOfFrames * 2;
  const tagBytes = new Uint8Array(location.dataOffset - location.tagOffset);
  const pixelBytes = new Uint8Array(target.buffer, target.byteOffset + targetOffset * 2, totalBytes);

  let fd: number;
  try {
    fd = await openForReading(filePath);
  } catch (e) {
    throw fileAccessError(e, filePath);
  }
  let got: number;
  try {
    got = await readVector(fd, [tagBytes, pixelBytes], location.tagOffset);
    if (got >= tagBytes.length && got < tagBytes.length + totalBytes) {
      const done = got - tagBytes.length;
      got += await readFully(fd, pixelBytes.subarray(done), location.dataOffset + done);
    }
  } catch (e) {
    throw fileAccessError(e, filePath);
  } finally {
    void closeQuietly(fd); // nothing waits on the close
  }
  const relocated = { ...location, tagOffset: 0, dataOffset: tagBytes.length };
  if (got < tagBytes.length || !locationMatches(tagBytes, relocated)) return false;
  const present = got - tagBytes.length;
  if (present < totalBytes) {
    throw new RadGroundError(
      'CORRUPT_INPUT',
      `file is truncated: pixel data length ${present}, expected ${totalBytes}: ${filePath}`,
      { filePath, pixelDataLength: present, expectedLength: totalBytes },
    );
  }
  if (location.bigEndian) swapBytes16InPlace(pixelBytes);
  const signed = instance.pixelRepresentation === 1;
  for (let f = 0; f < instance.numberOfFrames; f++) {
    const start = targetOffset + f * frameLength;
    rescaleInt16InPlace(target.subarray(start, start + frameLength), instance.bitsStored, signed, rescaleOfFrame(instance, f).intercept);
  }
  return true;
}
