import type { DicomInstance } from '../dicom-instance';

/** One item of encapsulated pixel data: where its value starts and how long it is. */
export interface PixelDataFragment {
  offset: number;
  length: number;
}

/**
 * Where the Pixel Data (7FE0,0010) value lies in the file, recorded while reading the header so frames
 * can be decoded later without parsing the header again. Offsets are into the file's bytes, except for
 * deflated files where they are into the inflated data set.
 */
export interface DicomPixelDataLocation {
  /** Offset of the element's tag; lets a decoder check that these offsets still match the bytes it holds. */
  tagOffset: number;
  /** Offset of the first value byte. */
  dataOffset: number;
  /** Declared value length in bytes, or null for undefined length (encapsulated). */
  length: number | null;
  /** VR from an explicit-VR stream ('OB' / 'OW'); null in implicit VR. */
  vr: string | null;
  encapsulated: boolean;
  bigEndian: boolean;
  deflated: boolean;
  /** Encapsulated only: the fragments after the Basic Offset Table, when they were walked at parse time. */
  fragments: PixelDataFragment[] | null;
  /** Encapsulated only: Basic Offset Table entries (empty when the table is empty). */
  basicOffsetTable: number[] | null;
  /** Extended Offset Table (7FE0,0001) and its lengths (7FE0,0002), when present. */
  extendedOffsetTable: number[] | null;
}

export interface RescaleParameters {
  slope: number;
  intercept: number;
}

/**
 * What reading a header returns (readDicomHeader, parseDicomFileBytes): a plain DicomInstance plus what
 * pixel decoding needs. Every field is plain data (JSON-safe), so it survives being stored or sent between
 * processes; decoders that receive a bare DicomInstance parse the header again instead.
 */
export interface ParsedDicomInstance extends DicomInstance {
  pixelData: DicomPixelDataLocation;
  /** High Bit (0028,0102); bitsStored - 1 when absent. */
  highBit: number;
  /** Enhanced multi-frame objects whose Pixel Value Transformation differs per frame: one entry per frame. */
  perFrameRescale: RescaleParameters[] | null;
}

export function isParsedDicomInstance(instance: DicomInstance): instance is ParsedDicomInstance {
  const candidate = instance as Partial<ParsedDicomInstance>;
  return (
    typeof candidate.pixelData === 'object' &&
    candidate.pixelData !== null &&
    typeof candidate.pixelData.dataOffset === 'number' &&
    typeof candidate.highBit === 'number'
  );
}
