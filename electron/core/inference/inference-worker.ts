import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChestCtRequest, ChestCtResultMessage } from '../analysis/worker/chest-ct-protocol';
import { newCancelFlag } from '../workers/cancel-flag';
import { WORKER_NICE_INCREMENT } from './worker/thread-priority';
import { workerBundlePath } from '../workers/bundle-path';
import { WorkerPool } from '../workers/worker-pool';
import type { LoadedSessionInfo, ModelIo, RunResultMessage, SegmentResultMessage, SessionSpec, WorkerBootData, WorkerProgressMessage, WorkerRequest } from './worker/protocol';

export interface InferenceWorkerOptions {
  /** The worker script to run; default: the `inference-worker` bundle (workers/bundle-path.ts). */
  workerScript?: string;
  /** Where onnxruntime-node's entry is; resolved from this module (or the working directory) by default. */
  ortModulePath?: string;
  /**
   * Lower the worker thread's priority by this nice increment before onnxruntime creates its
   * threads (they inherit it), so inference yields the CPU to the UI thread. Linux only; default WORKER_NICE_INCREMENT.
   */
  niceIncrement?: number;
}

export type ProgressPhase = 'preprocess' | 'infer' | 'postprocess';

export interface WorkerProgress {
  phase: ProgressPhase;
  done: number;
  total: number;
}

type SegmentRequest = Omit<Extract<WorkerRequest, { type: 'segment' }>, 'id' | 'type' | 'cancel'>;
type RunRequest = Omit<Extract<WorkerRequest, { type: 'run' }>, 'id' | 'type'>;
type ChestCtArgs = Omit<ChestCtRequest, 'id' | 'type' | 'cancel'>;

export interface CancellableOptions {
  signal?: AbortSignal;
  onProgress?: (p: WorkerProgress) => void;
}

/** Resolves onnxruntime-node's entry file: CJS `require` in bundles and under vitest, else from the working directory. */
export function resolveOrtModulePath(): string {
  const load = typeof require === 'function' ? require : createRequire(join(process.cwd(), 'noop.js'));
  return load.resolve('onnxruntime-node');
}

/**
 * ORT intra-op threads by default: every available core, as onnxruntime's own default. The UI
 * thread stays responsive because the inference worker and the pool threads it starts run at a
 * lowered priority (worker/thread-priority.ts), not because a core is left idle.
 * RADGROUND_INFERENCE_THREADS=N lowers it (never above the cores available).
 */
export function defaultIntraOpThreads(env: NodeJS.ProcessEnv = process.env): number {
  const cores = availableParallelism();
  const setting = Number(env.RADGROUND_INFERENCE_THREADS);
  return Number.isInteger(setting) && setting >= 1 ? Math.min(cores, setting) : cores;
}

/**
 * The host side of the inference worker thread: onnxruntime sessions live (and block) there, so
 * the main event loop stays responsive. Requests run one at a time in order. The worker starts on
 * the first request and keeps the process alive only while it has work.
 *
 * Cancelling a run (`segment` with an AbortSignal) rejects with CANCELLED at once. A sliding-window
 * run stops at the next window boundary and the worker (with its cached sessions) carries on. A
 * full-volume run cannot be interrupted inside session.run, and a worker must never be terminated
 * while onnxruntime is running in it (onnxruntime-node then aborts the whole process: "terminate
 * called after throwing an instance of 'Napi::Error'"). So that worker is RETIRED: it receives no
 * more requests, finishes the abandoned run in the background and is terminated once idle, while
 * the next request starts a fresh worker (cached sessions are lost).
 */
export class InferenceWorker {
  private readonly pool: WorkerPool<WorkerRequest, WorkerProgressMessage>;

  constructor(options: InferenceWorkerOptions = {}) {
    this.pool = new WorkerPool({
      name: 'the inference worker',
      size: 1,
      start: () => {
        const boot: WorkerBootData = { ortModulePath: options.ortModulePath ?? resolveOrtModulePath(), niceIncrement: options.niceIncrement ?? WORKER_NICE_INCREMENT };
        return new Worker(options.workerScript ?? workerBundlePath('inference-worker'), { workerData: boot });
      },
    });
  }

  /** Input and output names, shapes and types as onnxruntime reads them from the model file. */
  inspect(modelPath: string): Promise<ModelIo> {
    return this.pool.request({ type: 'inspect', modelPath });
  }

  /** Opens (or finds cached) a session with the first provider that works. */
  loadSession(session: SessionSpec): Promise<LoadedSessionInfo> {
    return this.pool.request({ type: 'load', session });
  }

  /** Runs the whole segmentation plan; `scalars` is transferred (the caller must not reuse it). */
  segment(req: SegmentRequest, opts: CancellableOptions = {}): Promise<SegmentResultMessage> {
    // A sliding-window run stops at the next window; a full-volume run cannot stop inside session.run.
    return this.requestCancellable({ ...req, type: 'segment' }, [req.scalars], req.plan.window !== null, 'inference cancelled', opts);
  }

  /**
   * The whole chest-ct analysis (resampling, graph, post-processing, Regions) in the worker.
   * `volume.scalars` must be over a SharedArrayBuffer (workers/shared-copy.ts). Cancelling rejects
   * at once; the worker stops at the analysis's next check (between stages, between candidates).
   */
  analyzeChestCt(req: ChestCtArgs, opts: CancellableOptions = {}): Promise<ChestCtResultMessage> {
    return this.requestCancellable({ ...req, type: 'chestCt' }, [], true, 'chest-ct analysis cancelled', opts);
  }

  /** One bare session.run on a prepared tensor (benchmarks). `input` is transferred. */
  run(req: RunRequest): Promise<RunResultMessage> {
    return this.pool.request({ ...req, type: 'run' }, { transfer: [req.input] });
  }

  /** Drops the cached sessions of one pack key, or all; resolves to how many. */
  release(key: string | null = null): Promise<number> {
    if (!this.pool.started) return Promise.resolve(0);
    return this.pool.request({ type: 'release', key });
  }

  /** Worker threads alive now (retired ones still finishing an abandoned run included). */
  get threadCount(): number {
    return this.pool.threadCount;
  }

  /**
   * Stops taking requests: callers still waiting get CANCELLED, and every worker is terminated as
   * soon as it is idle (a run in progress inside onnxruntime is let finish first). Resolves when
   * all worker threads have exited.
   */
  close(): Promise<void> {
    return this.pool.close();
  }

  /**
   * A request with a cancel flag: aborting rejects with CANCELLED at once and sets the flag the
   * worker checks. A `stoppable` request ends at the worker's next check and the worker carries on;
   * otherwise the worker is retired (never terminated inside onnxruntime).
   */
  private requestCancellable<T>(
    msg: Omit<Extract<WorkerRequest, { type: 'segment' }>, 'id' | 'cancel'> | Omit<ChestCtRequest, 'id' | 'cancel'>,
    transfer: ArrayBuffer[],
    stoppable: boolean,
    cancelledMessage: string,
    { signal, onProgress }: CancellableOptions,
  ): Promise<T> {
    const flag = newCancelFlag();
    return this.pool.request({ ...msg, cancel: flag.buffer }, {
      transfer,
      onProgress: onProgress && ((m) => onProgress({ phase: m.phase, done: m.done, total: m.total })),
      cancel: signal && { signal, message: cancelledMessage, onAbort: () => flag.cancel(), retireWorker: !stoppable },
    });
  }
}
