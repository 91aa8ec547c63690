import { binaryFramePayloadOffset } from '../../../electron/shared/api/binary-frame';

/** Bytes read at a time through a BYOB reader: one scratch buffer, reused for every read of a body and kept for the next body. */
const SCRATCH_BYTES = 256 * 1024;
/**
 * Scratch buffers of bodies already read (or given up), for the next ones (bodies read at once take one each).
 * A volume streams in many answers: a new scratch for each was left behind for the garbage collector
 * (measured on A0001, 9 chunk answers: the renderer's peak ~1 MiB lower with them kept).
 */
const spareScratch: ArrayBuffer[] = [];
const MAX_SPARE_SCRATCH = 2;
/** A frame header is a small JSON object; a longer one means the body is not a frame. */
const MAX_HEADER_BYTES = 1024 * 1024;

/**
 * Reads a binary frame (electron/shared/api/binary-frame.ts) from a response body as it arrives
 * and writes its payload straight into the bytes `destination(header)` gives for it: no buffer of
 * the whole body, no copy of it. Through a BYOB reader the body is read into one small scratch
 * buffer, reused and kept for the next body (nothing is allocated per read); where the stream has no BYOB reader its own
 * chunks are copied over. Throws (the body cancelled) when the body is not a frame, ends before
 * the destination is full, or holds more than it.
 */
export async function readBinaryFrameInto(body: ReadableStream<Uint8Array>, destination: (header: unknown) => Uint8Array): Promise<{ header: unknown }> {
  const next = chunkReader(body);
  try {
    // The prefix, [u32 LE header length][header JSON][padding to 8], may be split across reads.
    let prefix: Uint8Array = new Uint8Array(0);
    let need = 4;
    let rest: Uint8Array = new Uint8Array(0);
    while (prefix.length < need) {
      const chunk = await next.read();
      if (!chunk) throw new Error('binary frame ended inside its header');
      rest = chunk;
      while (rest.length && prefix.length < need) {
        const take = Math.min(rest.length, need - prefix.length);
        prefix = concat(prefix, rest.subarray(0, take));
        rest = rest.subarray(take);
        if (need === 4 && prefix.length === 4) {
          const length = new DataView(prefix.buffer).getUint32(0, true);
          if (length > MAX_HEADER_BYTES) throw new Error(`binary frame header of ${length} bytes`);
          need = binaryFramePayloadOffset(length);
        }
      }
    }
    const headerLength = new DataView(prefix.buffer).getUint32(0, true);
    const header: unknown = JSON.parse(new TextDecoder().decode(prefix.subarray(4, 4 + headerLength)));
    const target = destination(header);
    let written = 0;
    const write = (bytes: Uint8Array) => {
      if (written + bytes.length > target.length) throw new Error(`binary frame payload exceeds the ${target.length} bytes expected`);
      target.set(bytes, written);
      written += bytes.length;
    };
    write(rest); // the payload's first bytes, read with the prefix
    for (let c = await next.read(); c; c = await next.read()) write(c);
    if (written !== target.length) throw new Error(`binary frame payload ended after ${written} of ${target.length} bytes`);
    return { header };
  } catch (e) {
    await next.cancel(e);
    throw e;
  } finally {
    next.release();
  }
}

interface ChunkReader {
  /** The next bytes (valid until the next call), or null at the end. */
  read(): Promise<Uint8Array | null>;
  cancel(reason: unknown): Promise<void>;
  release(): void;
}

function chunkReader(body: ReadableStream<Uint8Array>): ChunkReader {
  let byob: ReadableStreamBYOBReader | null;
  try {
    byob = body.getReader({ mode: 'byob' });
  } catch {
    byob = null; // not a byte stream
  }
  if (byob) {
    const reader = byob;
    let scratch: ArrayBuffer | null = spareScratch.pop() ?? new ArrayBuffer(SCRATCH_BYTES);
    return {
      read: async () => {
        // The read transfers `scratch` and hands it back (same memory) under the answer's view.
        const { value, done } = await reader.read(new Uint8Array(scratch!));
        scratch = value ? value.buffer : null;
        return done ? null : (value ?? null);
      },
      cancel: (reason) => reader.cancel(reason).catch(() => undefined),
      release: () => {
        reader.releaseLock();
        // Kept for the next frame read (a volume is read in many): none left behind per answer.
        if (scratch && scratch.byteLength === SCRATCH_BYTES && spareScratch.length < MAX_SPARE_SCRATCH) spareScratch.push(scratch);
        scratch = null;
      },
    };
  }
  const reader = body.getReader();
  return {
    read: async () => {
      const { value, done } = await reader.read();
      return done ? null : (value ?? new Uint8Array(0));
    },
    cancel: (reason) => reader.cancel(reason).catch(() => undefined),
    release: () => reader.releaseLock(),
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (!b.length) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
