import type { DecodedFrame } from './codec-types';
import { decodeWithWasm, lazyWasmDecoder, QUIET_EMSCRIPTEN_MODULE } from './wasm-codec-loader';

const loadDecoder = lazyWasmDecoder('HTJ2K', async () => {
  const { default: factory } = await import('@cornerstonejs/codec-openjph/wasmjs');
  return (await factory(QUIET_EMSCRIPTEN_MODULE)).HTJ2KDecoder;
});

/** High-Throughput JPEG 2000 (1.2.840.10008.1.2.4.201 / .202 / .203) via OpenJPH compiled to WASM. */
export async function decodeHtj2k(encoded: Uint8Array, filePath: string): Promise<DecodedFrame> {
  return decodeWithWasm(await loadDecoder(), encoded, 'HTJ2K', filePath);
}
