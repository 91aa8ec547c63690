import { RadGroundError } from '../../errors/radground-error';
import type { DecodedFrame } from './codec-types';
import { JpegFormatError } from './jpeg-dct/huffman';
import { decodeSequentialDct, JpegUnsupportedError } from './jpeg-dct/sequential-dct-decoder';
import { assertJpegFrameType, SOF } from './jpeg-frame-header';

/**
 * 12-bit JPEG extended (process 4, 1.2.840.10008.1.2.4.51), which libjpeg-turbo's 8-bit build cannot read:
 * RadGround's own sequential DCT decoder (no npm package ships one on its own; Cornerstone vendors pdf.js's
 * decoder inside its loader). It uses libjpeg's islow IDCT, so values match DCMTK's dcmdjpeg.
 */
export function decodeJpegExtended12(encoded: Uint8Array, filePath: string): DecodedFrame {
  assertJpegFrameType(encoded, [SOF.baseline, SOF.extended], 'JPEG extended', filePath);
  try {
    const frame = decodeSequentialDct(encoded);
    return { width: frame.width, height: frame.height, componentCount: frame.componentCount, bitsPerSample: frame.precision, samples: frame.samples };
  } catch (e) {
    if (e instanceof JpegUnsupportedError) {
      throw new RadGroundError('UNSUPPORTED_INPUT', `12-bit JPEG: ${e.message}: ${filePath}`, { filePath });
    }
    if (e instanceof JpegFormatError) {
      throw new RadGroundError('CORRUPT_INPUT', `12-bit JPEG decoding failed (${e.message}): ${filePath}`, { filePath });
    }
    throw e;
  }
}
