/**
 * The host side of request/response worker threads (the worker side is serve-requests.ts): request
 * ids, the calls waiting for an answer, starting workers on demand, a worker that fails or exits,
 * transfer lists and cancellation. The DICOM worker pool and the inference worker each keep only
 * their own requests and settings on top of it.
 */
import type { Worker } from 'node:worker_threads';
import { RadGroundError } from '../errors/radground-error';
import { workerErrorToRadGroundError } from './worker-error';

/** Distributive Omit of the request id (the pool numbers requests), so each request type keeps its own fields. */
export type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** What a worker posts back (serve-requests.ts); `Progress` is the worker's own progress message, if any. */
export type WorkerAnswer<Progress extends { type: 'progress'; id: number } = never> =
  | { type: 'ready' }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; code: string; message: string }
  | Progress;

export interface WorkerPoolOptions {
  /** How errors name the worker, e.g. 'the DICOM worker'. */
  name: string;
  /** Starts one worker thread. */
  start: () => Worker;
  /**
   * Worker threads taking requests, at most: a request goes to an idle worker, else to a new one
   * (up to `size`), else to the least busy. With 1, requests queue on one worker in order.
   */
  size: number;
}

export interface WorkerCancellation {
  signal: AbortSignal;
  /** What the CANCELLED error says. */
  message: string;
  /** Called on abort: e.g. sets the cancel flag the worker checks (cancel-flag.ts). */
  onAbort?: () => void;
  /**
   * The worker cannot stop at a check (it would have to be killed mid-run): it is RETIRED instead,
   * taking no new requests and terminated once it has answered everything sent to it.
   */
  retireWorker: boolean;
}

export interface WorkerRequestOptions<Progress> {
  /** Buffers transferred with the request (the caller must not use them afterwards). */
  transfer?: ArrayBuffer[];
  onProgress?: (progress: Progress) => void;
  /** Aborting rejects the call with CANCELLED at once; the worker's answer, when it comes, is dropped. */
  cancel?: WorkerCancellation;
  /**
   * Start a new worker for this request only while fewer than this many take requests (default:
   * the pool's size); otherwise it queues on the least busy one. For cheap work that a thread of
   * its own would not speed up: each worker thread costs ~11 MiB resident (its V8 heap, its Node
   * environment) for as long as it lives.
   */
  maxWorkers?: number;
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

interface Pending<Progress> {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (progress: Progress) => void;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Workers are started on the first request that needs one and keep the process alive only while
 * they have work. A worker that errors or exits fails every request it holds with INTERNAL ("<name>
 * stopped: …") and is dropped, so the next request starts a fresh one. An answered error keeps its
 * RadGroundError code.
 */
export class WorkerPool<Req extends { type: string; id: number }, Progress extends { type: 'progress'; id: number } = never> {
  private readonly handles = new Set<WorkerHandle>();
  private readonly pending = new Map<number, Pending<Progress>>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  /** Worker threads alive now (retired ones still finishing included). */
  get threadCount(): number {
    return this.handles.size;
  }

  /** Whether a worker that takes requests is running. */
  get started(): boolean {
    for (const h of this.handles) if (!h.retiring) return true;
    return false;
  }

  /** Sends one request (numbered here) and resolves with the worker's `result` value. */
  request<T>(message: WithoutId<Req>, options: WorkerRequestOptions<Progress> = {}): Promise<T> {
    const { name } = this.options;
    if (this.closed) return Promise.reject(new RadGroundError('CANCELLED', `${name} is closed`));
    const cancel = options.cancel;
    if (cancel?.signal.aborted) return Promise.reject(new RadGroundError('CANCELLED', 'cancelled before it started'));
    let handle: WorkerHandle;
    try {
      handle = this.pick(options.maxWorkers ?? this.options.size);
    } catch (e) {
      return Promise.reject(new RadGroundError('INTERNAL', `could not start ${name}: ${messageOf(e)}`));
    }
    const id = this.nextId++;
    const result = new Promise<T>((resolve, reject) => {
      try {
        handle.worker.postMessage({ ...message, id }, options.transfer ?? []);
      } catch (e) {
        reject(new RadGroundError('INTERNAL', `could not send to ${name}: ${messageOf(e)}`));
        return;
      }
      this.pending.set(id, { resolve: resolve, reject, onProgress: options.onProgress });
      handle.outstanding.add(id);
      this.updateRef(handle);
    });
    return cancel ? this.cancellable(result, id, handle, cancel) : result;
  }

  /**
   * Stops taking requests: callers still waiting get CANCELLED, and every worker is terminated as
   * soon as it is idle (work in progress is let finish first). Resolves when all have exited.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(new RadGroundError('CANCELLED', `${this.options.name} was closed`));
    }
    const exits = [...this.handles].map((h) => h.exited);
    for (const h of [...this.handles]) this.retire(h);
    await Promise.all(exits);
  }

  /** Terminates every worker now: requests they hold fail with INTERNAL. Later requests start new workers. */
  async terminate(): Promise<void> {
    await Promise.all([...this.handles].map((h) => h.worker.terminate()));
  }

  private cancellable<T>(result: Promise<T>, id: number, handle: WorkerHandle, cancel: WorkerCancellation): Promise<T> {
    const { signal } = cancel;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        cancel.onAbort?.();
        const p = this.pending.get(id);
        this.pending.delete(id);
        p?.reject(new RadGroundError('CANCELLED', cancel.message));
        if (cancel.retireWorker && handle.outstanding.has(id)) this.retire(handle);
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

  private pick(maxWorkers: number): WorkerHandle {
    let best: WorkerHandle | null = null;
    let live = 0;
    for (const h of this.handles) {
      if (h.retiring) continue;
      live++;
      if (!best || h.outstanding.size < best.outstanding.size) best = h;
    }
    if (best && (best.outstanding.size === 0 || live >= Math.min(this.options.size, Math.max(1, maxWorkers)))) return best;
    return this.spawn();
  }

  private spawn(): WorkerHandle {
    const worker = this.options.start();
    let onExit: () => void = () => undefined;
    const handle: WorkerHandle = { worker, outstanding: new Set(), retiring: false, exited: new Promise<void>((r) => (onExit = r)) };
    worker.unref();
    worker.on('message', (m: WorkerAnswer<Progress>) => this.onMessage(handle, m));
    const fail = (why: string): void => {
      this.handles.delete(handle);
      for (const id of handle.outstanding) {
        const p = this.pending.get(id);
        this.pending.delete(id);
        p?.reject(new RadGroundError('INTERNAL', `${this.options.name} stopped: ${why}`));
      }
      handle.outstanding.clear();
    };
    worker.on('error', (e) => fail(messageOf(e)));
    worker.on('exit', (code) => {
      fail(`exit code ${code}`);
      onExit();
    });
    this.handles.add(handle);
    return handle;
  }

  private onMessage(handle: WorkerHandle, m: WorkerAnswer<Progress>): void {
    if (m.type === 'ready') return;
    const p = this.pending.get(m.id);
    if (m.type === 'progress') {
      p?.onProgress?.(m);
      return;
    }
    handle.outstanding.delete(m.id);
    this.pending.delete(m.id);
    this.terminateIfIdle(handle);
    if (!p) return; // the caller gave up (cancelled) meanwhile
    if (m.type === 'result') p.resolve(m.value);
    else p.reject(workerErrorToRadGroundError(m.code, m.message));
  }

  private retire(handle: WorkerHandle): void {
    handle.retiring = true;
    this.terminateIfIdle(handle);
  }

  private terminateIfIdle(handle: WorkerHandle): void {
    this.updateRef(handle);
    if (handle.retiring && handle.outstanding.size === 0 && this.handles.has(handle)) {
      this.handles.delete(handle);
      void handle.worker.terminate();
    }
  }

  /** A worker keeps the process alive exactly while it has outstanding work. */
  private updateRef(handle: WorkerHandle): void {
    if (handle.outstanding.size > 0) handle.worker.ref();
    else handle.worker.unref();
  }
}
