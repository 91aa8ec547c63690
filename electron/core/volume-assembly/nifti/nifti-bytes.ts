import { readFile } from 'node:fs/promises';
import { constants, gunzip, gunzipSync, type ZlibOptions } from 'node:zlib';
import { promisify } from 'node:util';
import { isOutputLimitError } from '../../dicom/dataset/bounded-inflate';
import { RadGroundError } from '../../errors/radground-error';

const gunzipAsync = promisify<Uint8Array, ZlibOptions, Buffer>(gunzip);

export type NiftiInput = string | Uint8Array | ArrayBuffer;

/** The largest NIfTI header (NIfTI-2: 540 bytes, then 4 extension bytes). */
export const NIFTI_HEADER_BYTES = 544;
/** Compressed prefixes tried for the header, and the most the header pass may inflate. */
const HEADER_INPUT_STEPS = [4 * 1024, 64 * 1024, 1024 * 1024];
const HEADER_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/**
 * The bytes as an ArrayBuffer of exactly their length. A copy unless they already are one whole buffer
 * (`Uint8Array.prototype.slice`, not Buffer's, whose slice is a view whose .buffer may be a shared pool).
 */
export function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer) return b.buffer;
  return Uint8Array.prototype.slice.call(b).buffer;
}

export function asBytes(input: Uint8Array | ArrayBuffer): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

function gzipError(e: unknown): RadGroundError {
  const msg = e instanceof Error ? e.message : String(e);
  return new RadGroundError('CORRUPT_INPUT', `NIfTI file is not valid gzip data (${msg})`);
}

/** The file's bytes as stored (still compressed for .nii.gz). */
export async function niftiFileBytes(input: NiftiInput): Promise<Uint8Array> {
  if (typeof input !== 'string') return asBytes(input);
  try {
    return await readFile(input);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RadGroundError('NOT_FOUND', `NIfTI file not found: ${input}`);
    throw e;
  }
}

/**
 * At least the first NIFTI_HEADER_BYTES of the decompressed stream (fewer only when the whole stream is
 * shorter), inflating growing prefixes of the compressed input so a bomb behind the header is never expanded.
 */
export function gunzipHead(b: Uint8Array): Uint8Array {
  let out: Uint8Array = new Uint8Array(0);
  for (const inputBytes of HEADER_INPUT_STEPS) {
    try {
      out = gunzipSync(b.subarray(0, inputBytes), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: HEADER_MAX_OUTPUT_BYTES });
    } catch (e) {
      if (isOutputLimitError(e)) {
        throw new RadGroundError('CORRUPT_INPUT', `NIfTI header inflates past ${HEADER_MAX_OUTPUT_BYTES} bytes`, { limitBytes: HEADER_MAX_OUTPUT_BYTES });
      }
      throw gzipError(e);
    }
    if (out.length >= NIFTI_HEADER_BYTES || b.length <= inputBytes) return out;
  }
  return out;
}

function limitError(limitBytes: number, why: string): RadGroundError {
  return new RadGroundError('CORRUPT_INPUT', `NIfTI data inflates past ${limitBytes} bytes (${why})`, { limitBytes });
}

/** The whole decompressed stream, refused (CORRUPT_INPUT naming the limit) as soon as it passes `limitBytes`. */
export function gunzipBoundedSync(b: Uint8Array, limitBytes: number, why: string): Uint8Array {
  try {
    return gunzipSync(b, { maxOutputLength: limitBytes });
  } catch (e) {
    throw isOutputLimitError(e) ? limitError(limitBytes, why) : gzipError(e);
  }
}

/** gunzipBoundedSync off the main thread (zlib's thread pool). */
export async function gunzipBounded(b: Uint8Array, limitBytes: number, why: string): Promise<Uint8Array> {
  try {
    return await gunzipAsync(b, { maxOutputLength: limitBytes });
  } catch (e) {
    throw isOutputLimitError(e) ? limitError(limitBytes, why) : gzipError(e);
  }
}
