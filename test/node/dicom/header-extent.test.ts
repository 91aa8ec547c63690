/** findHeaderExtent walks a data set as dicom-parser reads it, to its top-level Pixel Data, counting elements. */
import { describe, expect, it } from 'vitest';
import { dicomParser } from '../../../electron/core/dicom/dicom-parser-module';
import { findHeaderExtent } from '../../../electron/core/dicom/dataset/header-extent';

const UNDEFINED = 0xffffffff;

function u16(v: number): number[] {
  return [v & 0xff, (v >> 8) & 0xff];
}
function u32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}
function tag(group: number, element: number): number[] {
  return [...u16(group), ...u16(element)];
}
function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}
/** Explicit VR LE element; 4-byte length for the long VRs. */
function el(group: number, element: number, vr: string, value: number[], length = value.length): number[] {
  const long = ['OB', 'OW', 'SQ', 'UN', 'UT'].includes(vr);
  return [...tag(group, element), ...ascii(vr), ...(long ? [0, 0, ...u32(length)] : u16(length)), ...value];
}
const item = (content: number[], length = content.length) => [...tag(0xfffe, 0xe000), ...u32(length), ...content];
const itemEnd = [...tag(0xfffe, 0xe00d), ...u32(0)];
const sequenceEnd = [...tag(0xfffe, 0xe0dd), ...u32(0)];
/** Implicit VR element (inside UN of undefined length). */
const implicit = (group: number, element: number, value: number[]) => [...tag(group, element), ...u32(value.length), ...value];

/** A data set with every structure dicom-parser walks differently, then Pixel Data. */
function nestedDataSet(): Uint8Array {
  const nested = el(0x0008, 0x1155, 'UI', ascii('1.2.3.4\0'));
  return new Uint8Array([
    ...el(0x0008, 0x0016, 'UI', ascii('1.2.840.10008.5.1.4.1.1.2\0')),
    // Sequence of undefined length: an undefined-length item holding a defined-length sequence, then a defined-length item.
    ...el(0x0008, 0x1140, 'SQ', [
      ...item([...el(0x0008, 0x1150, 'UI', ascii('1.2\0')), ...el(0x0040, 0xa730, 'SQ', item(nested))], UNDEFINED),
      ...itemEnd,
      ...item(nested),
      ...sequenceEnd,
    ], UNDEFINED),
    // UN of undefined length: dicom-parser reads an implicit-VR sequence inside.
    ...el(0x0009, 0x1010, 'UN', [...item([...implicit(0x0009, 0x1011, ascii('ab')), ...itemEnd], UNDEFINED), ...sequenceEnd], UNDEFINED),
    // OB of undefined length: skipped to its item delimitation.
    ...el(0x0009, 0x1020, 'OB', [1, 2, 3, 4, ...itemEnd], UNDEFINED),
    ...el(0x0028, 0x0010, 'US', u16(2)),
    ...el(0x0028, 0x0011, 'US', u16(2)),
    ...el(0x7fe0, 0x0010, 'OW', [1, 0, 2, 0, 3, 0, 4, 0]),
  ]);
}

function dicomParserPixelOffset(bytes: Uint8Array): number {
  type DataSet = Parameters<typeof dicomParser.parseDicomDataSetExplicit>[0];
  const stream = new dicomParser.ByteStream(dicomParser.littleEndianByteArrayParser, bytes, 0);
  const dataSet = { byteArray: bytes, byteArrayParser: dicomParser.littleEndianByteArrayParser, elements: {}, warnings: [] } as unknown as DataSet;
  dicomParser.parseDicomDataSetExplicit(dataSet, stream, bytes.length, { untilTag: 'x7fe00010' });
  return dataSet.elements.x7fe00010!.dataOffset;
}

const roomy = { maxElements: 1000, maxBytes: 1 << 20 };

describe('findHeaderExtent', () => {
  it('finds the top-level Pixel Data where dicom-parser does, through every kind of sequence and undefined length', () => {
    const bytes = nestedDataSet();
    const extent = findHeaderExtent(bytes, 0, roomy);
    expect(extent).toMatchObject({ kind: 'pixel-data', pixelValueAt: dicomParserPixelOffset(bytes) });
    expect(extent.kind === 'pixel-data' && bytes.length - extent.pixelValueAt).toBe(8);
  });

  it('asks for more bytes at every cut before the Pixel Data element header is whole, never calls it malformed', () => {
    const bytes = nestedDataSet();
    const whole = findHeaderExtent(bytes, 0, roomy);
    if (whole.kind !== 'pixel-data') throw new Error('expected pixel data');
    for (let cut = 0; cut < whole.pixelValueAt; cut++) {
      expect(findHeaderExtent(bytes.subarray(0, cut), 0, roomy).kind, `cut at ${cut}`).toBe('needs-more');
    }
  });

  it('stops counting at the element bound and at the byte bound', () => {
    const bytes = nestedDataSet();
    expect(findHeaderExtent(bytes, 0, { maxElements: 5, maxBytes: 1 << 20 }).kind).toBe('too-many-elements');
    expect(findHeaderExtent(bytes, 0, { maxElements: 1000, maxBytes: 64 }).kind).toBe('too-long');
    // An element that claims to run past the byte bound is too long at once, without its bytes.
    const claim = new Uint8Array(el(0x0009, 0x1000, 'OB', [], 0x7fffffff));
    expect(findHeaderExtent(claim, 0, roomy).kind).toBe('too-long');
  });

  it('calls an item without its item tag malformed, where dicom-parser fails too', () => {
    const bytes = new Uint8Array([...el(0x0008, 0x1140, 'SQ', [...tag(0x0008, 0x0001), ...u32(0)], 8), ...el(0x7fe0, 0x0010, 'OW', [0, 0])]);
    expect(findHeaderExtent(bytes, 0, roomy).kind).toBe('malformed');
    expect(() => dicomParserPixelOffset(bytes)).toThrow(/item tag/);
  });
});
