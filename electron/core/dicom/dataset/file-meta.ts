import { dicomParser, type DataSet } from '../dicom-parser-module';

type ByteArrayParser = DataSet['byteArrayParser'];
import { PART10_MAGIC_END } from '../files/part10-preamble';

/**
 * The Part 10 file meta group read on its own. dicom-parser's parseDicom reads one whole element past the
 * group before it sees the group changed, and does so as Explicit VR Little Endian whatever the data set's
 * encoding; for a deflated data set those are compressed bytes, which it may take for a sequence and fail
 * on, or for a long value. Reading the group up to its last element avoids that.
 */

const LONG_LENGTH_VRS = new Set(['OB', 'OD', 'OL', 'OW', 'SQ', 'OF', 'UC', 'UR', 'UT', 'UN', 'OV', 'SV', 'UV']);
const UNDEFINED_LENGTH = 0xffffffff;

/** dicom-parser's DataSet class (its typings declare only the interface). */
const DataSetClass = (dicomParser as unknown as { DataSet: new (parser: ByteArrayParser, bytes: Uint8Array, elements: DataSet['elements']) => DataSet })
  .DataSet;

/**
 * Where the file meta group (0002,xxxx) ends, walked element by element from byte 132 (the group length is
 * not trusted), or null when the group runs past `bytes` or has an element of undefined length.
 */
export function fileMetaGroupEnd(bytes: Uint8Array): number | null {
  let at = PART10_MAGIC_END;
  for (;;) {
    if (at + 2 > bytes.length) return at === bytes.length ? at : null;
    const group = bytes[at]! | (bytes[at + 1]! << 8);
    if (group !== 0x0002) return at;
    if (at + 8 > bytes.length) return null;
    const vr = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!);
    let next: number;
    if (LONG_LENGTH_VRS.has(vr)) {
      if (at + 12 > bytes.length) return null;
      const length = (bytes[at + 8]! | (bytes[at + 9]! << 8) | (bytes[at + 10]! << 16) | (bytes[at + 11]! << 24)) >>> 0;
      if (length === UNDEFINED_LENGTH) return null;
      next = at + 12 + length;
    } else {
      next = at + 8 + (bytes[at + 6]! | (bytes[at + 7]! << 8));
    }
    if (next > bytes.length) return null;
    at = next;
  }
}

/** The file meta group's elements; offsets are into `bytes` (which must hold the preamble and "DICM"). */
export function readFileMetaGroup(bytes: Uint8Array, end: number): DataSet {
  return dicomParser.readPart10Header(bytes.subarray(0, end));
}

/**
 * An Explicit VR Little Endian data set that starts at `position` of `bytes` (after the file meta group, e.g.
 * an inflated deflated one), parsed up to `untilTag`, with the meta group's elements merged in as
 * dicom-parser's parseDicom does.
 */
export function parseDataSetAfterFileMeta(bytes: Uint8Array, position: number, meta: DataSet, untilTag?: string): DataSet {
  const stream = new dicomParser.ByteStream(dicomParser.littleEndianByteArrayParser, bytes, position);
  const dataSet = new DataSetClass(dicomParser.littleEndianByteArrayParser, bytes, {});
  dataSet.warnings = stream.warnings;
  dicomParser.parseDicomDataSetExplicit(dataSet, stream, bytes.length, untilTag ? { untilTag } : undefined);
  for (const tag in meta.elements) dataSet.elements[tag] = meta.elements[tag]!;
  dataSet.warnings = [...meta.warnings, ...dataSet.warnings];
  return dataSet;
}

/** The same elements over other bytes that start the same way (a longer inflation of the same stream). */
export function dataSetOver(bytes: Uint8Array, dataSet: DataSet): DataSet {
  const over = new DataSetClass(dataSet.byteArrayParser, bytes, dataSet.elements);
  over.warnings = dataSet.warnings;
  return over;
}

/** A Part 10 file whose deflated data set is already inflated in place (what a pixel source holds), parsed up to `untilTag`. */
export function parseInflatedPart10(bytes: Uint8Array, untilTag?: string): DataSet {
  const end = fileMetaGroupEnd(bytes);
  if (end === null) throw new Error('the file meta group runs past the end of the file');
  return parseDataSetAfterFileMeta(bytes, end, readFileMetaGroup(bytes, end), untilTag);
}
