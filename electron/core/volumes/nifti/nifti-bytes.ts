import { readFile } from 'node:fs/promises';
import { gunzip, gunzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import { RadGroundError } from '../../errors/radground-error';

const gunzipAsync = promisify(gunzip);

export type NiftiInput = string | Uint8Array | ArrayBuffer;

function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer) return b.buffer;
  return b.slice().buffer as ArrayBuffer;
}

function asBytes(input: Uint8Array | ArrayBuffer): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

function gzipError(e: unknown): RadGroundError {
  const msg = e instanceof Error ? e.message : String(e);
  return new RadGroundError('CORRUPT_INPUT', `NIfTI file is not valid gzip data (${msg})`);
}

/** Raw (decompressed when gzip) bytes of a .nii / .nii.gz, synchronously. */
export function niftiBytesSync(input: Uint8Array | ArrayBuffer): ArrayBuffer {
  const b = asBytes(input);
  if (!isGzip(b)) return toArrayBuffer(b);
  try {
    return toArrayBuffer(gunzipSync(b));
  } catch (e) {
    throw gzipError(e);
  }
}

/** Raw (decompressed when gzip) bytes of a .nii / .nii.gz path or buffer; gunzip runs off-thread. */
export async function niftiBytes(input: NiftiInput): Promise<ArrayBuffer> {
  let b: Uint8Array;
  if (typeof input === 'string') {
    try {
      b = await readFile(input);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new RadGroundError('NOT_FOUND', `NIfTI file not found: ${input}`);
      throw e;
    }
  } else {
    b = asBytes(input);
  }
  if (!isGzip(b)) return toArrayBuffer(b);
  try {
    return toArrayBuffer(await gunzipAsync(b));
  } catch (e) {
    throw gzipError(e);
  }
}
