/**
 * PALETTE COLOR lookup tables (PS3.3 C.7.6.3.1.5 and C.7.9.2): descriptors, 8- or 16-bit data, and
 * segmented data, read from the data set at decode time (tables can hold 3 x 65536 entries, too much to
 * keep in every indexed instance).
 */
import type { DataSet, Element } from '../dicom-parser-module';
import { corruptInput, unsupportedInput } from '../input-errors';

export interface PaletteColorLut {
  /** Stored value mapped to the first entry; lower values use the first entry, higher ones the last. */
  firstMapped: number;
  /** Bits of each entry (8 or 16). */
  bits: 8 | 16;
  red: Uint16Array;
  green: Uint16Array;
  blue: Uint16Array;
}

const CHANNELS = [
  ['red', 'x00281101', 'x00281201', 'x00281221'],
  ['green', 'x00281102', 'x00281202', 'x00281222'],
  ['blue', 'x00281103', 'x00281203', 'x00281223'],
] as const;

/** Segment opcodes nest (indirect segments point back) at most this deep. */
const MAX_INDIRECTION = 4;

function words(dataSet: DataSet, tag: string, element: Element): Uint16Array {
  const count = Math.floor(element.length / 2);
  const out = new Uint16Array(count);
  for (let i = 0; i < count; i++) out[i] = dataSet.uint16(tag, i) ?? 0;
  return out;
}

/** Expands segmented LUT data (discrete, linear and indirect segments) into exactly `entries` values. */
export function expandSegmentedLut(data: Uint16Array, entries: number, fail: (message: string) => Error): Uint16Array {
  const out = new Uint16Array(entries);
  let n = 0;
  const run = (from: number, to: number, depth: number): void => {
    let at = from;
    while (at < to) {
      // to <= data.length: each check below keeps the words read inside [at, to).
      if (at + 2 > to) throw fail(`segmented LUT: segment header at word ${at} runs past the data`);
      const opcode = data[at]!;
      const length = data[at + 1]!;
      if (opcode === 0) {
        if (at + 2 + length > to) throw fail(`segmented LUT: discrete segment at word ${at} runs past the data`);
        if (n + length > entries) throw fail(`segmented LUT expands past its ${entries} entries`);
        out.set(data.subarray(at + 2, at + 2 + length), n);
        n += length;
        at += 2 + length;
      } else if (opcode === 1) {
        if (n === 0) throw fail('segmented LUT: linear segment has no previous value');
        if (at + 3 > to) throw fail(`segmented LUT: linear segment at word ${at} runs past the data`);
        if (n + length > entries) throw fail(`segmented LUT expands past its ${entries} entries`);
        const y0 = out[n - 1]!;
        const y1 = data[at + 2]!;
        for (let i = 1; i <= length; i++) out[n++] = Math.round(y0 + ((y1 - y0) * i) / length);
        at += 3;
      } else if (opcode === 2) {
        if (depth >= MAX_INDIRECTION) throw fail('segmented LUT: indirect segments nest too deep');
        if (at + 4 > to) throw fail(`segmented LUT: indirect segment at word ${at} runs past the data`);
        const offset = data[at + 2]! + data[at + 3]! * 0x10000;
        if (offset >= at) throw fail('segmented LUT: indirect segment does not point back');
        // Copy `length` segments starting at word `offset`: walk them one at a time.
        let p = offset;
        for (let s = 0; s < length; s++) {
          const next = segmentEnd(data, p, at, fail);
          run(p, next, depth + 1);
          p = next;
        }
        at += 4;
      } else {
        throw fail(`segmented LUT: unknown segment opcode ${opcode}`);
      }
    }
  };
  run(0, data.length, 0);
  if (n !== entries) throw fail(`segmented LUT expands to ${n} entries; its descriptor says ${entries}`);
  return out;
}

function segmentEnd(data: Uint16Array, at: number, limit: number, fail: (message: string) => Error): number {
  if (at + 2 > limit) throw fail('segmented LUT: indirect segment points past the data');
  const opcode = data[at]!;
  const end = opcode === 0 ? at + 2 + data[at + 1]! : opcode === 1 ? at + 3 : at + 4;
  if (end > limit) throw fail('segmented LUT: indirect segment points past the data');
  return end;
}

export function readPaletteColorLut(dataSet: DataSet, filePath: string): PaletteColorLut {
  const fail = (message: string): Error => corruptInput(message, filePath);
  const tables: Partial<Record<'red' | 'green' | 'blue', Uint16Array>> = {};
  let firstMapped = 0;
  let bits: 8 | 16 = 16;
  let entryCount = 0;
  for (const [name, descriptorTag, dataTag, segmentedTag] of CHANNELS) {
    const descriptor = dataSet.elements[descriptorTag];
    if (!descriptor || descriptor.length < 6) throw fail(`PALETTE COLOR image without a ${name} LUT descriptor`);
    const entries = dataSet.uint16(descriptorTag, 0) || 65536;
    const first = descriptor.vr === 'SS' ? (dataSet.int16(descriptorTag, 1) ?? 0) : (dataSet.uint16(descriptorTag, 1) ?? 0);
    const entryBits = dataSet.uint16(descriptorTag, 2);
    if (entryBits !== 8 && entryBits !== 16) {
      throw unsupportedInput(`${name} palette LUT entries of ${entryBits} bits are not supported (only 8 or 16)`, filePath);
    }
    // One stored index addresses all three tables (applyPalette): they must map the same values.
    if (name !== 'red' && (first !== firstMapped || entryBits !== bits || entries !== entryCount)) {
      throw fail('the palette LUT descriptors disagree');
    }
    firstMapped = first;
    bits = entryBits;
    entryCount = entries;
    let table: Uint16Array;
    const element = dataSet.elements[dataTag];
    const segmented = dataSet.elements[segmentedTag];
    if (element) {
      if (entryBits === 8 && element.length === entries + (entries % 2)) {
        // 8-bit entries packed two per word (seen in the wild): read them as bytes.
        const bytes = (dataSet.byteArray as Uint8Array).subarray(element.dataOffset, element.dataOffset + entries);
        if (bytes.length < entries) throw fail(`${name} palette LUT has ${bytes.length} entries; its descriptor says ${entries}`);
        table = Uint16Array.from(bytes);
      } else {
        const all = words(dataSet, dataTag, element);
        if (all.length < entries) throw fail(`${name} palette LUT has ${all.length} entries; its descriptor says ${entries}`);
        table = all.subarray(0, entries);
        // 8-bit entries one per word: in the low byte, or in the high byte throughout (older writers).
        if (entryBits === 8) {
          const highByte = table.some((v) => v > 0xff);
          table = table.map((v) => (highByte ? v >> 8 : v));
        }
      }
    } else if (segmented) {
      table = expandSegmentedLut(words(dataSet, segmentedTag, segmented), entries, fail);
      if (entryBits === 8) table = table.map((v) => v & 0xff);
    } else {
      throw fail(`PALETTE COLOR image without ${name} LUT data`);
    }
    tables[name] = table;
  }
  return { firstMapped, bits, red: tables.red!, green: tables.green!, blue: tables.blue! };
}

/**
 * Stored indices (at least `count`) -> pixel-interleaved RGB through the palette, whose three tables
 * readPaletteColorLut made the same non-zero length.
 */
export function applyPalette(indices: ArrayLike<number>, count: number, lut: PaletteColorLut): Uint8Array | Uint16Array {
  const out = lut.bits === 8 ? new Uint8Array(count * 3) : new Uint16Array(count * 3);
  const last = lut.red.length - 1;
  for (let i = 0, o = 0; i < count; i++, o += 3) {
    let k = indices[i]! - lut.firstMapped;
    if (k < 0) k = 0;
    else if (k > last) k = last;
    out[o] = lut.red[k]!;
    out[o + 1] = lut.green[k]!;
    out[o + 2] = lut.blue[k]!;
  }
  return out;
}
