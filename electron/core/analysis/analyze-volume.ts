import { RadGroundError, toErrorInfo } from '../errors/radground-error';
import { indexToWorld } from '../../shared/geometry/grid';
import {
  finishModelRun,
  isPipelinePack,
  listModelPacks,
  pickAnyModelPack,
  providerOrder,
  recordModelRun,
  segmentAndRecord,
  type InferenceWorker,
  type ModelPack,
  type ModelPackRoots,
  type PipelinePack,
} from '../inference';
import type { LungAssessment } from './lung-assessment';
import type { Region } from '../regions/region';
import { saveRegions } from '../regions/region-repository';
import type { SqliteDatabase } from '../storage/database-types';
import type { StudyVolumeService } from '../study-volumes/study-volume-service';
import type { Volume } from '../volume-assembly/volume';
import { copyToShared } from '../workers/shared-copy';
import { pipelineSessionSpec } from './worker-graph-runner';

export const DEFAULT_MODEL_ID = 'chest-ct';

export interface AnalysisDeps {
  db: SqliteDatabase;
  worker: InferenceWorker;
  volumes: StudyVolumeService;
  modelRoots: ModelPackRoots;
}

export type AnalysisPhase = 'loading' | 'preprocess' | 'infer' | 'postprocess' | 'done';
export interface AnalysisOptions {
  signal?: AbortSignal;
  onProgress?: (p: { phase: AnalysisPhase; done: number; total: number }) => void;
}

export interface AnalysisResult {
  runId: string;
  model: { id: string; version: string; sha256: string; executionProvider: string };
  regions: Region[];
  warnings: string[];
  /** What the analysis positively verified about the lungs; null for packs that verify nothing. */
  assessment: LungAssessment | null;
  timings: Record<string, number>;
}

/**
 * Runs a model pack on a volume and records the run and its regions (provenance in model_runs).
 * Both kinds run in the inference worker thread, never on the thread that serves the UI: pipeline
 * packs (chest-ct) as a whole (resampling, ONNX graph, post-processing, Regions), generic packs
 * through the worker runner.
 */
export async function analyzeVolume(
  deps: AnalysisDeps,
  volumeId: string,
  modelId: string = DEFAULT_MODEL_ID,
  options: AnalysisOptions = {},
): Promise<AnalysisResult> {
  const started = performance.now();
  options.onProgress?.({ phase: 'loading', done: 0, total: 1 });
  const volume = await deps.volumes.load(volumeId);
  const loadMs = performance.now() - started;
  const result = await analyzeLoadedVolume(deps, volume, volumeId, modelId, options);
  return { ...result, timings: { loadVolumeMs: Math.round(loadMs), ...result.timings, totalMs: Math.round(performance.now() - started) } };
}

/** Same, for a volume already in memory (e.g. a NIfTI file, which has no volume id: null). */
export async function analyzeLoadedVolume(
  deps: Omit<AnalysisDeps, 'volumes'>,
  volume: Volume,
  volumeId: string | null,
  modelId: string = DEFAULT_MODEL_ID,
  options: AnalysisOptions = {},
): Promise<AnalysisResult> {
  const started = performance.now();
  const pack = pickAnyModelPack(await listModelPacks(deps.modelRoots, deps.worker), modelId);
  const result = isPipelinePack(pack)
    ? await runPipeline(deps, pack, volume, volumeId, options)
    : await runGeneric(deps, pack, volume, volumeId, options);
  options.onProgress?.({ phase: 'done', done: 1, total: 1 });
  return { ...result, timings: { ...result.timings, totalMs: Math.round(performance.now() - started) } };
}

async function runPipeline(
  deps: Omit<AnalysisDeps, 'volumes'>,
  pack: PipelinePack,
  volume: Volume,
  volumeId: string | null,
  { signal, onProgress }: AnalysisOptions,
): Promise<AnalysisResult> {
  if (pack.pipeline !== 'chest-ct') throw new RadGroundError('MODEL_INVALID', `unknown pipeline ${pack.pipeline}`);
  onProgress?.({ phase: 'preprocess', done: 0, total: 1 });
  const runId = recordModelRun(deps.db, {
    packId: pack.id,
    packVersion: pack.version,
    fileHashes: Object.fromEntries(pack.files.map((f) => [f.path, f.sha256])),
    requestedProviders: providerOrder(undefined),
    parameters: { pipeline: pack.pipeline },
    volumeId,
    seriesInstanceUid: volume.seriesInstanceUid,
  });
  try {
    // The worker reads the volume in place from shared memory, copied in chunks so this thread stays free.
    const scalars = await copyToShared(volume.scalars);
    const { analysis, session } = await deps.worker.analyzeChestCt(
      { session: pipelineSessionSpec(pack), inputName: pack.manifest.inputs[0]!.name, volume: { ...volume, scalars }, volumeId, runId },
      { signal, onProgress: (p) => onProgress?.(p) },
    );
    const executionProvider = session?.provider ?? 'cpu';
    deps.db.transaction(() => {
      saveRegions(deps.db, runId, analysis.regions);
      finishModelRun(deps.db, runId, {
        status: 'succeeded',
        executionProvider,
        onnxruntimeVersion: session?.onnxruntimeVersion ?? null,
        timings: { ...analysis.timings },
        assessment: analysis.assessment,
      });
    })();
    return {
      runId,
      model: { id: pack.id, version: pack.version, sha256: pack.model.sha256, executionProvider },
      regions: analysis.regions,
      warnings: analysis.warnings,
      assessment: analysis.assessment,
      timings: { ...analysis.timings },
    };
  } catch (e) {
    finishModelRun(deps.db, runId, { status: (e as RadGroundError).code === 'CANCELLED' ? 'cancelled' : 'failed', error: toErrorInfo(e) });
    throw e;
  }
}

async function runGeneric(
  deps: Omit<AnalysisDeps, 'volumes'>,
  pack: ModelPack,
  volume: Volume,
  volumeId: string | null,
  { signal, onProgress }: AnalysisOptions,
): Promise<AnalysisResult> {
  // Without a body model, the midline is the centre of the field of view.
  const centre = indexToWorld(volume, [(volume.dims[0] - 1) / 2, (volume.dims[1] - 1) / 2, (volume.dims[2] - 1) / 2]);
  const { runId, regions, result } = await segmentAndRecord(deps.db, pack, volume, {
    worker: deps.worker,
    volumeId,
    midlineX: centre[0],
    signal,
    onProgress: (p) => onProgress?.({ phase: p.phase === 'load' ? 'loading' : p.phase, done: p.done, total: p.total }),
  });
  return {
    runId,
    model: { id: pack.id, version: pack.version, sha256: pack.model.sha256, executionProvider: result.executionProvider },
    regions,
    warnings: [],
    assessment: null,
    timings: { ...result.timings },
  };
}
