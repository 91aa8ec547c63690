import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ERROR_CODES, RadGroundError, type ErrorCode } from '../errors/radground-error';
import type {
  LoadedSessionInfo,
  ModelIo,
  RunGraphResultMessage,
  RunResultMessage,
  SegmentResultMessage,
  SessionSpec,
  WorkerBootData,
  WorkerRequest,
  WorkerResponse,
} from './worker/protocol';
import { inferenceWorkerSource } from './worker/worker-source';

export interface InferenceWorkerOptions {
  /**
   * A worker script file to run instead of the built-in eval'd source (e.g. a bundle of
   * worker/worker-entry.ts). Default: the RADGROUND_INFERENCE_WORKER environment variable, if set.
   */
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

/** Resolves onnxruntime-node's entry file: CJS `require` in bundles and under vitest, else from the working directory. */
export function resolveOrtModulePath(): string {
  const load = typeof require === 'function' ? require : createRequire(join(process.cwd(), 'noop.js'));
  return load.resolve('onnxruntime-node');
}

/**
 * ORT intra-op threads by default: every core but one, so the main (UI) thread always has a core.
 * With all cores busy in ORT (its own default) a 2-core machine showed 150-300 ms event-loop
 * stalls under load; with one core left free, under 80 ms.
 */
export function defaultIntraOpThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

function toRadGroundError(code: string, message: string): RadGroundError {
  const known = (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL';
  return new RadGroundError(known, message);
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
  segment(
    req: SegmentRequest,
    opts: { signal?: AbortSignal; onProgress?: (p: WorkerProgress) => void } = {},
  ): Promise<SegmentResultMessage> {
    const { signal } = opts;
    if (signal?.aborted) return Promise.reject(new RadGroundError('CANCELLED', 'inference cancelled before it started'));
    const cancel = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancel);
    const id = this.nextId++;
    const msg: WorkerRequest = { ...req, type: 'segment', id, cancel };
    const result = this.request<SegmentResultMessage>(msg, [req.scalars], opts.onProgress, id);
    if (!signal) return result;
    const stoppable = req.plan.window !== null;
    return new Promise<SegmentResultMessage>((resolve, reject) => {
      const onAbort = (): void => {
        Atomics.store(flag, 0, 1);
        const p = this.pending.get(id);
        this.pending.delete(id);
        p?.reject(new RadGroundError('CANCELLED', 'inference cancelled'));
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

  /** One bare session.run on a prepared tensor (benchmarks). `input` is transferred. */
  run(req: RunRequest): Promise<RunResultMessage> {
    return this.request<RunResultMessage>({ ...req, type: 'run', id: 0 }, [req.input]);
  }

  /** One session.run returning every output tensor (graph pipelines). `input` is transferred. */
  runGraph(req: Omit<Extract<WorkerRequest, { type: 'runGraph' }>, 'type' | 'id'>): Promise<RunGraphResultMessage> {
    return this.request<RunGraphResultMessage>({ ...req, type: 'runGraph', id: 0 }, [req.input]);
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
    const script = this.options.workerScript ?? process.env.RADGROUND_INFERENCE_WORKER;
    const worker = script ? new Worker(script, { workerData: boot }) : new Worker(inferenceWorkerSource(), { eval: true, workerData: boot });
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
    else p.reject(toRadGroundError(m.code, m.message));
  }

  /** A worker keeps the process alive exactly while it has outstanding work (never kill onnxruntime mid-run). */
  private updateRef(handle: WorkerHandle): void {
    if (handle.outstanding.size > 0) handle.worker.ref();
    else handle.worker.unref();
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
