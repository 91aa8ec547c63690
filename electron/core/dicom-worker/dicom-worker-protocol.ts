import type { DicomInstance } from '../dicom/dicom-instance';
import type { KeyImagePixelsInput } from '../reports/exports/key-image-pixels';
import type { Dataset } from '../standards/dcmjs-writer';
import type { SeriesStack } from '../volume-assembly/series-grouping';
import type { WorkerAnswer } from '../workers/worker-pool';

/**
 * Requests to the DICOM worker (electron/core/workers/dicom-worker-entry.ts), served one at a time
 * per worker by serve-requests.ts:
 * - `readHeader`: readDicomHeader of one file (header parse, incl. the bounded inflate of a
 *   deflated data set); the answer is the ParsedDicomInstance, plain data.
 * - `readModalityFrames`: every frame of one instance decoded to modality values; the answer is one
 *   Int16Array or Float32Array per frame, their buffers transferred.
 * - `readModalityFramesInto`: the same frames decoded into `target` (one after the other from its
 *   start), a view of a SharedArrayBuffer the caller owns: nothing is allocated or sent back.
 * - `readRgbFrames`: every frame of one color instance as RGB samples; their buffers transferred.
 * - `thumbnail`: seriesThumbnail of a stack (its middle image decoded, scaled, PNG-encoded); the answer
 *   is `{ png, width, height }`.
 * - `previewSlice`: readPreviewSlice of a stack (one image decoded, its window); the answer is the
 *   PreviewSlice, its pixels' buffer transferred.
 * - `keyImagePng`: an export's key image (windowing, outlines, PNG encoding) from its pixel input
 *   (the slice transferred in); the answer is the PNG file's bytes, transferred.
 * - `writePart10`: writePart10 of a naturalized data set (an exported SR or SEG; its pixel data
 *   transferred in); the answer is the file's bytes, transferred.
 * - `readPart10File`: readPart10File of a file (read, SHA-256 of its bytes, parsed by dcmjs): an
 *   imported SR or SEG; the answer is `{ ds, digest }` (its top-level buffers transferred) or null.
 */
export type DicomWorkerRequest =
  | { type: 'readHeader'; id: number; filePath: string }
  | { type: 'readModalityFrames'; id: number; instance: DicomInstance }
  | { type: 'readModalityFramesInto'; id: number; instance: DicomInstance; target: Int16Array | Float32Array }
  | { type: 'readRgbFrames'; id: number; instance: DicomInstance }
  | { type: 'thumbnail'; id: number; stack: SeriesStack; size?: number }
  | { type: 'previewSlice'; id: number; stack: SeriesStack; k?: number }
  | { type: 'keyImagePng'; id: number; input: KeyImagePixelsInput }
  | { type: 'writePart10'; id: number; dataset: Dataset }
  | { type: 'readPart10File'; id: number; filePath: string; maxBytes: number };

/** The answers (serve-requests.ts): `ready`, then a `result` or an `error` per request; no progress. */
export type DicomWorkerResponse = WorkerAnswer;
