import type { IntensitySpec } from '../pack-manifest';
import type { AxisPermutation, Dims3 } from '../kernels/types';
import type { ChestCtRequest } from '../../analysis/worker/chest-ct-protocol';
import type { WorkerAnswer } from '../../workers/worker-pool';

/** onnxruntime-node execution provider names, in the order we prefer them. */
export type ExecutionProviderName = 'cuda' | 'dml' | 'coreml' | 'cpu';

export interface TensorInfo {
  name: string;
  isTensor: boolean;
  /** 'float32', 'int64'...; null for non-tensor values. */
  type: string | null;
  /** Numbers for static dims, names for symbolic ones; [] when the model declares no shape. */
  shape: (number | string)[];
}

export interface ModelIo {
  inputs: TensorInfo[];
  outputs: TensorInfo[];
}

export interface WorkerSessionOptions {
  /** ORT intra-op threads; 0 = ORT's default (all cores). */
  intraOpNumThreads: number;
  /** ORT's thread pool spin-waits between ops by default, which starves other threads on small machines. */
  allowSpinning: boolean;
}

export interface SessionSpec {
  /** `${packId}@${version}`: the cache key, with the provider appended by the worker. */
  key: string;
  modelPath: string;
  /** Tried in order; the first that creates a session is used. */
  providers: ExecutionProviderName[];
  options: WorkerSessionOptions;
}

export interface ProviderAttempt {
  provider: ExecutionProviderName;
  error: string | null;
}

export interface LoadedSessionInfo {
  provider: ExecutionProviderName;
  attempts: ProviderAttempt[];
  io: ModelIo;
  /** 0 when the session came from the cache. */
  loadMs: number;
  cached: boolean;
  onnxruntimeVersion: string;
}

export type ScalarDtype = 'uint8' | 'int8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'float32' | 'float64';

/** Everything the worker needs to go from raw volume scalars to labels in the same grid. */
export interface SegmentPlan {
  /** Reorientation to the model's axes (null = none). */
  orient: AxisPermutation | null;
  intensity: IntensitySpec;
  cropForeground: { threshold: number; margin: number } | null;
  /** Array order (axis 0 fastest). */
  cropPad: Dims3 | null;
  /** Array -> tensor order permutation (null when the tensor takes the array as is). */
  layout: AxisPermutation | null;
  window: { roi: Dims3; overlap: number; blending: 'constant' | 'gaussian'; batchSize: number } | null;
  inputName: string;
  outputName: string;
  /** Expected number of output channels (checked against the output tensor). */
  channels: number;
  decision: { kind: 'argmax' } | { kind: 'sigmoid'; threshold: number };
  returnProbabilities: boolean;
  /** The model's static spatial input dims in tensor order (null = symbolic), checked before a full-volume run. */
  inputSpatial: (number | null)[];
}

export interface SegmentTimings {
  sessionLoadMs: number;
  preprocessMs: number;
  /** Sum of session.run times. */
  inferenceMs: number;
  blendMs: number;
  postprocessMs: number;
  workerTotalMs: number;
}

export interface SegmentRequest {
  type: 'segment';
  id: number;
  session: SessionSpec;
  scalars: ArrayBuffer;
  dtype: ScalarDtype;
  dims: Dims3;
  plan: SegmentPlan;
  /** Int32Array(1) over a SharedArrayBuffer: non-zero = stop at the next window. */
  cancel: SharedArrayBuffer;
}

export type WorkerRequest =
  | { type: 'inspect'; id: number; modelPath: string }
  | { type: 'load'; id: number; session: SessionSpec }
  | SegmentRequest
  | {
      /** One bare session.run (benchmarks): input tensor as given, output channels returned raw. */
      type: 'run';
      id: number;
      session: SessionSpec;
      input: ArrayBuffer;
      shape: number[];
      inputName: string;
      outputName: string;
    }
  | ChestCtRequest
  | { type: 'release'; id: number; key: string | null };

export interface WorkerProgressMessage {
  type: 'progress';
  id: number;
  phase: 'preprocess' | 'infer' | 'postprocess';
  done: number;
  total: number;
}

export type WorkerResponse = WorkerAnswer<WorkerProgressMessage>;

export interface SegmentResultMessage {
  labels: ArrayBuffer;
  probabilities: ArrayBuffer | null;
  channels: number;
  windows: number;
  session: LoadedSessionInfo;
  timings: SegmentTimings;
}

export interface RunResultMessage {
  output: ArrayBuffer;
  shape: number[];
  session: LoadedSessionInfo;
  runMs: number;
}

/** What the worker is started with (workerData). */
export interface WorkerBootData {
  ortModulePath: string;
  /** Added to the worker thread's nice value before onnxruntime starts its threads (Linux; 0 = none). */
  niceIncrement: number;
}
