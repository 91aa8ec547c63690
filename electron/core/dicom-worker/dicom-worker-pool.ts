import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DicomInstance } from '../dicom/dicom-instance';
import type { RgbFrame } from '../dicom/pixels/read-rgb-frames';
import type { ParsedDicomInstance } from '../dicom/dataset/pixel-data-location';
import type { PreviewSlice } from '../study-volumes/preview-slice';
import type { SeriesThumbnail } from '../study-volumes/series-thumbnail';
import type { SeriesStack } from '../volume-assembly/series-grouping';
import { workerBundlePath } from '../workers/bundle-path';
import { WorkerPool } from '../workers/worker-pool';
import type { DicomWorkerRequest } from './dicom-worker-protocol';

export interface DicomWorkerPoolOptions {
  /** Worker threads at most (started on demand); default: cores - 1, between 2 and 4. */
  size?: number;
  /** The worker bundle; default workerBundlePath('dicom-worker'). */
  workerScript?: string;
}

/**
 * DICOM header parsing and frame decoding in a pool of worker threads (dicom-worker-entry.ts), so the
 * thread that serves the UI only posts requests and receives plain data and transferred buffers.
 * Each request goes to an idle worker, else a new one (up to `size`), else the least busy. Errors keep
 * their RadGroundError code. Workers keep the process alive only while they have work.
 */
export class DicomWorkerPool {
  private readonly pool: WorkerPool<DicomWorkerRequest>;

  constructor(options: DicomWorkerPoolOptions = {}) {
    this.pool = new WorkerPool({
      name: 'the DICOM worker',
      size: Math.max(1, options.size ?? Math.min(4, Math.max(2, availableParallelism() - 1))),
      start: () => new Worker(options.workerScript ?? workerBundlePath('dicom-worker')),
    });
  }

  /** readDicomHeader(filePath), in a worker. */
  readHeader(filePath: string): Promise<ParsedDicomInstance> {
    return this.pool.request({ type: 'readHeader', filePath });
  }

  /** readModalityFrames(instance) (read from instance.filePath), in a worker. */
  readModalityFrames(instance: DicomInstance): Promise<Int16Array[] | Float32Array[]> {
    return this.pool.request({ type: 'readModalityFrames', instance });
  }

  /**
   * readModalityFramesInto(instance, target), in a worker: `target` must be a view of a
   * SharedArrayBuffer (the worker writes into the same memory; nothing is copied or transferred).
   */
  async readModalityFramesInto(instance: DicomInstance, target: Int16Array | Float32Array): Promise<void> {
    await this.pool.request({ type: 'readModalityFramesInto', instance, target });
  }

  /** readRgbFrames(instance) (read from instance.filePath), in a worker. */
  readRgbFrames(instance: DicomInstance): Promise<RgbFrame[]> {
    return this.pool.request({ type: 'readRgbFrames', instance });
  }

  /** seriesThumbnail(stack): the middle image decoded, scaled and PNG-encoded in a worker. */
  thumbnail(stack: SeriesStack, size?: number): Promise<SeriesThumbnail> {
    return this.pool.request({ type: 'thumbnail', stack, ...(size === undefined ? {} : { size }) });
  }

  /** readPreviewSlice(stack, k): the viewer's first image decoded in a worker (pixels transferred). */
  previewSlice(stack: SeriesStack, k?: number): Promise<PreviewSlice> {
    return this.pool.request({ type: 'previewSlice', stack, ...(k === undefined ? {} : { k }) });
  }

  /** Stops every worker; outstanding requests fail with INTERNAL. */
  close(): Promise<void> {
    return this.pool.terminate();
  }
}

let shared: DicomWorkerPool | null = null;

/** The process's DICOM worker pool (started on first use). */
export function dicomWorkers(): DicomWorkerPool {
  return (shared ??= new DicomWorkerPool());
}
