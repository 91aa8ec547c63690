import type { DecodedFrame } from './codec-types';
import { decodeSequentialJpeg } from './jpeg-extended-codec';
import { assertJpegFrameType, SOF } from './jpeg-frame-header';
import { decodeWithWasm, lazyWasmDecoder, QUIET_EMSCRIPTEN_MODULE } from './wasm-codec-loader';

const loadDecoder = lazyWasmDecoder('JPEG baseline', async () => {
  const { default: factory } = await import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs');
  return (await factory(QUIET_EMSCRIPTEN_MODULE)).JPEGDecoder;
});

/**
 * JPEG baseline / extended (1.2.840.10008.1.2.4.50 / .51): 8-bit via libjpeg-turbo compiled to WASM (color
 * comes out as RGB), 12-bit (process 4) via RadGround's own decoder (color comes out as stored YCbCr).
 * `storedComponents` asks for the stored components of 8-bit data too (RadGround's decoder): for YCbCr that is
 * not full range, which libjpeg-turbo's conversion would misread.
 */
export async function decodeJpegBaseline(encoded: Uint8Array, filePath: string, storedComponents = false): Promise<DecodedFrame> {
  // Baseline (.50) and extended (.51) data is SOF0 or SOF1; libjpeg-turbo also reads progressive SOF2.
  const { precision } = assertJpegFrameType(encoded, [SOF.baseline, SOF.extended, SOF.progressive], 'JPEG baseline/extended', filePath);
  if (precision > 8 || storedComponents) return decodeSequentialJpeg(encoded, filePath);
  return decodeWithWasm(await loadDecoder(), encoded, 'JPEG baseline', filePath);
}
