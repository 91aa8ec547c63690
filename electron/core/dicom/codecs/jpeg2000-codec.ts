import type { DecodedFrame } from './codec-types';
import { decodeWithWasm, lazyWasmDecoder, QUIET_EMSCRIPTEN_MODULE } from './wasm-codec-loader';

const loadDecoder = lazyWasmDecoder('JPEG 2000', async () => {
  const { default: factory } = await import('@cornerstonejs/codec-openjpeg/decodewasmjs');
  return (await factory(QUIET_EMSCRIPTEN_MODULE)).J2KDecoder;
});

/** JPEG 2000 (1.2.840.10008.1.2.4.90 / .91) via OpenJPEG compiled to WASM. */
export async function decodeJpeg2000(encoded: Uint8Array, filePath: string): Promise<DecodedFrame> {
  return decodeWithWasm(await loadDecoder(), encoded, 'JPEG 2000', filePath);
}
