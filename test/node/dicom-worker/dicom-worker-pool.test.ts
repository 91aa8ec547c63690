import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { readDicomHeader, readModalityFrames } from '../../../electron/core/dicom';
import { DicomWorkerPool } from '../../../electron/core/dicom-worker/dicom-worker-pool';
import { RadGroundError } from '../../../electron/core/errors/radground-error';
import { readPreviewSlice } from '../../../electron/core/study-volumes/preview-slice';
import { seriesThumbnail } from '../../../electron/core/study-volumes/series-thumbnail';
import { groupSeriesStacks } from '../../../electron/core/volume-assembly';
import { requireSharedData, sharedData } from '../../support/shared-data';

const hasData = requireSharedData();

/** The DICOM worker pool gives what the in-thread readers give, and its errors keep their codes. */
describe('DicomWorkerPool', () => {
  const pool = new DicomWorkerPool({ size: 2 });
  const dir = mkdtempSync(join(tmpdir(), 'radground-dicom-worker-'));
  afterAll(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a corrupt file is a RadGroundError with the reader code (CORRUPT_INPUT), a missing one NOT_FOUND', async () => {
    const bad = join(dir, 'bad.dcm');
    writeFileSync(bad, Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), Buffer.from([0x02, 0x00, 0x10, 0x00, 0x55, 0x49, 0xff, 0x7f])]));
    const inThread = await readDicomHeader(bad).catch((e: unknown) => e);
    const viaWorker = await pool.readHeader(bad).catch((e: unknown) => e);
    expect(viaWorker).toBeInstanceOf(RadGroundError);
    expect((viaWorker as RadGroundError).code).toBe((inThread as RadGroundError).code);
    expect((viaWorker as RadGroundError).message).toBe((inThread as RadGroundError).message);
    const missing = await pool.readHeader(join(dir, 'missing.dcm')).catch((e: unknown) => e);
    expect((missing as RadGroundError).code).toBe('NOT_FOUND');
  });

  it.skipIf(!hasData)('headers and decoded frames of a real J2K CT slice match the in-thread readers', async () => {
    const file = sharedData('ct', 'upper_abdomen_j2k', 'CT.1.3.12.2.1107.5.1.4.60064.30000022120808113428000016573');
    const header = await pool.readHeader(file);
    expect(header).toEqual(await readDicomHeader(file));
    const [frames, expected] = await Promise.all([pool.readModalityFrames(header), readModalityFrames(header)]);
    expect(frames).toHaveLength(1);
    expect(frames[0]).toBeInstanceOf(expected[0]!.constructor);
    expect(Array.from(frames[0]!)).toEqual(Array.from(expected[0]!));
  });

  it.skipIf(!hasData)('thumbnails and preview slices of real series match the in-thread ones exactly', async () => {
    for (const [modality, series] of [
      ['ct', 'upper_abdomen_j2k'],
      ['cxr', null],
    ] as const) {
      const files = series
        ? readdirSync(sharedData(modality, series)).map((f) => sharedData(modality, series, f))
        : [sharedData(modality, 'siim_CR_jpegbaseline.dcm')];
      const instances = await Promise.all(files.map((f) => readDicomHeader(f)));
      const [stack] = groupSeriesStacks(instances);
      const [thumbnail, expectedThumbnail] = await Promise.all([pool.thumbnail(stack!), seriesThumbnail(stack!)]);
      expect({ ...thumbnail, png: Buffer.from(thumbnail.png).toString('base64') }).toEqual({
        ...expectedThumbnail,
        png: Buffer.from(expectedThumbnail.png).toString('base64'),
      });
      for (const k of [undefined, 0]) {
        const [slice, expected] = await Promise.all([pool.previewSlice(stack!, k), readPreviewSlice(stack!, k)]);
        expect(slice.pixels).toBeInstanceOf(expected.pixels.constructor);
        expect({ ...slice, pixels: Array.from(slice.pixels) }).toEqual({ ...expected, pixels: Array.from(expected.pixels) });
      }
    }
  });

  it.skipIf(!hasData)('a thumbnail and a first image asked at once of a pool with no worker start ONE worker (one image each)', async () => {
    const fresh = new DicomWorkerPool({ size: 2 });
    try {
      const dir = sharedData('ct', 'chest_lung_pet_ct_dx_A0001');
      const instances = await Promise.all(readdirSync(dir).filter((f) => !f.endsWith('.txt')).map((f) => readDicomHeader(join(dir, f))));
      const [stack] = groupSeriesStacks(instances);
      const [thumbnail, slice] = await Promise.all([fresh.thumbnail(stack!), fresh.previewSlice(stack!)]);
      expect(thumbnail.png.byteLength).toBeGreaterThan(0);
      expect(slice.pixels).toHaveLength(512 * 512);
      expect(fresh.threadCount).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});
