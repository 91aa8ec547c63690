import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DicomInstance } from '../dicom/dicom-instance';
import type { RgbFrame } from '../dicom/pixels/read-rgb-frames';
import type { ParsedDicomInstance } from '../dicom/dataset/pixel-data-location';
import { RadGroundError } from '../errors/radground-error';
import type { PreviewSlice } from '../study-volumes/preview-slice';
import type { SeriesThumbnail } from '../study-volumes/series-thumbnail';
import type { SeriesStack } from '../volume-assembly/series-grouping';
import { workerBundlePath } from '../workers/bundle-path';
import { workerErrorToRadGroundError } from '../workers/worker-error';
import type { DicomWorkerRequest, DicomWorkerResponse } from './dicom-worker-protocol';

export interface DicomWorkerPoolOptions {
  /** Worker threads at most (started on demand); default: cores - 1, between 2 and 4. */
  size?: number;
  /** The worker bundle; default workerBundlePath('dicom-worker'). */
  workerScript?: string;
}

interface WorkerHandle {
  worker: Worker;
  outstanding: Set<number>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** Distributive Omit, so each request type keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * DICOM header parsing and frame decoding in a pool of worker threads (dicom-worker-entry.ts), so the
 * thread that serves the UI only posts requests and receives plain data and transferred buffers.
 * Each request goes to an idle worker, else a new one (up to `size`), else the least busy. Errors keep
 * their RadGroundError code. Workers keep the process alive only while they have work.
 */
export class DicomWorkerPool {
  private readonly handles = new Set<WorkerHandle>();
  private readonly pending = new Map<number, Pending>();
  private readonly size: number;
  private nextId = 1;

  constructor(private readonly options: DicomWorkerPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(4, Math.max(2, availableParallelism() - 1)));
  }

  /** readDicomHeader(filePath), in a worker. */
  readHeader(filePath: string): Promise<ParsedDicomInstance> {
    return this.request({ type: 'readHeader', filePath }) as Promise<ParsedDicomInstance>;
  }

  /** readModalityFrames(instance) (read from instance.filePath), in a worker. */
  readModalityFrames(instance: DicomInstance): Promise<Int16Array[] | Float32Array[]> {
    return this.request({ type: 'readModalityFrames', instance }) as Promise<Int16Array[] | Float32Array[]>;
  }

  /** readRgbFrames(instance) (read from instance.filePath), in a worker. */
  readRgbFrames(instance: DicomInstance): Promise<RgbFrame[]> {
    return this.request({ type: 'readRgbFrames', instance }) as Promise<RgbFrame[]>;
  }

  /** seriesThumbnail(stack): the middle image decoded, scaled and PNG-encoded in a worker. */
  thumbnail(stack: SeriesStack, size?: number): Promise<SeriesThumbnail> {
    return this.request({ type: 'thumbnail', stack, ...(size === undefined ? {} : { size }) }) as Promise<SeriesThumbnail>;
  }

  /** readPreviewSlice(stack, k): the viewer's first image decoded in a worker (pixels transferred). */
  previewSlice(stack: SeriesStack, k?: number): Promise<PreviewSlice> {
    return this.request({ type: 'previewSlice', stack, ...(k === undefined ? {} : { k }) }) as Promise<PreviewSlice>;
  }

  /** Stops every worker; outstanding requests fail with INTERNAL. */
  async close(): Promise<void> {
    await Promise.all([...this.handles].map((h) => h.worker.terminate()));
  }

  private request(message: WithoutId<DicomWorkerRequest>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const handle = this.pick();
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      handle.outstanding.add(id);
      handle.worker.ref();
      handle.worker.postMessage({ ...message, id });
    });
  }

  private pick(): WorkerHandle {
    let best: WorkerHandle | null = null;
    for (const h of this.handles) if (!best || h.outstanding.size < best.outstanding.size) best = h;
    if (best && (best.outstanding.size === 0 || this.handles.size >= this.size)) return best;
    return this.spawn();
  }

  private spawn(): WorkerHandle {
    const worker = new Worker(this.options.workerScript ?? workerBundlePath('dicom-worker'));
    const handle: WorkerHandle = { worker, outstanding: new Set() };
    worker.unref();
    worker.on('message', (m: DicomWorkerResponse) => this.onMessage(handle, m));
    const fail = (why: string): void => {
      this.handles.delete(handle);
      for (const id of handle.outstanding) {
        this.pending.get(id)?.reject(new RadGroundError('INTERNAL', `the DICOM worker stopped: ${why}`));
        this.pending.delete(id);
      }
      handle.outstanding.clear();
    };
    worker.on('error', (e) => fail(e instanceof Error ? e.message : String(e)));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    this.handles.add(handle);
    return handle;
  }

  private onMessage(handle: WorkerHandle, m: DicomWorkerResponse): void {
    if (m.type === 'ready') return;
    const p = this.pending.get(m.id);
    this.pending.delete(m.id);
    handle.outstanding.delete(m.id);
    if (handle.outstanding.size === 0) handle.worker.unref();
    if (!p) return;
    if (m.type === 'result') p.resolve(m.value);
    else p.reject(workerErrorToRadGroundError(m.code, m.message));
  }
}

let shared: DicomWorkerPool | null = null;

/** The process's DICOM worker pool (started on first use). */
export function dicomWorkers(): DicomWorkerPool {
  return (shared ??= new DicomWorkerPool());
}
