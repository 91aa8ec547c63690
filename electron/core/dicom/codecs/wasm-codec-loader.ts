import { RadGroundError } from '../../errors/radground-error';
import type { DecodedFrame, WasmDecoder } from './codec-types';

/** Emscripten module options: the codecs' informational chatter (e.g. OpenJPEG "[INFO] ...") is dropped. */
export const QUIET_EMSCRIPTEN_MODULE: Record<string, unknown> = {
  print: () => undefined,
  printErr: () => undefined,
};

/**
 * Loads an Emscripten codec module once, on first use. The packages find their .wasm next to their
 * JavaScript (via __dirname) when run by Node, so nothing is configured here. A failed load is not cached,
 * so a later call can try again.
 */
export function lazyWasmDecoder(
  codecName: string,
  load: () => Promise<new () => unknown>,
): () => Promise<new () => WasmDecoder> {
  let pending: Promise<new () => WasmDecoder> | null = null;
  return () => {
    if (!pending) {
      pending = load().then(
        (ctor) => ctor as new () => WasmDecoder,
        (e: unknown) => {
          pending = null;
          const message = e instanceof Error ? e.message : String(e);
          throw new RadGroundError('INTERNAL', `the ${codecName} decoder failed to load: ${message}`);
        },
      );
    }
    return pending;
  };
}

function describeWasmError(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'number') return `native exception ${e}`;
  return String(e);
}

/** Runs one embind decoder over a compressed frame and copies the samples out of WASM memory. */
export function decodeWithWasm(
  Decoder: new () => WasmDecoder,
  encoded: Uint8Array,
  codecName: string,
  filePath: string,
): DecodedFrame {
  const decoder = new Decoder();
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    try {
      decoder.decode();
    } catch (e) {
      throw new RadGroundError('CORRUPT_INPUT', `${codecName} decoding failed (${describeWasmError(e)}): ${filePath}`, {
        filePath,
      });
    }
    const info = decoder.getFrameInfo();
    if (!(info.width > 0 && info.height > 0 && info.componentCount > 0)) {
      throw new RadGroundError('CORRUPT_INPUT', `${codecName} decoding failed: the compressed frame holds no image: ${filePath}`, {
        filePath,
      });
    }
    const decoded = decoder.getDecodedBuffer();
    const bytesPerSample = info.bitsPerSample > 8 ? 2 : 1;
    const expected = info.width * info.height * info.componentCount * bytesPerSample;
    if (decoded.length < expected) {
      throw new RadGroundError(
        'CORRUPT_INPUT',
        `${codecName} decoder returned ${decoded.length} bytes, expected ${expected}: ${filePath}`,
        { filePath },
      );
    }
    // Copy: the view points into WASM memory, which the next decode reuses.
    const copy = new Uint8Array(expected);
    copy.set(decoded.subarray(0, expected));
    const samples = bytesPerSample === 2 ? new Uint16Array(copy.buffer, 0, expected / 2) : copy;
    return {
      width: info.width,
      height: info.height,
      componentCount: info.componentCount,
      bitsPerSample: info.bitsPerSample,
      samples,
    };
  } finally {
    decoder.delete();
  }
}
