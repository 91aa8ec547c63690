import { RadGroundError } from '../../errors/radground-error';
import type { DecodedFrame } from './codec-types';
import { JpegFormatError } from './jpeg-dct/huffman';
import { decodeSequentialDct, JpegUnsupportedError } from './jpeg-dct/sequential-dct-decoder';
import { assertJpegFrameType, SOF } from './jpeg-frame-header';

/**
 * Sequential DCT JPEG through RadGround's own decoder: 12-bit JPEG extended (process 4,
 * 1.2.840.10008.1.2.4.51), which libjpeg-turbo's 8-bit build cannot read, and 8-bit data whose stored
 * components are wanted (no color conversion). No npm package ships such a decoder on its own (Cornerstone
 * vendors pdf.js's inside its loader). It uses libjpeg's islow IDCT and upsampling, so values match DCMTK's
 * dcmdjpeg; the result is 8- or 12-bit samples in a Uint16Array.
 */
export function decodeSequentialJpeg(encoded: Uint8Array, filePath: string): DecodedFrame {
  assertJpegFrameType(encoded, [SOF.baseline, SOF.extended], 'JPEG extended', filePath);
  try {
    const frame = decodeSequentialDct(encoded);
    return { width: frame.width, height: frame.height, componentCount: frame.componentCount, bitsPerSample: frame.precision, samples: frame.samples };
  } catch (e) {
    if (e instanceof JpegUnsupportedError) {
      throw new RadGroundError('UNSUPPORTED_INPUT', `JPEG (sequential DCT decoder): ${e.message}: ${filePath}`, { filePath });
    }
    if (e instanceof JpegFormatError) {
      throw new RadGroundError('CORRUPT_INPUT', `JPEG decoding failed (${e.message}): ${filePath}`, { filePath });
    }
    throw e;
  }
}
