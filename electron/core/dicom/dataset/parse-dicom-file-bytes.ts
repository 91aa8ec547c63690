import { parseDicomHeader } from './parse-dicom-header';
import type { ParsedDicomInstance } from './pixel-data-location';

/**
 * Reads the header of a whole DICOM Part 10 file held in memory. Stops at Pixel Data, but records where
 * it is (and, for compressed data, walks its fragments so a truncated file is caught here).
 * Throws RadGroundError CORRUPT_INPUT / UNSUPPORTED_INPUT for files it cannot use.
 */
export function parseDicomFileBytes(bytes: Uint8Array, filePath: string): ParsedDicomInstance {
  const result = parseDicomHeader(bytes, filePath, { fileSize: bytes.length, partial: false, walkFragments: true });
  if (result.kind !== 'parsed') throw new Error('unreachable: a complete buffer never needs more bytes');
  return result.instance;
}
