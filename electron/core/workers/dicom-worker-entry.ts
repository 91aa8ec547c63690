/**
 * The DICOM worker: header parsing (with the bounded inflate of deflated data sets), frame decoding,
 * color frames, series thumbnails, the viewer's first image, exports' key images, the writing of
 * exported SR/SEG files and the reading of imported ones, off the thread that serves the UI. Started by ../dicom-worker/dicom-worker-pool.ts.
 */
import { parentPort } from 'node:worker_threads';
import { readDicomHeader, readModalityFrames, readModalityFramesInto, readRgbFrames } from '../dicom';
import type { DicomWorkerRequest } from '../dicom-worker/dicom-worker-protocol';
import { lowerThreadPriority, WORKER_NICE_INCREMENT } from '../inference/worker/thread-priority';
import { renderKeyImagePixelsPng } from '../reports/exports/key-image-pixels';
import { readPart10File, topLevelBuffers, writePart10 } from '../standards/dcmjs-writer';
import { readPreviewSlice } from '../study-volumes/preview-slice';
import { seriesThumbnail } from '../study-volumes/series-thumbnail';
import { serveRequests } from './serve-requests';

if (!parentPort) throw new Error('dicom-worker-entry must run in a worker thread');

lowerThreadPriority(WORKER_NICE_INCREMENT);

serveRequests<DicomWorkerRequest>(parentPort, {
  readHeader: async ({ filePath }) => ({ value: await readDicomHeader(filePath) }),
  readModalityFrames: async ({ instance }) => {
    const frames = await readModalityFrames(instance);
    // Each frame has a buffer of its own (allocated per frame), so all can be transferred.
    return { value: frames, transfer: frames.map((f) => f.buffer as ArrayBuffer) };
  },
  // `target` is a view of the caller's SharedArrayBuffer: the frames are written there, nothing is sent back.
  readModalityFramesInto: async ({ instance, target }) => {
    await readModalityFramesInto(instance, target);
    return { value: null };
  },
  readRgbFrames: async ({ instance }) => {
    const frames = await readRgbFrames(instance);
    const buffers = new Set(frames.map((f) => f.samples.buffer as ArrayBuffer)); // frames may share one
    return { value: frames, transfer: [...buffers] };
  },
  // The PNG is a few KiB and may sit in a shared Buffer pool: copied, not transferred.
  thumbnail: async ({ stack, size }) => ({ value: await seriesThumbnail(stack, size) }),
  previewSlice: async ({ stack, k }) => {
    const slice = await readPreviewSlice(stack, k);
    // The pixels are one frame of readModalityFrames, each allocated on its own: transferable.
    return { value: slice, transfer: [slice.pixels.buffer as ArrayBuffer] };
  },
  keyImagePng: async ({ input }) => {
    // A copy of its own (a PNG of a few hundred KiB could still share a pooled buffer): transferable.
    const png = new Uint8Array(renderKeyImagePixelsPng(input));
    return { value: png, transfer: [png.buffer] };
  },
  writePart10: async ({ dataset }) => {
    const file = await writePart10(dataset);
    // dcmjs's own ArrayBuffer, wrapped whole: transferable as is; anything else is copied first.
    const own = file.byteOffset === 0 && file.byteLength === file.buffer.byteLength ? new Uint8Array(file.buffer) : new Uint8Array(file);
    return { value: own, transfer: [own.buffer as ArrayBuffer] };
  },
  readPart10File: async ({ filePath, maxBytes }) => {
    const file = await readPart10File(filePath, maxBytes);
    // dcmjs read the file from a copy of its own: the data set's buffers are nobody else's.
    return { value: file, transfer: file ? topLevelBuffers(file.ds) : [] };
  },
});
