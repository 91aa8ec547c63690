/**
 * A 135-byte WebAssembly module, assembled here by hand, that does the int16 modality rescale eight
 * pixels per instruction (128-bit SIMD). Per 16-bit lane it computes ((x & mask) ^ flip) + add, the same
 * formula as the SWAR fallback in stored-to-modality.ts. Frames are copied through a small scratch area of
 * the module's memory; copying in and out is far cheaper than scalar JavaScript over every pixel.
 *
 * WebAssembly text of the function (params: ptr, n, mask, flip, add):
 *   m = i16x8.splat(mask); x = i16x8.splat(flip); b = i16x8.splat(add); end = ptr + n * 2
 *   loop: if ptr >= end break
 *         v128.store(ptr, i16x8.add(v128.xor(v128.and(v128.load(ptr), m), x), b)); ptr += 16
 */
function leb128(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

function vector(items: number[][]): number[] {
  return [...leb128(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...leb128(body.length), ...body];
}

function name(text: string): number[] {
  return [...leb128(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];
}

const I32 = 0x7f;
const V128 = 0x7b;
const SIMD = 0xfd;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const I16X8_SPLAT = [SIMD, 0x10];
const V128_LOAD = [SIMD, 0x00, 4, 0]; // align 2^4, offset 0
const V128_STORE = [SIMD, 0x0b, 4, 0];
const V128_AND = [SIMD, 0x4e];
const V128_XOR = [SIMD, 0x51];
const I16X8_ADD = [SIMD, 0x8e, 0x01];

function assembleModule(): Uint8Array {
  // params 0 ptr, 1 n, 2 mask, 3 flip, 4 add; locals 5 m, 6 x, 7 b (v128), 8 end (i32)
  const body = [
    ...vector([[3, V128], [1, I32]]),
    LOCAL_GET, 2, ...I16X8_SPLAT, LOCAL_SET, 5,
    LOCAL_GET, 3, ...I16X8_SPLAT, LOCAL_SET, 6,
    LOCAL_GET, 4, ...I16X8_SPLAT, LOCAL_SET, 7,
    LOCAL_GET, 0, LOCAL_GET, 1, 0x41, 1, 0x74 /* i32.shl */, 0x6a /* i32.add */, LOCAL_SET, 8,
    0x02, 0x40, // block
    0x03, 0x40, // loop
    LOCAL_GET, 0, LOCAL_GET, 8, 0x4f /* i32.ge_u */, 0x0d, 1 /* br_if block */,
    LOCAL_GET, 0,
    LOCAL_GET, 0, ...V128_LOAD,
    LOCAL_GET, 5, ...V128_AND,
    LOCAL_GET, 6, ...V128_XOR,
    LOCAL_GET, 7, ...I16X8_ADD,
    ...V128_STORE,
    LOCAL_GET, 0, 0x41, 16, 0x6a, LOCAL_SET, 0,
    0x0c, 0, // br loop
    0x0b, // end loop
    0x0b, // end block
    0x0b, // end function
  ];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([[0x60, ...vector([[I32], [I32], [I32], [I32], [I32]]), 0]])),
    ...section(3, vector([[0]])),
    ...section(5, vector([[0x00, SCRATCH_PAGES]])),
    ...section(7, vector([[...name('memory'), 0x02, 0], [...name('rescale'), 0x00, 0]])),
    ...section(10, vector([[...leb128(body.length), ...body]])),
  ]);
}

/** Samples per pass through scratch memory (256 KiB); the memory has one spare page for the last vector. */
const CHUNK_SAMPLES = 128 * 1024;
const SCRATCH_PAGES = (CHUNK_SAMPLES * 2) / 65536 + 1;

interface SimdKernel {
  scratch: Int16Array;
  scratchBytes: Uint8Array;
  rescale: (ptr: number, n: number, mask: number, flip: number, add: number) => void;
}

/** The slice of the WebAssembly API used here (the Node lib typings in this project omit it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

let kernel: SimdKernel | null | undefined;

function loadKernel(): SimdKernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    const bytes = assembleModule();
    if (wasm && wasm.validate(bytes)) {
      const instance = new wasm.Instance(new wasm.Module(bytes));
      const memory = instance.exports.memory as { buffer: ArrayBuffer };
      kernel = {
        scratch: new Int16Array(memory.buffer, 0, CHUNK_SAMPLES),
        scratchBytes: new Uint8Array(memory.buffer, 0, CHUNK_SAMPLES * 2),
        rescale: instance.exports.rescale as SimdKernel['rescale'],
      };
    }
  } catch {
    kernel = null; // no WebAssembly SIMD here: callers use the scalar path
  }
  return kernel;
}

/**
 * region[i] = ((region[i] & mask) ^ flip) + add (mod 2^16) with SIMD. Returns false, having done nothing,
 * when WebAssembly SIMD is unavailable.
 */
export function rescaleInt16LanesSimd(region: Int16Array, mask: number, flip: number, add: number): boolean {
  const k = loadKernel();
  if (!k) return false;
  const n = region.length;
  for (let at = 0; at < n; at += CHUNK_SAMPLES) {
    const length = Math.min(CHUNK_SAMPLES, n - at);
    const part = region.subarray(at, at + length);
    k.scratch.set(part);
    k.rescale(0, length, mask, flip, add);
    part.set(length === CHUNK_SAMPLES ? k.scratch : k.scratch.subarray(0, length));
  }
  return true;
}

/**
 * dst[i] = ((sample i of `src`) & mask) ^ flip) + add, where `src` holds little-endian 16-bit samples at
 * any byte alignment. One copy into scratch memory and one out, no intermediate buffer. Returns false,
 * having done nothing, when WebAssembly SIMD is unavailable.
 */
export function rescaleInt16LanesSimdFrom(src: Uint8Array, dst: Int16Array, mask: number, flip: number, add: number): boolean {
  const k = loadKernel();
  if (!k) return false;
  const n = dst.length;
  for (let at = 0; at < n; at += CHUNK_SAMPLES) {
    const length = Math.min(CHUNK_SAMPLES, n - at);
    k.scratchBytes.set(src.subarray(at * 2, (at + length) * 2));
    k.rescale(0, length, mask, flip, add);
    dst.set(length === CHUNK_SAMPLES ? k.scratch : k.scratch.subarray(0, length), at);
  }
  return true;
}
