/**
 * A minimal DICOM Part 10 writer: Explicit VR Little Endian, no sequences. Enough for the demo's
 * single-frame CT images, and fast (each file is one Buffer allocation and a few copies).
 */
import { RadGroundError } from '../errors/radground-error';
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from './uids';

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

export type StringVr = 'AE' | 'AS' | 'CS' | 'DA' | 'DS' | 'IS' | 'LO' | 'LT' | 'PN' | 'SH' | 'ST' | 'TM' | 'UI';
export type NumberVr = 'US' | 'UL' | 'SS' | 'FD';
export type BytesVr = 'OB' | 'OW';

export type DicomElement =
  | { tag: number; vr: StringVr; value: string | (string | number)[] | number }
  | { tag: number; vr: NumberVr; value: number | number[] }
  | { tag: number; vr: BytesVr; value: Uint8Array };

/** (group, element) -> 32-bit tag. */
export const tag = (group: number, element: number): number => ((group << 16) | element) >>> 0;

const LONG_LENGTH_VRS = new Set(['OB', 'OW', 'OF', 'OD', 'OL', 'SQ', 'UC', 'UN', 'UR', 'UT']);

/** Decimal String: at most 16 characters, no exponent for the values we write. */
export function formatDs(v: number): string {
  if (!Number.isFinite(v)) throw new RadGroundError('INTERNAL', `cannot encode ${v} as DS`);
  if (Object.is(v, -0) || Math.abs(v) < 1e-9) return '0';
  for (let decimals = 6; decimals >= 0; decimals--) {
    const s = String(Number(v.toFixed(decimals)));
    if (s.length <= 16 && !s.includes('e')) return s;
  }
  throw new RadGroundError('INTERNAL', `cannot encode ${v} as a 16-character DS`);
}

function stringValue(vr: StringVr, value: string | (string | number)[] | number): string {
  const one = (x: string | number): string => {
    if (typeof x === 'string') return x;
    if (vr === 'DS') return formatDs(x);
    if (vr === 'IS') return String(Math.round(x));
    return String(x);
  };
  return Array.isArray(value) ? value.map(one).join('\\') : one(value);
}

function valueBytes(el: DicomElement): Uint8Array {
  switch (el.vr) {
    case 'OB':
    case 'OW':
      return el.value;
    case 'US':
    case 'UL':
    case 'SS':
    case 'FD': {
      const values = Array.isArray(el.value) ? el.value : [el.value];
      const size = el.vr === 'FD' ? 8 : el.vr === 'UL' ? 4 : 2;
      const buf = Buffer.alloc(values.length * size);
      values.forEach((v, i) => {
        if (el.vr === 'US') buf.writeUInt16LE(v, i * 2);
        else if (el.vr === 'SS') buf.writeInt16LE(v, i * 2);
        else if (el.vr === 'UL') buf.writeUInt32LE(v, i * 4);
        else buf.writeDoubleLE(v, i * 8);
      });
      return buf;
    }
    default: {
      const text = stringValue(el.vr, el.value);
      // Latin-1 (ISO_IR 100); UI values are padded with NUL, other text with a space.
      const raw = Buffer.from(text, 'latin1');
      if (raw.length % 2 === 0) return raw;
      const padded = Buffer.alloc(raw.length + 1, el.vr === 'UI' ? 0 : 0x20);
      raw.copy(padded);
      return padded;
    }
  }
}

/** Encodes elements (sorted by tag) in Explicit VR Little Endian. */
export function encodeElements(elements: DicomElement[]): Buffer {
  const sorted = [...elements].sort((a, b) => a.tag - b.tag);
  const parts: Uint8Array[] = [];
  let total = 0;
  let previousTag: number | undefined;
  for (const el of sorted) {
    if (el.tag === previousTag) {
      throw new RadGroundError('INTERNAL', `duplicate DICOM tag ${el.tag.toString(16)}`);
    }
    previousTag = el.tag;
    let value = valueBytes(el);
    if (value.length % 2 === 1) {
      const padded = new Uint8Array(value.length + 1);
      padded.set(value);
      value = padded;
    }
    const long = LONG_LENGTH_VRS.has(el.vr);
    const header = Buffer.alloc(long ? 12 : 8);
    header.writeUInt16LE(el.tag >>> 16, 0);
    header.writeUInt16LE(el.tag & 0xffff, 2);
    header.write(el.vr, 4, 'latin1');
    if (long) header.writeUInt32LE(value.length, 8);
    else {
      if (value.length > 0xffff) throw new RadGroundError('INTERNAL', `value too long for VR ${el.vr}`);
      header.writeUInt16LE(value.length, 6);
    }
    parts.push(header, value);
    total += header.length + value.length;
  }
  return Buffer.concat(parts, total);
}

/** A complete Part 10 file: preamble, "DICM", file meta information, then the data set. */
export function encodePart10(sopClassUid: string, sopInstanceUid: string, dataset: DicomElement[]): Buffer {
  const metaBody = encodeElements([
    { tag: tag(0x0002, 0x0001), vr: 'OB', value: new Uint8Array([0, 1]) },
    { tag: tag(0x0002, 0x0002), vr: 'UI', value: sopClassUid },
    { tag: tag(0x0002, 0x0003), vr: 'UI', value: sopInstanceUid },
    { tag: tag(0x0002, 0x0010), vr: 'UI', value: EXPLICIT_VR_LITTLE_ENDIAN },
    { tag: tag(0x0002, 0x0012), vr: 'UI', value: IMPLEMENTATION_CLASS_UID },
    { tag: tag(0x0002, 0x0013), vr: 'SH', value: IMPLEMENTATION_VERSION_NAME },
  ]);
  const groupLength = encodeElements([{ tag: tag(0x0002, 0x0000), vr: 'UL', value: metaBody.length }]);
  const preamble = Buffer.alloc(132);
  preamble.write('DICM', 128, 'latin1');
  const body = encodeElements(dataset);
  return Buffer.concat([preamble, groupLength, metaBody, body]);
}
