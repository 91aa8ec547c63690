import type { DecodedFrame } from './codec-types';
import { assertJpegFrameType, SOF } from './jpeg-frame-header';
import { decodeWithWasm, lazyWasmDecoder, QUIET_EMSCRIPTEN_MODULE } from './wasm-codec-loader';

const loadDecoder = lazyWasmDecoder('JPEG-LS', async () => {
  const { default: factory } = await import('@cornerstonejs/codec-charls/decodewasmjs');
  return (await factory(QUIET_EMSCRIPTEN_MODULE)).JpegLSDecoder;
});

/** JPEG-LS lossless / near-lossless (1.2.840.10008.1.2.4.80 / .81) via CharLS compiled to WASM. */
export async function decodeJpegLs(encoded: Uint8Array, filePath: string): Promise<DecodedFrame> {
  assertJpegFrameType(encoded, [SOF.jpegLs], 'JPEG-LS', filePath);
  return decodeWithWasm(await loadDecoder(), encoded, 'JPEG-LS', filePath);
}
