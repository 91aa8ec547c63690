/**
 * The DICOM worker: header parsing (with the bounded inflate of deflated data sets) and frame
 * decoding, off the thread that serves the UI. Started by ../dicom-worker/dicom-worker-pool.ts.
 */
import { parentPort } from 'node:worker_threads';
import { readDicomInstance, readModalityFrames } from '../dicom';
import type { DicomWorkerRequest } from '../dicom-worker/dicom-worker-protocol';
import { lowerThreadPriority } from '../inference/worker/thread-priority';
import { serveRequests, type WorkerPort } from './serve-requests';

if (!parentPort) throw new Error('dicom-worker-entry must run in a worker thread');

/** Like the inference worker: when cores are scarce, decoding yields the CPU to the thread serving the UI. */
const NICE_INCREMENT = 10;
lowerThreadPriority(NICE_INCREMENT);

serveRequests<DicomWorkerRequest>(parentPort as WorkerPort<DicomWorkerRequest>, {
  readHeader: async ({ filePath }) => ({ value: await readDicomInstance(filePath) }),
  readModalityFrames: async ({ instance }) => {
    const frames = await readModalityFrames(instance);
    // Each frame has a buffer of its own (allocated per frame), so all can be transferred.
    return { value: frames, transfer: frames.map((f) => f.buffer as ArrayBuffer) };
  },
});
