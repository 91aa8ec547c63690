import type { TextDecoder } from 'node:util';
import type { DataSet } from '../dicom-parser-module';

/**
 * Small typed accessors over a dicom-parser DataSet (or a sequence item's DataSet). Values are read only
 * when asked for; nothing is converted up front.
 */
export class DataSetReader {
  constructor(
    readonly dataSet: DataSet,
    private readonly textDecoder: TextDecoder,
  ) {}

  has(tag: string): boolean {
    const element = this.dataSet.elements[tag];
    return element !== undefined && element.length > 0 && element.length !== 0xffffffff;
  }

  /** ASCII value (UI, CS, DA, TM, AS...), trimmed; null when absent or empty. */
  string(tag: string): string | null {
    if (!this.has(tag)) return null;
    const value = this.dataSet.string(tag);
    return value === undefined || value === '' ? null : value;
  }

  /** Text in the file's character set (PN, LO, SH, ST, LT, UT), all values, trimmed; null when empty. */
  text(tag: string): string | null {
    const element = this.dataSet.elements[tag];
    if (!element || element.length <= 0 || element.length === 0xffffffff) return null;
    const bytes = this.dataSet.byteArray;
    const end = Math.min(element.dataOffset + element.length, bytes.length);
    const raw = this.textDecoder.decode(bytes.subarray(element.dataOffset, end));
    // eslint-disable-next-line no-control-regex
    const value = raw.replace(/[\u0000\s]+$/u, '').replace(/^\s+/u, '');
    return value === '' ? null : value;
  }

  /** Decimal/integer string (DS, IS) value number `index`; null when absent or not a finite number. */
  numberString(tag: string, index = 0): number | null {
    if (!this.has(tag)) return null;
    const value = this.dataSet.string(tag, index);
    if (value === undefined || value.trim() === '') return null;
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : null;
  }

  /** All values of a DS/IS element, or null when absent or any value is not a finite number. */
  numberStrings(tag: string, expectedCount?: number): number[] | null {
    const value = this.string(tag);
    if (value === null) return null;
    const parts = value.split('\\');
    if (expectedCount !== undefined && parts.length < expectedCount) return null;
    const values = (expectedCount === undefined ? parts : parts.slice(0, expectedCount)).map((p) => Number(p.trim()));
    if (values.some((v) => !Number.isFinite(v)) || parts.some((p) => p.trim() === '')) return null;
    return values;
  }

  uint16(tag: string): number | null {
    const element = this.dataSet.elements[tag];
    if (!element || element.length < 2 || element.length === 0xffffffff) return null;
    const value = this.dataSet.uint16(tag);
    return value === undefined ? null : value;
  }

  /** Items of a sequence as readers; empty when the sequence is absent or empty. */
  items(tag: string): DataSetReader[] {
    const element = this.dataSet.elements[tag];
    if (!element?.items) return [];
    const readers: DataSetReader[] = [];
    for (const item of element.items) if (item.dataSet) readers.push(new DataSetReader(item.dataSet, this.textDecoder));
    return readers;
  }

  /** First item of a sequence, or null. */
  firstItem(tag: string): DataSetReader | null {
    return this.items(tag)[0] ?? null;
  }
}
