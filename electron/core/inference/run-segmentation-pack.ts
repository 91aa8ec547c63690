import type { Vec3 } from '../dicom/dicom-instance';
import { RadGroundError } from '../errors/radground-error';
import type { Volume } from '../volume-assembly/volume';
import { providerOrder, type ExecutionProviderName } from './execution-providers';
import { defaultIntraOpThreads, type InferenceWorker, type ProgressPhase } from './inference-worker';
import type { ModelPack } from './model-pack';
import { buildSegmentPlan, scalarDtypeOf } from './segment-plan';
import type { ProviderAttempt, SegmentTimings, SessionSpec } from './worker/protocol';

export interface InferenceProgress {
  phase: 'load' | ProgressPhase;
  done: number;
  total: number;
}

export interface RunSegmentationOptions {
  /** The worker thread that runs onnxruntime (its session cache is reused across runs). */
  worker: InferenceWorker;
  /** Execution providers to try, in order; default CUDA -> DirectML -> CoreML -> CPU for this platform. */
  providers?: ExecutionProviderName[];
  signal?: AbortSignal;
  onProgress?: (p: InferenceProgress) => void;
  /** Also return per-channel probabilities (softmax for argmax packs, sigmoid otherwise). */
  returnProbabilities?: boolean;
  /** onnxruntime intra-op threads; default: every available core (see defaultIntraOpThreads). */
  intraOpNumThreads?: number;
  /** Let onnxruntime's thread pool spin-wait (faster on idle machines, starves other threads); default false. */
  allowSpinning?: boolean;
}

/** The worker's timings (SegmentTimings) and the main thread's. */
export interface SegmentationTimings extends SegmentTimings {
  /** Wall time of the whole call. */
  totalMs: number;
  /** Main thread: copying the scalars for transfer. */
  copyMs: number;
}

export interface SegmentationResult {
  /** One label per voxel in the volume's own grid (i fastest): the winning channel (argmax) or 1 + channel (sigmoid). */
  labelVolume: Uint8Array;
  dims: Vec3;
  /** Per-channel probabilities in the volume's grid, channel-major, when asked for. */
  probabilities: { channels: number; data: Float32Array } | null;
  executionProvider: ExecutionProviderName;
  requestedProviders: ExecutionProviderName[];
  providerAttempts: ProviderAttempt[];
  onnxruntimeVersion: string;
  sessionCached: boolean;
  /** Windows run (1 for a full-volume pack, 0 when nothing was above the foreground threshold). */
  windows: number;
  timings: SegmentationTimings;
}

/** The worker's session cache key: pack id, version and model hash (the provider is appended by the worker). */
export function sessionKeyOf(pack: ModelPack): string {
  return `${pack.id}@${pack.version}:${pack.model.sha256.slice(0, 16)}`;
}

export function sessionSpecOf(pack: ModelPack, opts: Pick<RunSegmentationOptions, 'providers' | 'intraOpNumThreads' | 'allowSpinning'>): SessionSpec {
  return {
    key: sessionKeyOf(pack),
    modelPath: pack.model.absolutePath,
    providers: providerOrder(opts.providers),
    options: { intraOpNumThreads: opts.intraOpNumThreads ?? defaultIntraOpThreads(), allowSpinning: opts.allowSpinning ?? false },
  };
}

/**
 * Segments `volume` with a checked segmentation pack, in the worker thread: reorientation,
 * intensity scaling (over the whole volume), foreground crop, crop/pad, full-volume or
 * sliding-window inference with blending, argmax/sigmoid, and back to the volume's grid.
 * Errors: CANCELLED (signal), BAD_REQUEST (preprocessing this pipeline does not implement, a volume
 * that does not fit a fixed-size model), MODEL_INVALID (no provider can open the model, outputs
 * that do not match the manifest).
 */
export async function runSegmentationPack(pack: ModelPack, volume: Volume, options: RunSegmentationOptions): Promise<SegmentationResult> {
  const t0 = performance.now();
  if (options.signal?.aborted) throw new RadGroundError('CANCELLED', 'inference cancelled before it started');
  const plan = buildSegmentPlan(pack, volume, options.returnProbabilities ?? false);
  const session = sessionSpecOf(pack, options);
  const dims: Vec3 = [volume.dims[0], volume.dims[1], volume.dims[2]];
  const voxels = dims[0] * dims[1] * dims[2];
  if (volume.scalars.length !== voxels) {
    throw new RadGroundError('BAD_REQUEST', `volume has ${volume.scalars.length} scalars for dims ${dims.join('x')}`);
  }

  const tCopy = performance.now();
  const dtype = scalarDtypeOf(volume.scalars);
  // A private copy, transferred (not cloned) to the worker: the caller's volume stays intact.
  const scalars = volume.scalars.slice().buffer;
  const copyMs = performance.now() - tCopy;

  options.onProgress?.({ phase: 'load', done: 0, total: 1 });
  const r = await options.worker.segment(
    { session, scalars, dtype, dims, plan },
    {
      signal: options.signal,
      onProgress: (p) => {
        if (p.phase === 'preprocess' && p.done === 0) options.onProgress?.({ phase: 'load', done: 1, total: 1 });
        options.onProgress?.(p);
      },
    },
  );
  const labelVolume = new Uint8Array(r.labels);
  if (labelVolume.length !== voxels) throw new RadGroundError('INTERNAL', `worker returned ${labelVolume.length} labels for ${voxels} voxels`);
  return {
    labelVolume,
    dims,
    probabilities: r.probabilities ? { channels: r.channels, data: new Float32Array(r.probabilities) } : null,
    executionProvider: r.session.provider,
    requestedProviders: session.providers,
    providerAttempts: r.session.attempts,
    onnxruntimeVersion: r.session.onnxruntimeVersion,
    sessionCached: r.session.cached,
    windows: r.windows,
    timings: { totalMs: performance.now() - t0, copyMs, ...r.timings },
  };
}
