import { inflateSync } from 'node:zlib';

/** A decoded 8-bit RGBA image. */
export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Minimal PNG decoder for the screenshots Playwright writes (8-bit RGB/RGBA, non-interlaced),
 * so pixel checks need no extra dependency.
 */
export function decodePng(png: Buffer): Rgba {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const bitDepth = body.readUInt8(8); // readUInt8 throws a RangeError on a truncated header
      colorType = body.readUInt8(9);
      const interlace = body.readUInt8(12);
      if (bitDepth !== 8 || (colorType !== 2 && colorType !== 6) || interlace !== 0) {
        throw new Error(`unsupported PNG (bit depth ${bitDepth}, color type ${colorType}, interlace ${interlace})`);
      }
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const channels = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error(`truncated PNG image data (${raw.length} bytes for ${width} x ${height})`);
  const out = new Uint8Array(width * height * 4);
  const prev = new Uint8Array(stride);
  const line = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? line[x - channels]! : 0;
      const b = prev[x]!;
      const c = x >= channels ? prev[x - channels]! : 0;
      let v = src[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[x] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = line[x * channels]!;
      out[o + 1] = line[x * channels + 1]!;
      out[o + 2] = line[x * channels + 2]!;
      out[o + 3] = channels === 4 ? line[x * channels + 3]! : 255;
    }
    prev.set(line);
  }
  return { width, height, data: out };
}

/** Pixels whose brightest channel exceeds `threshold` (not the black background). */
export function countNonBackground(img: Rgba, threshold = 24): number {
  let n = 0;
  for (let i = 0; i < img.data.length; i += 4) if (Math.max(img.data[i]!, img.data[i + 1]!, img.data[i + 2]!) > threshold) n++;
  return n;
}

/** Mean grey (average of R, G, B) in a square of half-size `r` around (cx, cy). */
export function meanGrey(img: Rgba, cx: number, cy: number, r: number): number {
  let sum = 0;
  let n = 0;
  for (let y = Math.max(0, Math.round(cy - r)); y <= Math.min(img.height - 1, Math.round(cy + r)); y++)
    for (let x = Math.max(0, Math.round(cx - r)); x <= Math.min(img.width - 1, Math.round(cx + r)); x++) {
      const o = (y * img.width + x) * 4;
      sum += (img.data[o]! + img.data[o + 1]! + img.data[o + 2]!) / 3;
      n++;
    }
  return n ? sum / n : 0;
}

/** Mean absolute difference per channel between two same-size images. */
export function meanAbsDiff(a: Rgba, b: Rgba): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error('image sizes differ');
  let sum = 0;
  for (let i = 0; i < a.data.length; i += 4) sum += Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!);
  return sum / ((a.data.length / 4) * 3);
}

/** Pixels matching a predicate inside a rectangle (whole image by default). */
export function countPixels(img: Rgba, match: (r: number, g: number, b: number) => boolean, rect = { x: 0, y: 0, width: img.width, height: img.height }): number {
  let n = 0;
  for (let y = Math.max(0, rect.y); y < Math.min(img.height, rect.y + rect.height); y++)
    for (let x = Math.max(0, rect.x); x < Math.min(img.width, rect.x + rect.width); x++) {
      const o = (y * img.width + x) * 4;
      if (match(img.data[o]!, img.data[o + 1]!, img.data[o + 2]!)) n++;
    }
  return n;
}
