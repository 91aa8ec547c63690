import { Decoder } from 'jpeg-lossless-decoder-js';
import { RadGroundError } from '../../errors/radground-error';
import type { DecodedFrame } from './codec-types';

/** JPEG lossless, process 14 (1.2.840.10008.1.2.4.57 / .70), pure JavaScript. */
export function decodeJpegLossless(encoded: Uint8Array, bitsAllocated: number, filePath: string): DecodedFrame {
  const bytesPerSample = bitsAllocated <= 8 ? 1 : 2;
  const decoder = new Decoder();
  let samples: Uint8Array | Uint16Array;
  try {
    samples = decoder.decode(encoded.buffer as ArrayBuffer, encoded.byteOffset, encoded.length, bytesPerSample);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new RadGroundError('CORRUPT_INPUT', `JPEG lossless decoding failed (${message}): ${filePath}`, { filePath });
  }
  return {
    width: decoder.xDim,
    height: decoder.yDim,
    componentCount: decoder.numComp,
    bitsPerSample: decoder.precision ?? bitsAllocated,
    samples,
  };
}
