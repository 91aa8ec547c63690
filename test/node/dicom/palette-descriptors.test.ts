/** One stored index addresses the red, green and blue palette tables: tables that differ in size are refused. */
import { describe, expect, it } from 'vitest';
import { parseDicomFileBytes, readRgbFrames } from '../../../electron/core/dicom/index';
import { buildSyntheticDicom, TS } from './support/synthetic-dicom';

const SIZE = 4;
const indices = Uint8Array.from({ length: SIZE * SIZE }, (_, i) => i * 16); // 0..240: past entry 15 of a 16-entry table
const words = (values: number[]): ArrayBuffer => Uint16Array.from(values).buffer;
const table = (entries: number, scale: number): ArrayBuffer => words(Array.from({ length: entries }, (_, k) => k * scale));

async function decode(greenEntries: number) {
  const bytes = await buildSyntheticDicom({
    transferSyntaxUid: TS.explicitLE,
    sopClassUid: '1.2.840.10008.5.1.4.1.1.6.1',
    dataset: {
      Rows: SIZE,
      Columns: SIZE,
      BitsAllocated: 8,
      BitsStored: 8,
      HighBit: 7,
      PixelRepresentation: 0,
      PhotometricInterpretation: 'PALETTE COLOR',
      Modality: 'US',
      RedPaletteColorLookupTableDescriptor: [256, 0, 16],
      GreenPaletteColorLookupTableDescriptor: [greenEntries, 0, 16],
      BluePaletteColorLookupTableDescriptor: [256, 0, 16],
      RedPaletteColorLookupTableData: table(256, 256),
      GreenPaletteColorLookupTableData: table(greenEntries, 128),
      BluePaletteColorLookupTableData: table(256, 64),
    },
    pixelData: { kind: 'native', bytes: indices, vr: 'OB' },
  });
  return readRgbFrames(parseDicomFileBytes(bytes, 'palette.dcm'), bytes);
}

describe('PALETTE COLOR tables of different sizes', () => {
  it('three 256-entry tables map every index', async () => {
    const [frame] = await decode(256);
    expect(frame).toBeDefined();
    const expected = Array.from(indices, (k) => [k * 256, k * 128, k * 64]).flat();
    expect(Array.from(frame!.samples)).toEqual(expected);
  });

  it('a green table of 16 entries beside 256-entry red and blue ones is CORRUPT_INPUT, not green 0 past entry 15', async () => {
    await expect(decode(16)).rejects.toMatchObject({ code: 'CORRUPT_INPUT', message: expect.stringMatching(/palette LUT descriptors disagree/) });
  });
});
