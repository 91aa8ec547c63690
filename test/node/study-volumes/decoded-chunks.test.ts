import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readDicomHeader, readModalityFrames } from '../../../electron/core/dicom';
import { DicomWorkerPool } from '../../../electron/core/dicom-worker/dicom-worker-pool';
import { DecodedChunks } from '../../../electron/core/study-volumes/decoded-chunks';
import { buildDicomVolume, groupSeriesStacks, type SeriesStack } from '../../../electron/core/volume-assembly';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';

const hasData = requireSharedData();

async function stackOf(rel: string): Promise<SeriesStack> {
  const dir = sharedData(rel);
  const files = readdirSync(dir).filter((f) => !f.endsWith('.txt')).sort();
  return groupSeriesStacks(await Promise.all(files.map((f) => readDicomHeader(`${dir}/${f}`))))[0]!;
}

/**
 * A plain stack streamed chunk by chunk (its frames read straight from the files) is read in ONE
 * DICOM worker, even in a pool that may start more: each further worker thread stays resident
 * (~11 MiB) for reads one worker keeps up with. The chunks still equal the volume built in-thread.
 */
describe.skipIf(!hasData)('DecodedChunks (a plain stack streamed without building its volume)', () => {
  if (!hasData) it.skip(NO_SHARED_DATA_REASON, () => {});
  const pool = new DicomWorkerPool({ size: 3 });
  afterAll(() => pool.close());

  it('A0001: its chunks, read in one worker of a pool of three, equal the in-thread volume', async () => {
    const stack = await stackOf('ct/chest_lung_pet_ct_dx_A0001');
    const expected = await buildDicomVolume(stack.instances, (inst) => readModalityFrames(inst));
    const [w, h, d] = expected.dims;
    const chunks = new DecodedChunks(() => pool);
    for (let start = 0; start < d; start += 8) {
      const chunk = await chunks.chunk('a0001', stack, start, 8);
      expect(chunk).not.toBeNull();
      expect(chunk!.dataType).toBe('int16');
      const want = expected.scalars.subarray(start * w * h, (start + chunk!.count) * w * h);
      expect(Buffer.compare(Buffer.from(chunk!.scalars.buffer, chunk!.scalars.byteOffset, chunk!.scalars.byteLength), Buffer.from(want.buffer, want.byteOffset, want.byteLength))).toBe(0);
      chunk!.release?.();
    }
    expect(pool.threadCount).toBe(1);
  }, 120_000);
});
