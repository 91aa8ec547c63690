import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { RadGroundError } from '../errors/radground-error';
import type { ChestCtRequest, ChestCtResultMessage } from '../analysis/worker/chest-ct-protocol';
import { newCancelFlag } from '../workers/cancel-flag';
import { workerBundlePath } from '../workers/bundle-path';
import { workerErrorToRadGroundError } from '../workers/worker-error';
import type { LoadedSessionInfo, ModelIo, RunResultMessage, SegmentResultMessage, SessionSpec, WorkerBootData, WorkerRequest, WorkerResponse } from './worker/protocol';

export interface InferenceWorkerOptions {
  /** The worker script to run; default: the `inference-worker` bundle (workers/bundle-path.ts). */
  workerScript?: string;
  /** Where onnxruntime-node's entry is; resolved from this module (or the working directory) by default. */
  ortModulePath?: string;
  /**
   * Lower the worker thread's priority by this nice increment before onnxruntime creates its
   * threads (they inherit it), so inference yields the CPU to the UI thread. Linux only; default 10.
   */
  niceIncrement?: number;
}

export type ProgressPhase = 'preprocess' | 'infer' | 'postprocess';

export interface WorkerProgress {
  phase: ProgressPhase;
  done: number;
  total: number;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (e: unknown) => void;
  onProgress?: (p: WorkerProgress) => void;
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

/** One worker thread and the requests it has been sent but not yet answered. */
interface WorkerHandle {
  worker: Worker;
  /** Requests sent and not answered, including ones whose caller has given up (cancelled). */
  outstanding: Set<number>;
  /** No new requests; terminated as soon as it has nothing outstanding. */
  retiring: boolean;
  exited: Promise<void>;
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
  private current: WorkerHandle | null = null;
  private readonly handles = new Set<WorkerHandle>();
  private readonly pending = new Map<number, Pending>();
  /** Which handle each request went to. */
  private readonly routes = new Map<number, WorkerHandle>();
  private nextId = 1;
  private readonly options: InferenceWorkerOptions;
  private closed = false;

  constructor(options: InferenceWorkerOptions = {}) {
    this.options = options;
  }

  /** Input and output names, shapes and types as onnxruntime reads them from the model file. */
  inspect(modelPath: string): Promise<ModelIo> {
    return this.request<ModelIo>({ type: 'inspect', id: 0, modelPath });
  }

  /** Opens (or finds cached) a session with the first provider that works. */
  loadSession(session: SessionSpec): Promise<LoadedSessionInfo> {
    return this.request<LoadedSessionInfo>({ type: 'load', id: 0, session });
  }

  /** Runs the whole segmentation plan; `scalars` is transferred (the caller must not reuse it). */
  segment(req: SegmentRequest, opts: CancellableOptions = {}): Promise<SegmentResultMessage> {
    // A sliding-window run stops at the next window; a full-volume run cannot stop inside session.run.
    return this.requestCancellable<SegmentResultMessage>({ ...req, type: 'segment' }, [req.scalars], req.plan.window !== null, opts);
  }

  /**
   * The whole chest-ct analysis (resampling, graph, post-processing, Regions) in the worker.
   * `volume.scalars` must be over a SharedArrayBuffer (workers/shared-copy.ts). Cancelling rejects
   * at once; the worker stops at the analysis's next check (between stages, between candidates).
   */
  analyzeChestCt(req: ChestCtArgs, opts: CancellableOptions = {}): Promise<ChestCtResultMessage> {
    return this.requestCancellable<ChestCtResultMessage>({ ...req, type: 'chestCt' }, [], true, opts);
  }

  /** One bare session.run on a prepared tensor (benchmarks). `input` is transferred. */
  run(req: RunRequest): Promise<RunResultMessage> {
    return this.request<RunResultMessage>({ ...req, type: 'run', id: 0 }, [req.input]);
  }

  /** Drops the cached sessions of one pack key, or all; resolves to how many. */
  release(key: string | null = null): Promise<number> {
    if (!this.current) return Promise.resolve(0);
    return this.request<number>({ type: 'release', id: 0, key });
  }

  /** Worker threads alive now (retired ones still finishing an abandoned run included). */
  get threadCount(): number {
    return this.handles.size;
  }

  /**
   * Stops taking requests: callers still waiting get CANCELLED, and every worker is terminated as
   * soon as it is idle (a run in progress inside onnxruntime is let finish first). Resolves when
   * all worker threads have exited.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(new RadGroundError('CANCELLED', 'the inference worker was closed'));
    }
    const exits = [...this.handles].map((h) => h.exited);
    for (const h of [...this.handles]) this.retire(h);
    await Promise.all(exits);
  }

  private retire(handle: WorkerHandle): void {
    handle.retiring = true;
    if (this.current === handle) this.current = null;
    this.terminateIfIdle(handle);
  }

  private terminateIfIdle(handle: WorkerHandle): void {
    this.updateRef(handle);
    if (handle.retiring && handle.outstanding.size === 0 && this.handles.has(handle)) {
      this.handles.delete(handle);
      void handle.worker.terminate();
    }
  }

  private spawn(): WorkerHandle {
    const boot: WorkerBootData = { ortModulePath: this.options.ortModulePath ?? resolveOrtModulePath(), niceIncrement: this.options.niceIncrement ?? 10 };
    const worker = new Worker(this.options.workerScript ?? workerBundlePath('inference-worker'), { workerData: boot });
    let onExit: () => void = () => undefined;
    const handle: WorkerHandle = { worker, outstanding: new Set(), retiring: false, exited: new Promise<void>((r) => (onExit = r)) };
    worker.unref();
    worker.on('message', (m: WorkerResponse) => this.onMessage(handle, m));
    const fail = (why: string): void => {
      this.handles.delete(handle);
      if (this.current === handle) this.current = null;
      for (const id of handle.outstanding) {
        this.routes.delete(id);
        const p = this.pending.get(id);
        this.pending.delete(id);
        p?.reject(new RadGroundError('INTERNAL', `the inference worker stopped: ${why}`));
      }
      handle.outstanding.clear();
    };
    worker.on('error', (e) => fail(e instanceof Error ? e.message : String(e)));
    worker.on('exit', (code) => {
      fail(`exit code ${code}`);
      onExit();
    });
    this.handles.add(handle);
    return handle;
  }

  private onMessage(handle: WorkerHandle, m: WorkerResponse): void {
    if (m.type === 'ready') return;
    const p = this.pending.get(m.id);
    if (m.type === 'progress') {
      p?.onProgress?.({ phase: m.phase, done: m.done, total: m.total });
      return;
    }
    handle.outstanding.delete(m.id);
    this.routes.delete(m.id);
    this.pending.delete(m.id);
    this.terminateIfIdle(handle);
    if (!p) return; // the caller gave up (cancelled) meanwhile
    if (m.type === 'result') p.resolve(m.value);
    else p.reject(workerErrorToRadGroundError(m.code, m.message));
  }

  /** A worker keeps the process alive exactly while it has outstanding work (never kill onnxruntime mid-run). */
  private updateRef(handle: WorkerHandle): void {
    if (handle.outstanding.size > 0) handle.worker.ref();
    else handle.worker.unref();
  }

  /**
   * A request with a cancel flag: aborting rejects with CANCELLED at once and sets the flag the
   * worker checks. A `stoppable` request ends at the worker's next check and the worker carries on;
   * otherwise the worker is retired (never terminated inside onnxruntime).
   */
  private requestCancellable<T>(
    msg: Omit<Extract<WorkerRequest, { type: 'segment' | 'chestCt' }>, 'id' | 'cancel'>,
    transfer: ArrayBuffer[],
    stoppable: boolean,
    { signal, onProgress }: CancellableOptions,
  ): Promise<T> {
    if (signal?.aborted) return Promise.reject(new RadGroundError('CANCELLED', 'cancelled before it started'));
    const flag = newCancelFlag();
    const id = this.nextId++;
    const result = this.request<T>({ ...msg, id, cancel: flag.buffer } as WorkerRequest, transfer, onProgress, id);
    if (!signal) return result;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        flag.cancel();
        const p = this.pending.get(id);
        this.pending.delete(id);
        p?.reject(new RadGroundError('CANCELLED', msg.type === 'segment' ? 'inference cancelled' : 'chest-ct analysis cancelled'));
        const handle = this.routes.get(id);
        if (!stoppable && handle) this.retire(handle);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      result.then(
        (v) => {
          signal.removeEventListener('abort', onAbort);
          resolve(v);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }

  private request<T>(msg: WorkerRequest, transfer: ArrayBuffer[] = [], onProgress?: (p: WorkerProgress) => void, fixedId?: number): Promise<T> {
    if (this.closed) return Promise.reject(new RadGroundError('CANCELLED', 'the inference worker is closed'));
    let handle: WorkerHandle;
    try {
      handle = this.current ?? (this.current = this.spawn());
    } catch (e) {
      return Promise.reject(new RadGroundError('INTERNAL', `could not start the inference worker: ${e instanceof Error ? e.message : String(e)}`));
    }
    const id = fixedId ?? this.nextId++;
    const withId = { ...msg, id } as WorkerRequest;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      try {
        handle.worker.postMessage(withId, transfer);
      } catch (e) {
        this.pending.delete(id);
        reject(new RadGroundError('INTERNAL', `could not send to the inference worker: ${e instanceof Error ? e.message : String(e)}`));
        return;
      }
      handle.outstanding.add(id);
      this.routes.set(id, handle);
      this.updateRef(handle);
    });
  }
}
