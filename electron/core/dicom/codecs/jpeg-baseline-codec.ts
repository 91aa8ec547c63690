import type { DecodedFrame } from './codec-types';
import { decodeJpegExtended12 } from './jpeg-extended-codec';
import { assertJpegFrameType, SOF } from './jpeg-frame-header';
import { decodeWithWasm, lazyWasmDecoder, QUIET_EMSCRIPTEN_MODULE } from './wasm-codec-loader';

const loadDecoder = lazyWasmDecoder('JPEG baseline', async () => {
  const { default: factory } = await import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs');
  return (await factory(QUIET_EMSCRIPTEN_MODULE)).JPEGDecoder;
});

/**
 * JPEG baseline / extended (1.2.840.10008.1.2.4.50 / .51): 8-bit via libjpeg-turbo compiled to WASM, 12-bit
 * (process 4) via RadGround's own decoder.
 */
export async function decodeJpegBaseline(encoded: Uint8Array, filePath: string): Promise<DecodedFrame> {
  // Baseline (.50) and extended (.51) data is SOF0 or SOF1; libjpeg-turbo also reads progressive SOF2.
  const { precision } = assertJpegFrameType(encoded, [SOF.baseline, SOF.extended, SOF.progressive], 'JPEG baseline/extended', filePath);
  if (precision > 8) return decodeJpegExtended12(encoded, filePath);
  return decodeWithWasm(await loadDecoder(), encoded, 'JPEG baseline', filePath);
}
