import { isRadGroundError, toErrorInfo } from '../errors/radground-error';
import { regionsFromLabelVolume, type RegionsFromLabelsOptions } from '../regions/regions-from-label-volume';
import type { Region } from '../regions/region';
import { saveRegions } from '../regions/region-repository';
import type { SqliteDatabase } from '../storage/database-types';
import type { Volume } from '../volume-assembly/volume';
import type { ModelPack } from './model-pack';
import { finishModelRun, recordModelRun } from './model-run-repository';
import { labelsOfPack, regionOptionsOfPack } from './pack-labels';
import { providerOrder } from './execution-providers';
import { runSegmentationPack, type RunSegmentationOptions, type SegmentationResult } from './run-segmentation-pack';

export interface SegmentAndRecordOptions extends RunSegmentationOptions {
  /** The volume's id in the app (StudyVolumeService), stored with the run and its regions. */
  volumeId: string | null;
  /** Patient midline (LPS x, mm) for laterality; none -> laterality only where the pack fixes it. */
  midlineX?: number | null;
  /** Overrides of the region extraction (connectivity, diameters...). */
  regionOptions?: Omit<RegionsFromLabelsOptions, 'runId' | 'volumeId'>;
}

export interface SegmentAndRecordResult {
  runId: string;
  regions: Region[];
  result: SegmentationResult;
}

/**
 * The whole provenance-tracked path: records a model run ('running'), segments, turns the label
 * volume into regions with the pack's postprocessing, and stores the regions and the finished run
 * (provider, onnxruntime version, timings) in one transaction. A failed or cancelled run is stored
 * as such (with its error) and the error rethrown.
 */
export async function segmentAndRecord(db: SqliteDatabase, pack: ModelPack, volume: Volume, options: SegmentAndRecordOptions): Promise<SegmentAndRecordResult> {
  const requestedProviders = providerOrder(options.providers);
  const runId = recordModelRun(db, {
    packId: pack.id,
    packVersion: pack.version,
    fileHashes: Object.fromEntries(pack.files.map((f) => [f.path, f.sha256])),
    requestedProviders,
    parameters: {
      providers: requestedProviders,
      returnProbabilities: options.returnProbabilities ?? false,
      intraOpNumThreads: options.intraOpNumThreads ?? null,
      midlineX: options.midlineX ?? null,
      preprocessing: pack.manifest.preprocessing,
      postprocessing: pack.manifest.postprocessing,
    },
    volumeId: options.volumeId,
    seriesInstanceUid: volume.seriesInstanceUid,
  });
  let result: SegmentationResult;
  try {
    result = await runSegmentationPack(pack, volume, { ...options, providers: requestedProviders });
  } catch (e) {
    const cancelled = isRadGroundError(e) && e.code === 'CANCELLED';
    finishModelRun(db, runId, { status: cancelled ? 'cancelled' : 'failed', error: toErrorInfo(e) });
    throw e;
  }
  let regions: Region[];
  try {
    regions = regionsFromLabelVolume(result.labelVolume, volume, labelsOfPack(pack.manifest), {
      ...regionOptionsOfPack(pack.manifest),
      midlineX: options.midlineX ?? null,
      ...options.regionOptions,
      runId,
      volumeId: options.volumeId,
    });
    db.transaction(() => {
      saveRegions(db, runId, regions);
      finishModelRun(db, runId, {
        status: 'succeeded',
        executionProvider: result.executionProvider,
        onnxruntimeVersion: result.onnxruntimeVersion,
        timings: { ...result.timings },
      });
    })();
  } catch (e) {
    finishModelRun(db, runId, { status: 'failed', executionProvider: result.executionProvider, onnxruntimeVersion: result.onnxruntimeVersion, error: toErrorInfo(e) });
    throw e;
  }
  return { runId, regions, result };
}
