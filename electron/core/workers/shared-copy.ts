import { yieldToEventLoop } from './yield-to-event-loop';

type TypedArray = Int16Array | Uint16Array | Float32Array | Float64Array | Uint8Array | Int8Array | Int32Array | Uint32Array;

const CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Copies a typed array into a SharedArrayBuffer a few MiB at a time, yielding to the event loop
 * between chunks: a volume of hundreds of MiB reaches a worker without one long copy on the thread
 * that serves the UI (a structured clone or `.slice()` would copy it in one go). The copy is the
 * worker's to read; the source stays the caller's.
 */
export async function copyToShared<T extends TypedArray>(source: T): Promise<T> {
  const Ctor = source.constructor as { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };
  const buffer = new SharedArrayBuffer(source.byteLength);
  const target = new Ctor(buffer);
  const step = Math.max(1, Math.floor(CHUNK_BYTES / Ctor.BYTES_PER_ELEMENT));
  for (let start = 0; start < source.length; start += step) {
    if (start > 0) await yieldToEventLoop();
    target.set(source.subarray(start, start + step), start);
  }
  return target;
}
