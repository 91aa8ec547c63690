import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readDicomHeader, readModalityFrames } from '../../../electron/core/dicom';
import type { DicomInstance } from '../../../electron/core/dicom/dicom-instance';
import { DicomWorkerPool } from '../../../electron/core/dicom-worker/dicom-worker-pool';
import { lentFrameLoader } from '../../../electron/core/dicom-worker/lent-frames';
import { buildDicomVolume, groupSeriesStacks } from '../../../electron/core/volume-assembly';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';

const hasData = requireSharedData();

async function stackOf(rel: string): Promise<DicomInstance[]> {
  const dir = sharedData(rel);
  const files = readdirSync(dir).filter((f) => !f.endsWith('.txt')).sort();
  const [stack] = groupSeriesStacks(await Promise.all(files.map((f) => readDicomHeader(`${dir}/${f}`))));
  return stack!.instances;
}

/**
 * Volumes built from frames decoded in the worker pool into reused shared buffers (lentFrameLoader)
 * equal, voxel for voxel and type for type, those built from frames decoded in this thread: for a
 * plain stack (A0001, uncompressed Int16 read straight from the files), a JPEG 2000 one, and a
 * gantry-tilted one, whose frames are kept side by side for the shear (lent frames copied).
 */
describe.skipIf(!hasData)('lentFrameLoader (volumes decoded into reused shared buffers)', () => {
  if (!hasData) it.skip(NO_SHARED_DATA_REASON, () => {});
  const pool = new DicomWorkerPool({ size: 2 });
  afterAll(() => pool.close());

  for (const rel of ['ct/chest_lung_pet_ct_dx_A0001', 'ct/upper_abdomen_j2k', 'ct/head_gantry_tilt']) {
    it(`${rel}: the same volume as in-thread decoding, in a plain (not shared) buffer`, async () => {
      const instances = await stackOf(rel);
      const expected = await buildDicomVolume(instances, (inst) => readModalityFrames(inst));
      const lent = await buildDicomVolume(instances, lentFrameLoader(pool));
      expect(lent.dims).toEqual(expected.dims);
      expect(lent.scalars.constructor).toBe(expected.scalars.constructor);
      expect(lent.scalars.buffer).toBeInstanceOf(ArrayBuffer);
      expect(Buffer.from(lent.scalars.buffer, lent.scalars.byteOffset, lent.scalars.byteLength).equals(Buffer.from(expected.scalars.buffer, expected.scalars.byteOffset, expected.scalars.byteLength))).toBe(true);
    }, 120_000);
  }

  it('lends views of one buffer per lane, rewritten by the lane’s next load', async () => {
    const instances = await stackOf('ct/chest_lung_pet_ct_dx_A0001');
    const { lend } = lentFrameLoader(pool);
    const [a] = await lend(instances[0]!, 0);
    const first = Array.from(a!.subarray(0, 64));
    const [b] = await lend(instances[40]!, 0);
    expect(b!.buffer).toBe(a!.buffer);
    expect(Array.from(a!.subarray(0, 64))).toEqual(Array.from(b!.subarray(0, 64)));
    const [c] = await lend(instances[0]!, 1);
    expect(c!.buffer).not.toBe(a!.buffer);
    expect(Array.from(c!.subarray(0, 64))).toEqual(first);
  }, 60_000);
});
