import { RadGroundError } from '../errors/radground-error';

/** A Part 10 file starts with a 128-byte preamble followed by the four bytes "DICM". */
export const PART10_PREAMBLE_LENGTH = 128;
export const PART10_MAGIC_END = PART10_PREAMBLE_LENGTH + 4;

export function hasPart10Magic(bytes: Uint8Array): boolean {
  return (
    bytes.length >= PART10_MAGIC_END &&
    bytes[128] === 0x44 && // D
    bytes[129] === 0x49 && // I
    bytes[130] === 0x43 && // C
    bytes[131] === 0x4d // M
  );
}

/**
 * Why these leading bytes cannot be a DICOM Part 10 file, or null when they can. `fileSize` is the whole
 * file's size when `bytes` holds only its beginning.
 */
export function part10RejectionReason(bytes: Uint8Array, fileSize = bytes.length): string | null {
  if (fileSize === 0) return 'empty file (0 bytes)';
  if (fileSize < PART10_MAGIC_END) {
    return `not a DICOM Part 10 file: only ${fileSize} bytes, too short for the 128-byte preamble and "DICM" magic`;
  }
  if (!hasPart10Magic(bytes)) return 'not a DICOM Part 10 file: no "DICM" magic after the 128-byte preamble';
  return null;
}

export function assertPart10Magic(bytes: Uint8Array, filePath: string, fileSize = bytes.length): void {
  const reason = part10RejectionReason(bytes, fileSize);
  if (reason !== null) throw new RadGroundError('CORRUPT_INPUT', `${reason}: ${filePath}`, { filePath });
}
