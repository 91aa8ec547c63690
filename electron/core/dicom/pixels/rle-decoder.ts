import { RadGroundError } from '../../errors/radground-error';

/**
 * DICOM RLE Lossless (PS3.5 Annex G). A frame is a 64-byte header (segment count, then 15 segment offsets)
 * followed by PackBits-compressed segments: one per byte of each sample, most significant byte first, and
 * per sample in color order. The result is the frame as native little-endian bytes (interleaved color,
 * planar configuration 0).
 */
export function decodeRleFrame(
  encoded: Uint8Array,
  rows: number,
  columns: number,
  samplesPerPixel: number,
  bitsAllocated: number,
  filePath: string,
): Uint8Array {
  const corrupt = (message: string): RadGroundError =>
    new RadGroundError('CORRUPT_INPUT', `RLE: ${message}: ${filePath}`, { filePath });
  if (bitsAllocated % 8 !== 0) throw corrupt(`Bits Allocated ${bitsAllocated} is not a whole number of bytes`);
  const bytesPerSample = bitsAllocated / 8;
  const pixels = rows * columns;
  const expectedSegments = bytesPerSample * samplesPerPixel;
  if (encoded.length < 64) throw corrupt(`frame is ${encoded.length} bytes, shorter than the 64-byte RLE header`);
  const view = new DataView(encoded.buffer, encoded.byteOffset, 64);
  const segmentCount = view.getUint32(0, true);
  if (segmentCount !== expectedSegments) {
    throw corrupt(`${segmentCount} segments, expected ${expectedSegments} for ${samplesPerPixel} sample(s) of ${bitsAllocated} bits`);
  }
  const offsets: number[] = [];
  for (let s = 0; s < segmentCount; s++) offsets.push(view.getUint32(4 + 4 * s, true));

  const pixelStride = bytesPerSample * samplesPerPixel;
  const out = new Uint8Array(pixels * pixelStride);
  for (let s = 0; s < segmentCount; s++) {
    const start = offsets[s]!;
    const end = s + 1 < segmentCount ? offsets[s + 1]! : encoded.length;
    if (start < 64 || end > encoded.length || start > end) {
      throw corrupt(`segment ${s} offset ${start} is outside the frame (${encoded.length} bytes)`);
    }
    const sample = Math.floor(s / bytesPerSample);
    const byteInSample = bytesPerSample - 1 - (s % bytesPerSample); // MSB segment first; output is little endian
    const written = unpackBits(encoded, start, end, out, sample * bytesPerSample + byteInSample, pixelStride, pixels);
    if (written < pixels) throw corrupt(`segment ${s} decoded to ${written} bytes, expected ${pixels}`);
  }
  return out;
}

/** PackBits into out[first + k * stride] for k < count; returns how many bytes were written. */
function unpackBits(
  src: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  first: number,
  stride: number,
  count: number,
): number {
  // end <= src.length (checked by the caller); each read below is before end.
  let pos = start;
  let k = 0;
  let at = first;
  while (pos < end && k < count) {
    const header = src[pos++]!;
    if (header < 128) {
      // literal run of header + 1 bytes
      let n = header + 1;
      if (n > count - k) n = count - k;
      if (pos + n > end) n = end - pos;
      for (let i = 0; i < n; i++) {
        out[at] = src[pos + i]!;
        at += stride;
      }
      pos += header + 1;
      k += n;
    } else if (header > 128) {
      // the next byte repeated 257 - header times
      if (pos >= end) break;
      const value = src[pos++]!;
      let n = 257 - header;
      if (n > count - k) n = count - k;
      for (let i = 0; i < n; i++) {
        out[at] = value;
        at += stride;
      }
      k += n;
    }
    // header === 128: no operation
  }
  return k;
}
