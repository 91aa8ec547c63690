import { Decoder } from 'jpeg-lossless-decoder-js';
import { RadGroundError } from '../../errors/radground-error';
import type { DecodedFrame } from './codec-types';
import { assertJpegFrameType, SOF } from './jpeg-frame-header';

/**
 * The frame with one zero byte between the entropy-coded data and EOI. jpeg-lossless-decoder-js reads one
 * byte ahead and treats the marker as reached when the last Huffman code ends exactly on the byte before
 * EOI, so it never outputs the final sample (it stays 0; e.g. -2048 HU padding came out as -1024). The
 * decoder stops after Rows x Columns samples, so the extra byte is never decoded. Fragments may carry
 * trailing zero padding after EOI; the copy ends at EOI.
 */
function withByteBeforeEoi(encoded: Uint8Array): Uint8Array {
  let end = encoded.length;
  while (end > 2 && encoded[end - 1] === 0) end--;
  if (end < 4 || encoded[end - 2] !== 0xff || encoded[end - 1] !== 0xd9) return encoded; // no EOI: decoded as is, then checked
  const padded = new Uint8Array(end + 1);
  padded.set(encoded.subarray(0, end - 2), 0);
  padded[end - 2] = 0x00;
  padded[end - 1] = 0xff;
  padded[end] = 0xd9;
  return padded;
}

/**
 * T.81 predictor 7 is the integer (Ra + Rb) >> 1; jpeg-lossless-decoder-js divides without truncating, so
 * every later sample of a selection-value-7 stream drifts by one here and there (dcmcjpeg +el +sv 7 on CT:
 * -1023 for -1024). The instance method replaces the prototype's before decode() picks its selector.
 */
function withIntegerPredictor7(decoder: Decoder): Decoder {
  decoder.select7 = (compOffset) => (decoder.getPreviousX(compOffset) + decoder.getPreviousY(compOffset)) >> 1;
  return decoder;
}

/**
 * decode() picks pixel-interleaved accessors for three components only when samples are 8 bits; above 8 it
 * takes the single-component ones, so a 16-bit color stream overwrote one sample per pixel. Once decode()
 * has read the scan header these instance methods route three-component data to the interleaved accessors
 * (the output array is a Uint16Array then, so full 16-bit values fit).
 */
function withWideColor(decoder: Decoder): Decoder {
  const { getValue8, setValue8, outputSingle, getValueRGB, setValueRGB, outputRGB } = Decoder.prototype;
  decoder.getValue8 = function (index, compOffset = 0) {
    return this.numComp === 3 ? getValueRGB.call(this, index, compOffset) : getValue8.call(this, index);
  };
  decoder.setValue8 = function (index, value, compOffset = 0) {
    if (this.numComp === 3) setValueRGB.call(this, index, value, compOffset);
    else setValue8.call(this, index, value);
  };
  decoder.outputSingle = function (pred) {
    if (this.numComp === 3) outputRGB.call(this, pred);
    else outputSingle.call(this, pred);
  };
  return decoder;
}

/** JPEG lossless, process 14 (1.2.840.10008.1.2.4.57 / .70), pure JavaScript. */
export function decodeJpegLossless(encoded: Uint8Array, bitsAllocated: number, filePath: string): DecodedFrame {
  // The decoder accepts any SOF0..SOF7 and would run lossless prediction over baseline DCT data.
  assertJpegFrameType(encoded, [SOF.lossless], 'JPEG lossless', filePath);
  const bytesPerSample = bitsAllocated <= 8 ? 1 : 2;
  const decoder = withWideColor(withIntegerPredictor7(new Decoder()));
  const input = withByteBeforeEoi(encoded);
  let samples: Uint8Array | Uint16Array;
  try {
    samples = decoder.decode(input.buffer as ArrayBuffer, input.byteOffset, input.length, bytesPerSample);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new RadGroundError('CORRUPT_INPUT', `JPEG lossless decoding failed (${message}): ${filePath}`, { filePath });
  }
  if (decoder.numComp !== 1 && decoder.numComp !== 3) {
    throw new RadGroundError('UNSUPPORTED_INPUT', `JPEG lossless with ${decoder.numComp} components is not supported (1 or 3): ${filePath}`, {
      filePath,
    });
  }
  // After the last sample the decoder's position wraps to the start of row yDim; anything short of that
  // means the stream ended early and the remaining samples were left at 0.
  if (decoder.yLoc < decoder.yDim) {
    throw new RadGroundError(
      'CORRUPT_INPUT',
      `JPEG lossless stream ends before its last sample (row ${decoder.yLoc}, column ${decoder.xLoc} of ` +
        `${decoder.xDim}x${decoder.yDim}): ${filePath}`,
      { filePath },
    );
  }
  return {
    width: decoder.xDim,
    height: decoder.yDim,
    componentCount: decoder.numComp,
    bitsPerSample: decoder.precision ?? bitsAllocated,
    // Above 8 bits the decoder allocates bytes-per-sample times too many 16-bit entries: keep the frame's.
    samples: samples.subarray(0, decoder.xDim * decoder.yDim * decoder.numComp),
  };
}
