const FILE_HEADER = 14;
const INFO_HEADER = 40; // BITMAPINFOHEADER

/**
 * RGBA pixels (rows top to bottom) as an uncompressed 32-bit BMP file (BI_RGB, top-down: negative
 * height), for an <img>: the browser decodes and uploads it off the main thread, where a 2D canvas
 * would first need a GPU context on it.
 */
export function rgbaToBmp(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8Array<ArrayBuffer> {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`rgbaToBmp: bad size ${width}x${height}`);
  const pixelBytes = width * height * 4;
  if (rgba.length !== pixelBytes) throw new RangeError(`rgbaToBmp: ${rgba.length} bytes for ${width}x${height} RGBA`);
  const offset = FILE_HEADER + INFO_HEADER;
  const out = new Uint8Array(offset + pixelBytes);
  const v = new DataView(out.buffer);
  out[0] = 0x42; // 'B'
  out[1] = 0x4d; // 'M'
  v.setUint32(2, out.length, true);
  v.setUint32(10, offset, true);
  v.setUint32(14, INFO_HEADER, true);
  v.setInt32(18, width, true);
  v.setInt32(22, -height, true); // top-down rows
  v.setUint16(26, 1, true); // planes
  v.setUint16(28, 32, true); // bits per pixel: B, G, R, unused; 32-bit rows need no padding
  v.setUint32(30, 0, true); // BI_RGB
  v.setUint32(34, pixelBytes, true);
  for (let s = 0, d = offset; s < pixelBytes; s += 4, d += 4) {
    out[d] = rgba[s + 2]!;
    out[d + 1] = rgba[s + 1]!;
    out[d + 2] = rgba[s]!;
    out[d + 3] = rgba[s + 3]!;
  }
  return out;
}
