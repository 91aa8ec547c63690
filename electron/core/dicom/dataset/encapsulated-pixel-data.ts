import { RadGroundError } from '../../errors/radground-error';
import type { PixelDataFragment } from './pixel-data-location';

/**
 * Encapsulated pixel data (PS3.5 A.4): a Basic Offset Table item, then one item per fragment, then a
 * Sequence Delimitation Item. Items are always little endian.
 */
export interface EncapsulatedItems {
  basicOffsetTable: number[];
  fragments: PixelDataFragment[];
}

const ITEM = 0xe000;
const SEQUENCE_DELIMITER = 0xe0dd;

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

/** The caller has checked that bytes[at + 3] exists. */
function readUint32LE(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)) + bytes[at + 3]! * 0x1000000;
}

export function walkEncapsulatedItems(bytes: Uint8Array, dataOffset: number, filePath: string): EncapsulatedItems {
  const corrupt = (message: string): RadGroundError =>
    new RadGroundError('CORRUPT_INPUT', `${message}: ${filePath}`, { filePath });
  const end = bytes.length;
  let pos = dataOffset;
  let basicOffsetTable: number[] | null = null;
  const fragments: PixelDataFragment[] = [];
  for (;;) {
    if (pos === end && basicOffsetTable !== null && fragments.length > 0) break; // no delimiter, but complete
    if (pos + 8 > end) {
      throw corrupt(
        `file is truncated: encapsulated pixel data ends at byte ${end} without its sequence delimiter` +
          ` (${fragments.length} fragment(s) read)`,
      );
    }
    const group = bytes[pos]! | (bytes[pos + 1]! << 8);
    const element = bytes[pos + 2]! | (bytes[pos + 3]! << 8);
    const length = readUint32LE(bytes, pos + 4);
    if (group !== 0xfffe || (element !== ITEM && element !== SEQUENCE_DELIMITER)) {
      throw corrupt(`unexpected tag (${hex4(group)},${hex4(element)}) at byte ${pos} inside encapsulated pixel data`);
    }
    if (element === SEQUENCE_DELIMITER) {
      if (basicOffsetTable === null) throw corrupt('encapsulated pixel data has no Basic Offset Table item');
      break;
    }
    if (length === 0xffffffff) throw corrupt(`encapsulated pixel data item at byte ${pos} has undefined length`);
    const valueStart = pos + 8;
    if (valueStart + length > end) {
      throw corrupt(
        `file is truncated: pixel data fragment at byte ${pos} declares ${length} bytes but only ` +
          `${end - valueStart} remain`,
      );
    }
    if (basicOffsetTable === null) {
      if (length % 4 !== 0) throw corrupt(`Basic Offset Table length ${length} is not a multiple of 4`);
      basicOffsetTable = [];
      for (let at = valueStart; at < valueStart + length; at += 4) basicOffsetTable.push(readUint32LE(bytes, at));
    } else {
      fragments.push({ offset: valueStart, length });
    }
    pos = valueStart + length;
  }
  if (fragments.length === 0) throw corrupt('encapsulated pixel data has no fragments');
  return { basicOffsetTable: basicOffsetTable ?? [], fragments };
}

/** First bytes that start a compressed frame: JPEG / JPEG-LS / JPEG lossless SOI, J2K codestream SOC, JP2 box. */
function startsFrame(bytes: Uint8Array, fragment: PixelDataFragment): boolean {
  const a = bytes[fragment.offset];
  const b = bytes[fragment.offset + 1];
  if (fragment.length < 2) return false;
  if (a === 0xff && (b === 0xd8 || b === 0x4f)) return true;
  return fragment.length >= 8 && bytes[fragment.offset + 4] === 0x6a && bytes[fragment.offset + 5] === 0x50; // 'jP'
}

/**
 * For each frame, the [first, last] fragment indices that hold it. Uses the Extended Offset Table, then the
 * Basic Offset Table, then one fragment per frame, then start-of-image markers.
 */
export function mapFragmentsToFrames(
  bytes: Uint8Array,
  items: EncapsulatedItems,
  numberOfFrames: number,
  extendedOffsetTable: number[] | null,
  filePath: string,
  rleEncoded: boolean,
): Array<[number, number]> {
  const { fragments } = items;
  const [firstFragment] = fragments;
  if (!firstFragment) throw new RadGroundError('CORRUPT_INPUT', `encapsulated pixel data has no fragments: ${filePath}`, { filePath });
  const firstItemStart = firstFragment.offset - 8;
  const offsets = extendedOffsetTable ?? (items.basicOffsetTable.length > 0 ? items.basicOffsetTable : null);

  if (numberOfFrames === 1) return [[0, fragments.length - 1]];

  if (offsets) {
    if (offsets.length !== numberOfFrames) {
      throw new RadGroundError(
        'CORRUPT_INPUT',
        `pixel data offset table has ${offsets.length} entries for ${numberOfFrames} frames: ${filePath}`,
        { filePath },
      );
    }
    const indexOfItemStart = new Map<number, number>();
    fragments.forEach((f, i) => indexOfItemStart.set(f.offset - 8 - firstItemStart, i));
    const starts = offsets.map((o) => indexOfItemStart.get(o));
    if (starts.some((s, i) => s === undefined || (i > 0 && s <= (starts[i - 1] as number)))) {
      throw new RadGroundError('CORRUPT_INPUT', `pixel data offset table does not match its fragments: ${filePath}`, {
        filePath,
      });
    }
    return starts.map((s, i) => [s as number, i + 1 < starts.length ? (starts[i + 1] as number) - 1 : fragments.length - 1]);
  }

  if (fragments.length === numberOfFrames) return fragments.map((_, i) => [i, i]);

  if (!rleEncoded && fragments.length > numberOfFrames) {
    const starts: number[] = [];
    fragments.forEach((f, i) => {
      if (startsFrame(bytes, f)) starts.push(i);
    });
    if (starts.length === numberOfFrames && starts[0] === 0) {
      return starts.map((s, i) => [s, i + 1 < starts.length ? starts[i + 1]! - 1 : fragments.length - 1]);
    }
  }
  throw new RadGroundError(
    'CORRUPT_INPUT',
    `cannot map ${fragments.length} pixel data fragment(s) to ${numberOfFrames} frames: ${filePath}`,
    { filePath },
  );
}

/**
 * The compressed bytes of one frame: a view when it is one fragment, a copy when it spans several.
 * [first, last] is a range mapFragmentsToFrames made from these fragments.
 */
export function frameBytes(bytes: Uint8Array, fragments: PixelDataFragment[], first: number, last: number): Uint8Array {
  if (first === last) {
    const only = fragments[first]!;
    return bytes.subarray(only.offset, only.offset + only.length);
  }
  let total = 0;
  for (let i = first; i <= last; i++) total += fragments[i]!.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (let i = first; i <= last; i++) {
    const { offset, length } = fragments[i]!;
    out.set(bytes.subarray(offset, offset + length), at);
    at += length;
  }
  return out;
}
