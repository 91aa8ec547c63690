/**
 * Encoders used only to make test inputs. They are written from the standards independently of the
 * decoders under test (PackBits for DICOM RLE, a minimal JPEG process-14 encoder), or come from the
 * codec packages' own encoder builds (CharLS), so a decoder bug cannot hide behind a matching encoder bug.
 */

function packBits(data: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < data.length) {
    let run = 1;
    while (i + run < data.length && run < 128 && data[i + run] === data[i]) run++;
    if (run >= 2) {
      out.push(257 - run, data[i]!);
      i += run;
      continue;
    }
    const start = i;
    while (i < data.length && i - start < 128 && !(i + 1 < data.length && data[i + 1] === data[i])) i++;
    if (i === start) i++; // single byte before a run
    out.push(i - start - 1);
    for (let k = start; k < i; k++) out.push(data[k]!);
  }
  return out;
}

/** DICOM RLE Lossless frame for one sample per pixel, `bytesPerSample` 1, 2 or 4. */
export function encodeRleFrame(samples: ArrayLike<number>, bytesPerSample: number): Uint8Array {
  const segments: number[][] = [];
  for (let j = 0; j < bytesPerSample; j++) {
    const shift = 8 * (bytesPerSample - 1 - j);
    const plane = new Uint8Array(samples.length);
    for (let i = 0; i < samples.length; i++) plane[i] = Math.floor((samples[i]! >>> 0) / 2 ** shift) & 0xff;
    const packed = packBits(plane);
    if (packed.length % 2 === 1) packed.push(0x80); // no-op byte keeps segments even
    segments.push(packed);
  }
  const total = 64 + segments.reduce((n, s) => n + s.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, segments.length, true);
  let at = 64;
  segments.forEach((s, k) => {
    view.setUint32(4 + 4 * k, at, true);
    out.set(s, at);
    at += s.length;
  });
  return out;
}

class BitWriter {
  readonly bytes: number[] = [];
  private current = 0;
  private count = 0;

  write(value: number, length: number): void {
    for (let b = length - 1; b >= 0; b--) {
      this.current = (this.current << 1) | ((value >>> b) & 1);
      this.count++;
      if (this.count === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    this.bytes.push(this.current);
    if (this.current === 0xff) this.bytes.push(0x00);
    this.current = 0;
    this.count = 0;
  }

  finish(): void {
    while (this.count !== 0) this.write(1, 1);
  }
}

/**
 * JPEG lossless, process 14, selection value 1, one component (what DICOM 1.2.840.10008.1.2.4.70 holds).
 * One Huffman table with a 5-bit code for each difference category 0..16.
 */
export function encodeJpegLossless(samples: ArrayLike<number>, rows: number, columns: number, precision: number): Uint8Array {
  const bits = new BitWriter();
  const modulo = 0x10000;
  const at = (r: number, c: number): number => samples[r * columns + c]! & (2 ** precision - 1);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      let prediction: number;
      if (r === 0 && c === 0) prediction = 2 ** (precision - 1);
      else if (r === 0) prediction = at(r, c - 1);
      else if (c === 0) prediction = at(r - 1, c);
      else prediction = at(r, c - 1);
      let diff = (at(r, c) - prediction) % modulo;
      if (diff < -32768) diff += modulo;
      if (diff > 32768) diff -= modulo;
      if (diff === -32768) diff = 32768;
      const magnitude = Math.abs(diff);
      const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
      bits.write(category, 5);
      if (category > 0 && category < 16) bits.write(diff > 0 ? diff : diff + 2 ** category - 1, category);
    }
  }
  bits.finish();
  const huffmanCounts = new Array(16).fill(0);
  huffmanCounts[4] = 17; // 17 codes of length 5
  const huffmanValues = Array.from({ length: 17 }, (_, i) => i);
  const segment = (marker: number, body: number[]): number[] => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  return new Uint8Array([
    0xff, 0xd8,
    ...segment(0xc4, [0x00, ...huffmanCounts, ...huffmanValues]),
    ...segment(0xc3, [precision, rows >> 8, rows & 0xff, columns >> 8, columns & 0xff, 1, 1, 0x11, 0]),
    ...segment(0xda, [1, 1, 0x00, 1, 0, 0]),
    ...bits.bytes,
    0xff, 0xd9,
  ]);
}

interface CharlsEncoder {
  getDecodedBuffer(info: { width: number; height: number; bitsPerSample: number; componentCount: number }): Uint8Array;
  setNearLossless(value: number): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}

/** JPEG-LS lossless via the CharLS encoder build shipped in @cornerstonejs/codec-charls. */
export async function encodeJpegLs(samples: Uint16Array, rows: number, columns: number, bitsPerSample: number): Promise<Uint8Array> {
  const specifier = '@cornerstonejs/codec-charls/wasmjs';
  const factory = ((await import(specifier)) as { default: (m?: object) => Promise<{ JpegLSEncoder: new () => CharlsEncoder }> }).default;
  const charls = await factory({ print: () => undefined, printErr: () => undefined });
  const encoder = new charls.JpegLSEncoder();
  try {
    const input = encoder.getDecodedBuffer({ width: columns, height: rows, bitsPerSample, componentCount: 1 });
    input.set(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength));
    encoder.setNearLossless(0);
    encoder.encode();
    return encoder.getEncodedBuffer().slice();
  } finally {
    encoder.delete();
  }
}
