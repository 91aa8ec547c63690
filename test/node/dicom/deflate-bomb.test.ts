/** A deflated data set may inflate only to what its header promises (plus a margin) and the memory budget. */
import { afterEach, describe, expect, it } from 'vitest';
import { MEMORY_BUDGET_ENV } from '../../../electron/core/dicom/bounded-inflate';
import { parseDicomInstance, readModalityFrames } from '../../../electron/core/dicom/index';
import { buildSyntheticDicom, TS } from './support/synthetic-dicom';

const module16 = (rows: number, columns: number) => ({ Rows: rows, Columns: columns, BitsAllocated: 16, BitsStored: 16, HighBit: 15, PixelRepresentation: 0 });

afterEach(() => {
  delete process.env[MEMORY_BUDGET_ENV];
});

describe('deflated DICOM is inflated with a bound', () => {
  it('a 16x16 image whose data set inflates to 48 MiB is refused with the limit named', async () => {
    const bomb = await buildSyntheticDicom({
      transferSyntaxUid: TS.deflated,
      dataset: module16(16, 16),
      pixelData: { kind: 'native', bytes: new Uint8Array(48 * 1024 * 1024) },
    });
    expect(bomb.length).toBeLessThan(200 * 1024);
    let error: unknown;
    try {
      parseDicomInstance(bomb, 'bomb.dcm');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'CORRUPT_INPUT', message: expect.stringMatching(/inflates past \d+ bytes .*promises 512 bytes of pixel data/) });
    const limit = (error as { details: { limitBytes: number } }).details.limitBytes;
    expect(limit).toBeLessThan(2 * 1024 * 1024);
  });

  it('a legitimate deflated image still decodes exactly', async () => {
    const values = Uint16Array.from({ length: 40 * 30 }, (_, i) => (i * 97) % 4096);
    const bytes = await buildSyntheticDicom({
      transferSyntaxUid: TS.deflated,
      dataset: module16(40, 30),
      pixelData: { kind: 'native', bytes: new Uint8Array(values.buffer) },
    });
    const [frame] = await readModalityFrames(parseDicomInstance(bytes, 'ok.dcm'), bytes);
    expect(Array.from(frame)).toEqual(Array.from(values));
  });

  it('a deflated image over the memory budget is refused with UNSUPPORTED_INPUT naming the budget', async () => {
    const bytes = await buildSyntheticDicom({
      transferSyntaxUid: TS.deflated,
      dataset: module16(64, 64),
      pixelData: { kind: 'native', bytes: new Uint8Array(64 * 64 * 2) },
    });
    process.env[MEMORY_BUDGET_ENV] = '4096';
    expect(() => parseDicomInstance(bytes, 'big.dcm')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_INPUT', message: expect.stringContaining(`memory budget of 4096 bytes (${MEMORY_BUDGET_ENV})`) }),
    );
  });
});
