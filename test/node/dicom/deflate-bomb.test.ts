/** A deflated data set may inflate only to what its header promises (plus a margin) and the memory budget. */
import { deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { MEMORY_BUDGET_ENV } from '../../../electron/core/dicom/dataset/bounded-inflate';
import { DEFLATED_HEADER_MAX_BYTES, DEFLATED_HEADER_MAX_ELEMENTS } from '../../../electron/core/dicom/dataset/deflated-data-set';
import { fileMetaGroupEnd } from '../../../electron/core/dicom/dataset/file-meta';
import { parseDicomFileBytes, readModalityFrames } from '../../../electron/core/dicom/index';
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
      parseDicomFileBytes(bomb, 'bomb.dcm');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'CORRUPT_INPUT', message: expect.stringMatching(/inflates past \d+ bytes .*promises 512 bytes of pixel data/) });
    const limit = (error as { details: { limitBytes: number } }).details.limitBytes;
    expect(limit).toBeLessThan(2 * 1024 * 1024);
  });

  it('a deflated 2048 x 2048 mostly black image parses whatever its UIDs (60 variants)', async () => {
    // The UIDs' lengths move the compressed stream's first bytes. In some variants the bytes right after the
    // file meta group spell a sequence VR ("SQ"): dicom-parser's own Part 10 reader, which reads one element
    // past the meta group, then failed ("item tag (FFFE,E000) not found"), 2 of these 60 before the fix.
    const values = new Uint16Array(2048 * 2048);
    values[2048 * 1024 + 1024] = 1234;
    const failures: string[] = [];
    let sequenceLookalikes = 0;
    let decoded = false;
    for (let n = 1020; n < 1080; n++) {
      const uid = `1.2.826.0.1.3680043.10.999.${n}.7`;
      const bytes = await buildSyntheticDicom({
        transferSyntaxUid: TS.deflated,
        dataset: { ...module16(2048, 2048), SOPInstanceUID: uid },
        pixelData: { kind: 'native', bytes: new Uint8Array(values.buffer) },
      });
      const metaEnd = fileMetaGroupEnd(bytes)!;
      if (String.fromCharCode(bytes[metaEnd + 4]!, bytes[metaEnd + 5]!) === 'SQ') sequenceLookalikes++;
      try {
        const instance = parseDicomFileBytes(bytes, `black-${n}.dcm`);
        if (!decoded) {
          const [frame] = await readModalityFrames(instance, bytes);
          expect(frame![2048 * 1024 + 1024]).toBe(1234);
          expect(frame![0]).toBe(0);
          decoded = true;
        }
      } catch (e) {
        failures.push(`${uid}: ${(e as Error).message}`);
      }
    }
    expect(sequenceLookalikes).toBeGreaterThan(0); // the case that failed is among them
    expect(failures).toEqual([]);
  }, 60_000);

  it('a deflated data set of millions of empty elements is refused by the header bound, before it is parsed', async () => {
    const meta = await buildSyntheticDicom({ transferSyntaxUid: TS.deflated, dataset: module16(16, 16), pixelData: null });
    const metaEnd = fileMetaGroupEnd(meta)!;
    const bombOf = (fill: number, megabytes: number) =>
      Buffer.concat([meta.subarray(0, metaEnd), deflateRawSync(Buffer.alloc(megabytes * 1024 * 1024, fill), { level: 1 })]);
    // Zeros: 8-byte elements (0000,0000), more than the element bound. 'A': (4141,4141) AA elements of 16 KiB, past the byte bound.
    expect(() => parseDicomFileBytes(bombOf(0, 64), 'zeros.dcm')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_INPUT', message: expect.stringContaining(`more than ${DEFLATED_HEADER_MAX_ELEMENTS} elements`) }),
    );
    expect(() => parseDicomFileBytes(bombOf(0x41, 64), 'a.dcm')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_INPUT', message: expect.stringContaining(`inflates past ${DEFLATED_HEADER_MAX_BYTES} bytes`) }),
    );
  });

  it('a deflated non-image within the header bounds still reads as not an image', async () => {
    const bytes = await buildSyntheticDicom({
      transferSyntaxUid: TS.deflated,
      sopClassUid: '1.2.840.10008.5.1.4.1.1.88.33',
      dataset: { Modality: 'SR' },
      pixelData: null,
    });
    expect(() => parseDicomFileBytes(bytes, 'sr.dcm')).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_INPUT', message: expect.stringContaining('not an image') }));
  });

  it('a legitimate deflated image still decodes exactly', async () => {
    const values = Uint16Array.from({ length: 40 * 30 }, (_, i) => (i * 97) % 4096);
    const bytes = await buildSyntheticDicom({
      transferSyntaxUid: TS.deflated,
      dataset: module16(40, 30),
      pixelData: { kind: 'native', bytes: new Uint8Array(values.buffer) },
    });
    const [frame] = await readModalityFrames(parseDicomFileBytes(bytes, 'ok.dcm'), bytes);
    expect(Array.from(frame!)).toEqual(Array.from(values));
  });

  it('a deflated image over the memory budget is refused with UNSUPPORTED_INPUT naming the budget', async () => {
    const bytes = await buildSyntheticDicom({
      transferSyntaxUid: TS.deflated,
      dataset: module16(64, 64),
      pixelData: { kind: 'native', bytes: new Uint8Array(64 * 64 * 2) },
    });
    process.env[MEMORY_BUDGET_ENV] = '4096';
    expect(() => parseDicomFileBytes(bytes, 'big.dcm')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_INPUT', message: expect.stringContaining(`memory budget of 4096 bytes (${MEMORY_BUDGET_ENV})`) }),
    );
  });
});
