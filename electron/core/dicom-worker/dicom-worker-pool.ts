import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DicomInstance } from '../dicom/dicom-instance';
import type { RgbFrame } from '../dicom/pixels/read-rgb-frames';
import type { ParsedDicomInstance } from '../dicom/dataset/pixel-data-location';
import type { PreviewSlice } from '../study-volumes/preview-slice';
import type { SeriesThumbnail } from '../study-volumes/series-thumbnail';
import type { KeyImagePixelsInput } from '../reports/exports/key-image-pixels';
import { topLevelBuffers, type Dataset } from '../standards/dcmjs-writer';
import type { SeriesStack } from '../volume-assembly/series-grouping';
import { workerBundlePath } from '../workers/bundle-path';
import { WorkerPool } from '../workers/worker-pool';
import type { DicomWorkerRequest } from './dicom-worker-protocol';

/**
 * Each worker thread's V8 young generation at most, in MiB. A worker's requests are one file's work
 * each, and what they put on its JS heap (header fields, small arrays; pixels live in buffers outside
 * it) dies young: by default the young generation grows to several MiB per worker, resident for as
 * long as the worker lives. Measured on opening A0001 in a new host (one worker): host peak ~1.5 MiB
 * lower in 3 of 4 runs; header parsing and JPEG 2000 volume times unchanged within the noise.
 */
const YOUNG_GENERATION_MB = 1;

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
      start: () => new Worker(options.workerScript ?? workerBundlePath('dicom-worker'), { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }),
    });
  }

  /** Worker threads alive now. */
  get threadCount(): number {
    return this.pool.threadCount;
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
   * `maxWorkers`: start another worker for it only while fewer run (WorkerRequestOptions).
   */
  async readModalityFramesInto(instance: DicomInstance, target: Int16Array | Float32Array, options: { maxWorkers?: number } = {}): Promise<void> {
    await this.pool.request({ type: 'readModalityFramesInto', instance, target }, options);
  }

  /** readRgbFrames(instance) (read from instance.filePath), in a worker. */
  readRgbFrames(instance: DicomInstance): Promise<RgbFrame[]> {
    return this.pool.request({ type: 'readRgbFrames', instance });
  }

  /**
   * seriesThumbnail(stack): the middle image decoded, scaled and PNG-encoded in a worker. One image:
   * it starts a worker only where none runs (ONE_IMAGE).
   */
  thumbnail(stack: SeriesStack, size?: number): Promise<SeriesThumbnail> {
    return this.pool.request({ type: 'thumbnail', stack, ...(size === undefined ? {} : { size }) }, ONE_IMAGE);
  }

  /**
   * readPreviewSlice(stack, k): the viewer's first image decoded in a worker (pixels transferred).
   * One image: it starts a worker only where none runs (ONE_IMAGE).
   */
  previewSlice(stack: SeriesStack, k?: number): Promise<PreviewSlice> {
    return this.pool.request({ type: 'previewSlice', stack, ...(k === undefined ? {} : { k }) }, ONE_IMAGE);
  }

  /**
   * An export's key image rendered and PNG-encoded in a worker. `input.slice` is transferred: pass
   * a copy of its own (keyImagePixelsInput(..., true)), never a view of a volume still in use. One
   * image: it starts a worker only where none runs (ONE_IMAGE).
   */
  async keyImagePng(input: KeyImagePixelsInput): Promise<Buffer> {
    const png = await this.pool.request<Uint8Array>({ type: 'keyImagePng', input }, { transfer: [input.slice.buffer as ArrayBuffer], ...ONE_IMAGE });
    return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  }

  /**
   * writePart10(dataset) in a worker (dcmjs's writer is synchronous and takes ~0.1 s for a SEG of a
   * few MB). The data set's top-level buffers (its pixel data: topLevelBuffers) are transferred: the caller must
   * not use them afterwards. One file: it starts a worker only where none runs (ONE_IMAGE).
   */
  async writePart10(dataset: Dataset): Promise<Buffer> {
    const file = await this.pool.request<Uint8Array>({ type: 'writePart10', dataset }, { transfer: topLevelBuffers(dataset), ...ONE_IMAGE });
    return Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  }

  /**
   * readPart10File(filePath, maxBytes) in a worker: the file read, hashed and parsed by dcmjs there
   * (~0.2 s for a SEG of a few MB), the data set's buffers transferred back. One file: it starts a
   * worker only where none runs (ONE_IMAGE).
   */
  readPart10File(filePath: string, maxBytes: number): Promise<{ ds: Dataset; digest: string } | null> {
    return this.pool.request({ type: 'readPart10File', filePath, maxBytes }, ONE_IMAGE);
  }

  /** Stops every worker; outstanding requests fail with INTERNAL. */
  close(): Promise<void> {
    return this.pool.terminate();
  }
}

/**
 * Requests that decode one image (a thumbnail, the viewer's first image) queue on a running worker
 * rather than start another: every request to this pool is one file's work, so the wait is short,
 * where a worker thread started for it would take as long to start and stay resident (~11 MiB) for
 * as long as it lives. Opening a study in a host with no worker yet, its series thumbnail and its
 * first image would otherwise start two.
 */
const ONE_IMAGE = { maxWorkers: 1 };

let shared: DicomWorkerPool | null = null;

/** The process's DICOM worker pool (started on first use). */
export function dicomWorkers(): DicomWorkerPool {
  return (shared ??= new DicomWorkerPool());
}
