/** The tiny Explicit VR Little Endian writer, checked by parsing its output with dicom-parser. */
import * as dicomParserNs from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { encodePart10, formatDs, tag } from '../../../electron/core/demo/dicom-writer';
import { demoUid } from '../../../electron/core/demo/uids';

type DicomParser = typeof dicomParserNs;
const dicomParser: DicomParser = ((dicomParserNs as unknown as { default?: DicomParser }).default ?? dicomParserNs);

describe('formatDs', () => {
  it('writes decimal strings of at most 16 characters', () => {
    expect(formatDs(-189.62890625)).toBe('-189.628906');
    expect(formatDs(2.5)).toBe('2.5');
    expect(formatDs(-1024)).toBe('-1024');
    expect(formatDs(-0)).toBe('0');
    expect(formatDs(1e-12)).toBe('0');
    expect(formatDs(123456789.123456)).toBe('123456789.123456');
    for (const v of [Math.PI * 1e6, -Math.E * 1e5, 1 / 3]) {
      const s = formatDs(v);
      expect(s.length).toBeLessThanOrEqual(16);
      expect(Math.abs(Number(s) - v)).toBeLessThan(1e-3);
    }
    expect(() => formatDs(Number.NaN)).toThrow();
  });
});

describe('demoUid', () => {
  it('is a deterministic 2.25 UID within 64 characters', () => {
    const a = demoUid(1, 'study');
    expect(a).toBe(demoUid(1, 'study'));
    expect(a).not.toBe(demoUid(2, 'study'));
    expect(a).not.toBe(demoUid(1, 'series'));
    expect(a).toMatch(/^2\.25\.[1-9]\d*$/);
    expect(a.length).toBeLessThanOrEqual(64);
  });
});

describe('encodePart10', () => {
  it('produces a file dicom-parser reads back, with even-length, correctly padded values', () => {
    const pixels = new Uint8Array([1, 0, 255, 255, 0, 4, 7, 0]);
    const bytes = encodePart10('1.2.840.10008.5.1.4.1.1.2', '1.2.3.4.5', [
      { tag: tag(0x0010, 0x0010), vr: 'PN', value: 'DEMO^ODD' }, // 8 chars
      { tag: tag(0x0008, 0x0016), vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.2' }, // odd length
      { tag: tag(0x0008, 0x0018), vr: 'UI', value: '1.2.3.4.5' },
      { tag: tag(0x0008, 0x0060), vr: 'CS', value: 'CT' },
      { tag: tag(0x0020, 0x0032), vr: 'DS', value: [-1.5, 2, -300.25] },
      { tag: tag(0x0020, 0x0013), vr: 'IS', value: 17 },
      { tag: tag(0x0028, 0x0010), vr: 'US', value: 2 },
      { tag: tag(0x0028, 0x0011), vr: 'US', value: 2 },
      { tag: tag(0x0008, 0x1030), vr: 'LO', value: 'ODD' },
      { tag: tag(0x7fe0, 0x0010), vr: 'OW', value: pixels },
    ]);
    expect(bytes.subarray(128, 132).toString('latin1')).toBe('DICM');
    const ds = dicomParser.parseDicom(new Uint8Array(bytes));
    const element = (t: string): dicomParserNs.Element => {
      const el = ds.elements[t];
      if (!el) throw new Error(`${t} was not written`);
      return el;
    };
    expect(ds.string('x00020010')).toBe('1.2.840.10008.1.2.1');
    expect(ds.string('x00020003')).toBe('1.2.3.4.5');
    expect(ds.string('x00100010')).toBe('DEMO^ODD');
    expect(ds.string('x00080016')).toBe('1.2.840.10008.5.1.4.1.1.2');
    const sopClass = element('x00080016');
    expect(sopClass.length % 2).toBe(0);
    expect(bytes[sopClass.dataOffset + sopClass.length - 1]).toBe(0); // UI padded with NUL
    expect(bytes[element('x00081030').dataOffset + 3]).toBe(0x20); // text padded with space
    expect(ds.string('x00081030')).toBe('ODD');
    expect(ds.string('x00200032')).toBe('-1.5\\2\\-300.25');
    expect(ds.intString('x00200013')).toBe(17);
    expect(ds.uint16('x00280010')).toBe(2);
    const px = element('x7fe00010');
    expect(px.length).toBe(8);
    expect([...bytes.subarray(px.dataOffset, px.dataOffset + 8)]).toEqual([...pixels]);
    // Group length covers exactly the file meta elements.
    const groupLength = ds.uint32('x00020000')!;
    expect(element('x00020001').dataOffset).toBeGreaterThan(132);
    const metaEnd = element('x00020000').dataOffset + 4 + groupLength;
    expect(sopClass.dataOffset).toBeGreaterThan(metaEnd);
    expect(element('x00020013').dataOffset).toBeLessThan(metaEnd);
  });

  it('refuses duplicate tags', () => {
    expect(() =>
      encodePart10('1.2', '1.3', [
        { tag: tag(0x0008, 0x0060), vr: 'CS', value: 'CT' },
        { tag: tag(0x0008, 0x0060), vr: 'CS', value: 'MR' },
      ]),
    ).toThrow(/duplicate/);
  });
});
