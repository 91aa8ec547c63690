/** A JPEG frame must be the coding process its transfer syntax names, and must hold every sample. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseDicomFileBytes, readModalityFrames } from '../../../electron/core/dicom/index';
import { requireSharedData, sharedData } from '../../support/shared-data';
import { buildSyntheticDicom, TS } from './support/synthetic-dicom';
import { encodeJpegLossless } from './support/test-encoders';

const hasData = requireSharedData();

const ROWS = 7;
const COLS = 9;

const module16 = { Rows: ROWS, Columns: COLS, BitsAllocated: 16, BitsStored: 16, HighBit: 15, PixelRepresentation: 0 };

async function decode(transferSyntaxUid: string, dataset: Record<string, unknown>, fragment: Uint8Array) {
  const bytes = await buildSyntheticDicom({ transferSyntaxUid, dataset, pixelData: { kind: 'encapsulated', fragments: [fragment] } });
  return readModalityFrames(parseDicomFileBytes(bytes, 'frame.dcm'), bytes);
}

describe('JPEG frame type and completeness', () => {
  it.skipIf(!hasData)("JPEG baseline data labelled JPEG lossless is refused (real CR from the shared data)", async () => {
    const path = sharedData('cxr', 'siim_CR_jpegbaseline.dcm');
    const file = await readFile(path);
    const source = parseDicomFileBytes(file, path);
    const first = source.pixelData.fragments![0]!;
    const baseline = file.subarray(first.offset, first.offset + first.length);
    const dataset = { Rows: source.rows, Columns: source.columns, BitsAllocated: 8, BitsStored: 8, HighBit: 7, PixelRepresentation: 0 };
    await expect(decode(TS.jpegLossless, dataset, baseline)).rejects.toMatchObject({
      code: 'CORRUPT_INPUT',
      message: expect.stringMatching(/baseline \(SOF0\).*JPEG lossless/),
    });
  });

  it('JPEG lossless data labelled JPEG baseline is refused', async () => {
    const lossless = encodeJpegLossless(Uint16Array.from({ length: ROWS * COLS }, (_, i) => i * 300), ROWS, COLS, 16);
    await expect(decode('1.2.840.10008.1.2.4.50', module16, lossless)).rejects.toMatchObject({
      code: 'CORRUPT_INPUT',
      message: expect.stringMatching(/lossless \(SOF3\)/),
    });
  });

  it('a JPEG lossless stream that ends before its last sample is refused, not padded with zeros', async () => {
    const values = Uint16Array.from({ length: ROWS * COLS }, (_, i) => (i * 7919) % 65536);
    const whole = encodeJpegLossless(values, ROWS, COLS, 16);
    expect(Array.from((await decode(TS.jpegLossless, module16, whole))[0]!)).toEqual(Array.from(values));
    // Drop the last third of the entropy-coded data but keep EOI.
    const cut = whole.length - 2 - Math.floor((whole.length - 2) / 6);
    const truncated = new Uint8Array([...whole.subarray(0, cut), 0xff, 0xd9]);
    await expect(decode(TS.jpegLossless, module16, truncated)).rejects.toMatchObject({
      code: 'CORRUPT_INPUT',
      message: expect.stringMatching(/ends before its last sample/),
    });
  });

  it('a JPEG extended stream that ends inside its scan header is refused, not decoded as a flat image', async () => {
    // SOI, a quantization table, SOF1 (12-bit: RadGround's own decoder) for one 8x8 component, then SOS whose
    // segment holds no scan header.
    const dqt = [0xff, 0xdb, 0x00, 0x43, 0x00, ...new Array<number>(64).fill(1)];
    const sof1 = [0xff, 0xc1, 0x00, 0x0b, 12, 0, 8, 0, 8, 1, 1, 0x11, 0];
    const stream = Uint8Array.from([0xff, 0xd8, ...dqt, ...sof1, 0xff, 0xda, 0x00, 0x02]);
    const module12 = { Rows: 8, Columns: 8, BitsAllocated: 16, BitsStored: 12, HighBit: 11, PixelRepresentation: 0 };
    await expect(decode('1.2.840.10008.1.2.4.51', module12, stream)).rejects.toMatchObject({
      code: 'CORRUPT_INPUT',
      message: expect.stringMatching(/malformed scan header/),
    });
  });
});
