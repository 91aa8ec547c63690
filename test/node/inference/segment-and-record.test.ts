import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { InferenceWorker } from '../../../electron/core/inference/inference-worker';
import { loadModelPack } from '../../../electron/core/inference/load-model-pack';
import { getModelRun, listModelRuns } from '../../../electron/core/inference/model-run-repository';
import { segmentAndRecord } from '../../../electron/core/inference/segment-and-record';
import { listRegions } from '../../../electron/core/regions/region-repository';
import { closeDatabase, openDatabase } from '../../../electron/core/storage/open-database';
import type { Vec3 } from '../../../electron/core/dicom/dicom-instance';
import { tinyManifest, tmpDir, writePack } from './support/packs';
import { identityModel } from './support/tiny-onnx';
import { makeVolume } from './support/volumes';

const worker = new InferenceWorker();
const root = tmpDir('record');
afterAll(async () => {
  await worker.close();
  rmSync(root, { recursive: true, force: true });
});

describe('segmentAndRecord', () => {
  it('stores the run with its provenance and one region per connected component; a cancelled run is stored as cancelled', async () => {
    const bytes = identityModel();
    const pack = await loadModelPack(
      writePack(
        root,
        tinyManifest('blobs', bytes, {
          outputs: [{ channel: 0, label: 'blob', kind: 'finding' }],
          postprocessing: { decision: { sigmoidThreshold: 0.5 }, connectedComponents: true, minSizeVoxels: 2 },
        }),
        { 'model.onnx': bytes },
      ),
      worker,
    );
    const dims: Vec3 = [20, 10, 4];
    const scalars = new Float32Array(800).fill(-5);
    const put = (i: number, j: number, k: number) => (scalars[i + 20 * (j + 10 * k)] = 5);
    put(2, 2, 1);
    put(3, 2, 1); // blob of 2, patient right (x < 0)
    for (let i = 14; i < 18; i++) put(i, 5, 2); // blob of 4, left
    put(9, 8, 3); // single voxel: below minSizeVoxels
    const volume = makeVolume(scalars, dims, { origin: [-10, 0, 0], units: 'HU' });
    const db = openDatabase(':memory:');
    try {
      const { runId, regions } = await segmentAndRecord(db, pack, volume, { worker, volumeId: 'v1', midlineX: 0 });
      expect(regions.map((r) => [r.label, r.volumeMl * 1000, r.laterality, r.meanHu])).toEqual([
        ['blob', 4, 'left', 5],
        ['blob', 2, 'right', 5],
      ]);
      expect(regions.every((r) => r.runId === runId && r.volumeId === 'v1' && r.diameterMm !== null)).toBe(true);
      expect(listRegions(db, { runId }, { includeMasks: true })).toEqual(regions);
      const run = getModelRun(db, runId);
      expect(run).toMatchObject({ packId: 'blobs', status: 'succeeded', executionProvider: 'cpu', volumeId: 'v1', seriesInstanceUid: '1.2.3.4.5' });
      expect(run.parameters).toMatchObject({ midlineX: 0, postprocessing: { minSizeVoxels: 2 } });

      await expect(segmentAndRecord(db, pack, volume, { worker, volumeId: 'v1', signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
      const cancelled = listModelRuns(db, { volumeId: 'v1' }).find((r) => r.id !== runId)!;
      expect(cancelled).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } });
      expect(listRegions(db, { runId: cancelled.id })).toEqual([]);
    } finally {
      closeDatabase(db);
    }
  });
});
