/**
 * Issue 15: series thumbnails, color images (images.rgb) and the viewer's first image (volumes.getSlice) are decoded in the DICOM
 * worker pool. Here the in-thread decoders throw if anything on the test's thread (which hosts the core,
 * as the UI-serving thread does) calls them; the worker bundle is built from the real sources and is
 * unaffected. Before the move, these requests decoded on this thread and failed here.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { call } from '../../../electron/cli/with-core';
import * as dicom from '../../../electron/core/dicom';
import { requireSharedData, sharedData } from '../../support/shared-data';
import { createTestCore } from '../../support/test-core';
import { buildSyntheticDicom, TS } from '../dicom/support/synthetic-dicom';

vi.mock('../../../electron/core/dicom', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../electron/core/dicom')>();
  const refuse = (name: string) =>
    vi.fn(() => {
      throw new Error(`${name} ran on the thread that serves the API`);
    });
  return { ...actual, readModalityFrames: refuse('readModalityFrames'), readRgbFrames: refuse('readRgbFrames') };
});

const hasData = requireSharedData();
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe.skipIf(!hasData)('thumbnails and first images are decoded off the thread that serves the API', () => {
  let env: Awaited<ReturnType<typeof createTestCore>>;
  let dir: string;
  beforeAll(async () => {
    env = await createTestCore();
    dir = mkdtempSync(join(tmpdir(), 'radground-thumb-'));
  });
  afterAll(async () => {
    await env.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('grey CT (A0001) and an RGB image: volumes.thumbnail, images.rgb and volumes.getSlice answer, the in-thread decoders are never called', async () => {
    const rgb = Uint8Array.from({ length: 24 * 16 * 3 }, (_, i) => (i * 37) % 256);
    const colorFile = join(dir, 'rgb.dcm');
    writeFileSync(
      colorFile,
      await buildSyntheticDicom({
        transferSyntaxUid: TS.explicitLE,
        sopClassUid: '1.2.840.10008.5.1.4.1.1.7',
        dataset: { Modality: 'OT', Rows: 16, Columns: 24, SamplesPerPixel: 3, PhotometricInterpretation: 'RGB', PlanarConfiguration: 0, BitsAllocated: 8, BitsStored: 8, HighBit: 7, PixelRepresentation: 0 },
        pixelData: { kind: 'native', bytes: rgb, vr: 'OB' },
      }),
    );
    const ct = await call(env.core, 'studies.import', { paths: [sharedData('ct', 'chest_lung_pet_ct_dx_A0001')] });
    const color = await call(env.core, 'studies.import', { paths: [colorFile] });
    for (const volumeId of [ct.volumes[0]!.volumeId, color.volumes[0]!.volumeId]) {
      const thumbnail = await call(env.core, 'volumes.thumbnail', { volumeId });
      expect(Array.from(thumbnail.data.subarray(0, 8))).toEqual(PNG_SIGNATURE);
      expect(Math.max(thumbnail.meta.width, thumbnail.meta.height)).toBe(128);
    }
    const image = await call(env.core, 'images.rgb', { volumeId: color.volumes[0]!.volumeId, index: 0 });
    expect(Array.from(image.data)).toEqual(Array.from(rgb)); // exact colors, decoded in the pool
    const slice = await call(env.core, 'volumes.getSlice', { volumeId: ct.volumes[0]!.volumeId });
    expect(slice.meta.k).toBe(32); // the middle of 64 slices, as the viewer opens
    expect(slice.data.byteLength).toBe(512 * 512 * 2);
    expect(dicom.readModalityFrames).not.toHaveBeenCalled();
    expect(dicom.readRgbFrames).not.toHaveBeenCalled();
  });
});
