import type { DicomInstance } from '../dicom/dicom-instance';

/**
 * Requests to the DICOM worker (electron/core/workers/dicom-worker-entry.ts), served one at a time
 * per worker by serve-requests.ts:
 * - `readHeader`: readDicomInstance of one file (header parse, incl. the bounded inflate of a
 *   deflated data set); the answer is the ParsedDicomInstance, plain data.
 * - `readModalityFrames`: every frame of one instance decoded to modality values; the answer is one
 *   Int16Array or Float32Array per frame, their buffers transferred.
 */
export type DicomWorkerRequest =
  | { type: 'readHeader'; id: number; filePath: string }
  | { type: 'readModalityFrames'; id: number; instance: DicomInstance };

export type DicomWorkerResponse =
  | { type: 'ready' }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; code: string; message: string };
