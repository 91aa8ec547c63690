import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InferenceWorker } from '../../../electron/core/inference/inference-worker';
import { listModelPacks, pickModelPack } from '../../../electron/core/inference/list-model-packs';
import type { ModelPackListing } from '../../../electron/core/inference/model-pack';
import { getModelRun } from '../../../electron/core/inference/model-run-repository';
import { runSegmentationPack, type SegmentationResult } from '../../../electron/core/inference/run-segmentation-pack';
import { segmentAndRecord } from '../../../electron/core/inference/segment-and-record';
import { getRegion, listRegions } from '../../../electron/core/regions/region-repository';
import { closeDatabase, openDatabase } from '../../../electron/core/storage/open-database';
import { indexToWorld } from '../../../electron/shared/geometry/grid';
import { readNiftiVolume } from '../../../electron/core/volume-assembly';
import type { Volume } from '../../../electron/core/volume-assembly/volume';
import { NO_SHARED_DATA_REASON, projectRoot, requireSharedData, sharedData } from '../../support/shared-data';
import { dice, sameBytes } from './support/dice';
import { withEventLoopLag } from './support/lag';
import { installAppPack, tmpDir } from './support/packs';

const hasData = requireSharedData();

/** Generous: on a loaded 2-core machine the sliding-window run alone took up to 90 s. */
const HEAVY_TIMEOUT_MS = 400_000;

/**
 * The two third-party MeshNet packs, installed unchanged (committed manifest + the .onnx copied
 * from shared data) into a temporary data folder, each run once on the conformed 256^3 T1.
 */
describe.skipIf(!hasData)(`MeshNet packs on a real T1 ${hasData ? '' : `(skipped: ${NO_SHARED_DATA_REASON})`}`, () => {
  const dataDir = tmpDir('meshnet');
  const worker = new InferenceWorker();
  let listings: ModelPackListing[];
  let volume: Volume;
  let full: SegmentationResult;
  let fullLagMs = 0;

  beforeAll(async () => {
    installAppPack(dataDir, 'meshnet-gwm', sharedData('models', 'meshnet_gwm_niivue-onnx_model.onnx'));
    installAppPack(dataDir, 'meshnet-gwm-64', sharedData('models', 'model30_3class.onnx'));
    listings = await listModelPacks({ appModelsDir: join(projectRoot, 'native-models'), dataDir }, worker);
    volume = await readNiftiVolume(sharedData('nifti', 'brain_t1_conformed_256.nii.gz'));
  });

  afterAll(async () => {
    await worker.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the installed packs as ok', () => {
    for (const id of ['meshnet-gwm', 'meshnet-gwm-64']) {
      const user = listings.find((l) => l.id === id && l.source === 'user');
      expect(user, id).toMatchObject({ status: 'ok', error: null, version: '1.0.0' });
      expect(user!.pack!.io.inputs[0]).toMatchObject({ name: 'input', type: 'float32' });
    }
  });

  it('runs the 256^3 model in the worker with the event loop responsive, on the CPU after trying CUDA', async () => {
    const pack = pickModelPack(listings, 'meshnet-gwm');
    const measured = await withEventLoopLag(() => runSegmentationPack(pack, volume, { worker }));
    full = measured.value;
    fullLagMs = measured.maxLagMs;
    const maxLag = fullLagMs;
    console.log(`meshnet-gwm 256^3: ${full.timings.inferenceMs.toFixed(0)} ms in session.run, ${full.timings.totalMs.toFixed(0)} ms total, max event-loop lag ${maxLag.toFixed(0)} ms, provider ${full.executionProvider} (tried ${full.requestedProviders.join(' -> ')})`);
    expect(full.executionProvider).toBe('cpu');
    expect(full.requestedProviders).toEqual(process.platform === 'darwin' ? ['coreml', 'cpu'] : process.platform === 'win32' ? ['cuda', 'dml', 'cpu'] : ['cuda', 'cpu']);
    expect(full.providerAttempts.at(-1)).toEqual({ provider: 'cpu', error: null });
    // A main thread blocked by session.run would stall for the whole run (5-35 s here). What remains
    // is scheduling: on this 2-core machine, shared with other jobs (load average 5-7), the max lag
    // measured 29-209 ms, so the bound leaves room for an oversubscribed scheduler.
    expect(fullLagMs).toBeLessThan(500);
    expect(fullLagMs).toBeLessThan(full.timings.inferenceMs / 10);
    // A brain T1: substantial white and grey matter, background elsewhere.
    const counts = [0, 0, 0];
    for (const v of full.labelVolume) counts[v]!++;
    expect(counts[1]).toBeGreaterThan(300_000);
    expect(counts[2]).toBeGreaterThan(300_000);
    expect(counts[0]).toBeGreaterThan(10_000_000);
  }, HEAVY_TIMEOUT_MS);

  it('runs the 64^3 model as a sliding window; white and grey matter agree with the full-volume model (Dice > 0.9)', async () => {
    const pack = pickModelPack(listings, 'meshnet-gwm-64');
    const progress: number[] = [];
    const sliding = await runSegmentationPack(pack, volume, { worker, onProgress: (e) => e.phase === 'infer' && progress.push(e.done) });
    const wm = dice(full.labelVolume, sliding.labelVolume, 1);
    const gm = dice(full.labelVolume, sliding.labelVolume, 2);
    console.log(`meshnet-gwm-64: ${sliding.windows} windows, ${sliding.timings.inferenceMs.toFixed(0)} ms in session.run; Dice vs full-volume: white matter ${wm.toFixed(4)}, grey matter ${gm.toFixed(4)}`);
    expect(sliding.windows).toBeGreaterThan(8);
    expect(progress.at(-1)).toBe(sliding.windows);
    expect(wm).toBeGreaterThan(0.9);
    expect(gm).toBeGreaterThan(0.9);
  }, HEAVY_TIMEOUT_MS);

  it('records the run and its regions with provenance, and reads them back', async () => {
    const db = openDatabase(':memory:');
    try {
      const pack = pickModelPack(listings, 'meshnet-gwm');
      const centre = indexToWorld(volume, [(volume.dims[0] - 1) / 2, (volume.dims[1] - 1) / 2, (volume.dims[2] - 1) / 2]);
      const { runId, regions, result } = await segmentAndRecord(db, pack, volume, { worker, volumeId: 'brain-t1', midlineX: centre[0] });
      // The session is cached from the previous test: same labels as then.
      expect(result.sessionCached).toBe(true);
      expect(sameBytes(result.labelVolume, full.labelVolume)).toBe(true);
      const run = getModelRun(db, runId);
      expect(run).toMatchObject({
        packId: 'meshnet-gwm',
        packVersion: '1.0.0',
        status: 'succeeded',
        executionProvider: 'cpu',
        onnxruntimeVersion: '1.30.0',
        fileHashes: { 'meshnet_gwm_niivue-onnx_model.onnx': '02850fb059badf0717d26f61048293b7422b2453fb48db8ae95d046059bfd90f' },
        volumeId: 'brain-t1',
      });
      expect(run.timings?.inferenceMs).toBeGreaterThan(0);
      // One region per label (connectedComponents: false): volume = voxel count x 1 mm^3.
      expect(regions.map((r) => r.label)).toEqual(['white matter', 'grey matter']);
      const counts = [0, 0, 0];
      for (const v of full.labelVolume) counts[v]!++;
      expect(regions[0]!.volumeMl).toBeCloseTo(counts[1]! / 1000, 6);
      expect(regions[1]!.volumeMl).toBeCloseTo(counts[2]! / 1000, 6);
      for (const r of regions) {
        expect(r.laterality).toBe('bilateral');
        expect(r.meanHu).toBeNull(); // MR: no HU
        expect(r.code?.scheme).toBe('SCT');
      }
      const stored = listRegions(db, { runId }, { includeMasks: true });
      expect(stored).toEqual(regions);
      expect(getRegion(db, regions[0]!.id)).toEqual(regions[0]);
    } finally {
      closeDatabase(db);
    }
  }, HEAVY_TIMEOUT_MS);
});
