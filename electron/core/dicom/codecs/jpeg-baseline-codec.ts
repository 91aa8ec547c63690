import { RadGroundError } from '../../errors/radground-error';
import type { DecodedFrame } from './codec-types';
import { decodeWithWasm, lazyWasmDecoder, QUIET_EMSCRIPTEN_MODULE } from './wasm-codec-loader';

const loadDecoder = lazyWasmDecoder('JPEG baseline', async () => {
  const { default: factory } = await import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs');
  return (await factory(QUIET_EMSCRIPTEN_MODULE)).JPEGDecoder;
});

/** Sample precision from the first SOF marker, or null when none is found. */
export function jpegSamplePrecision(encoded: Uint8Array): number | null {
  let pos = 2;
  while (pos + 4 < encoded.length) {
    if (encoded[pos] !== 0xff) {
      pos++;
      continue;
    }
    const marker = encoded[pos + 1];
    if (marker === 0xff || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += marker === 0xff ? 1 : 2;
      continue;
    }
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return encoded[pos + 4] ?? null;
    if (marker === 0xda) return null; // start of scan before any SOF
    pos += 2 + ((encoded[pos + 2] << 8) | encoded[pos + 3]);
  }
  return null;
}

/** JPEG baseline / extended 8-bit (1.2.840.10008.1.2.4.50 / .51) via libjpeg-turbo compiled to WASM. */
export async function decodeJpegBaseline(encoded: Uint8Array, filePath: string): Promise<DecodedFrame> {
  const precision = jpegSamplePrecision(encoded);
  if (precision !== null && precision > 8) {
    throw new RadGroundError(
      'UNSUPPORTED_INPUT',
      `${precision}-bit JPEG extended (process 4) is not supported; only 8-bit JPEG baseline/extended: ${filePath}`,
      { filePath },
    );
  }
  return decodeWithWasm(await loadDecoder(), encoded, 'JPEG baseline', filePath);
}
