import { RadGroundError } from '../../errors/radground-error';

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
  if (fileSize < PART10_MAGIC_END && !sniffDicomLayout(bytes)) {
    return `not a DICOM Part 10 file: only ${fileSize} bytes, too short for the 128-byte preamble and "DICM" magic`;
  }
  if (!sniffDicomLayout(bytes)) {
    return 'not a DICOM Part 10 file: no "DICM" magic after the 128-byte preamble';
  }
  return null;
}

export function assertPart10Magic(bytes: Uint8Array, filePath: string, fileSize = bytes.length): void {
  const reason = part10RejectionReason(bytes, fileSize);
  if (reason !== null) throw new RadGroundError('CORRUPT_INPUT', `${reason}: ${filePath}`, { filePath });
}

/**
 * How a file's data set starts. Besides proper Part 10 files, older writers left out the preamble (file
 * starts with "DICM" or straight with the file meta group) or the whole file meta (a bare data set, as
 * DCMTK's `dcmconv -F` writes). Those are read after prepending what is missing (`prefix`), or with the
 * transfer syntax guessed from the first element.
 */
export type DicomLayout =
  | { kind: 'part10' }
  | { kind: 'prefixed'; prefix: Uint8Array }
  | { kind: 'bare'; transferSyntaxUid: string };

const VRS = new Set(
  'AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(' '),
);

function vrAt(bytes: Uint8Array, at: number): boolean {
  return bytes.length >= at + 2 && VRS.has(String.fromCharCode(bytes[at]!, bytes[at + 1]!));
}

/** The layout of a file from its first bytes (132 are enough), or null when it is not DICOM at all. */
export function sniffDicomLayout(bytes: Uint8Array): DicomLayout | null {
  if (hasPart10Magic(bytes)) return { kind: 'part10' };
  if (bytes.length < 8) return null;
  if (bytes[0] === 0x44 && bytes[1] === 0x49 && bytes[2] === 0x43 && bytes[3] === 0x4d) {
    return { kind: 'prefixed', prefix: new Uint8Array(PART10_PREAMBLE_LENGTH) };
  }
  const groupLe = bytes[0]! | (bytes[1]! << 8);
  if (groupLe === 0x0002 && vrAt(bytes, 4)) {
    const prefix = new Uint8Array(PART10_MAGIC_END);
    prefix.set([0x44, 0x49, 0x43, 0x4d], PART10_PREAMBLE_LENGTH);
    return { kind: 'prefixed', prefix };
  }
  // A bare data set starts with an element of group 0008 (Specific Character Set, Image Type, SOP Class...).
  if (groupLe === 0x0008) {
    return { kind: 'bare', transferSyntaxUid: vrAt(bytes, 4) ? '1.2.840.10008.1.2.1' : '1.2.840.10008.1.2' };
  }
  if (bytes[0] === 0x00 && bytes[1] === 0x08 && vrAt(bytes, 4)) return { kind: 'bare', transferSyntaxUid: '1.2.840.10008.1.2.2' };
  return null;
}
