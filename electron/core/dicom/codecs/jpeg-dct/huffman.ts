/** Huffman tables and the entropy-coded bit stream of a sequential DCT JPEG (ITU T.81 F.2.2). */

export interface HuffmanTable {
  /** For each code length 1..16: the largest code of that length (-1 when none), and where its values start. */
  maxCode: Int32Array;
  valueOffset: Int32Array;
  values: Uint8Array;
}

export class JpegFormatError extends Error {}

/** Builds decoding tables from a DHT segment's 16 counts and its values (T.81 Annex C). */
export function buildHuffmanTable(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const maxCode = new Int32Array(17).fill(-1);
  const valueOffset = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    const n = counts[length - 1]!; // counts holds the segment's 16 counts
    valueOffset[length] = k - code;
    if (n > 0) {
      code += n;
      k += n;
      maxCode[length] = code - 1;
      if (code > 2 ** length) throw new JpegFormatError('Huffman table has more codes than its lengths allow');
    }
    code <<= 1;
  }
  if (k > values.length) throw new JpegFormatError('Huffman table has fewer values than codes');
  return { maxCode, valueOffset, values };
}

/** Reads bits MSB first from entropy-coded data, removing stuffed 0x00 after 0xFF and stopping at markers. */
export class BitReader {
  private bitBuffer = 0;
  private bitCount = 0;
  /** Set when a marker was reached: further reads return zero bits, as libjpeg does. */
  markerReached = false;
  constructor(
    private readonly data: Uint8Array,
    public position: number,
  ) {}

  private fill(): void {
    while (this.bitCount <= 24) {
      let byte = 0;
      if (!this.markerReached && this.position < this.data.length) {
        byte = this.data[this.position]!;
        if (byte === 0xff) {
          const next = this.position + 1 < this.data.length ? this.data[this.position + 1] : 0xd9;
          if (next === 0x00) this.position += 2;
          else {
            this.markerReached = true;
            byte = 0;
          }
        } else this.position++;
      }
      this.bitBuffer = ((this.bitBuffer << 8) | byte) >>> 0;
      this.bitCount += 8;
    }
  }

  bits(n: number): number {
    if (n === 0) return 0;
    if (this.bitCount < n) this.fill();
    this.bitCount -= n;
    return (this.bitBuffer >>> this.bitCount) & ((1 << n) - 1);
  }

  decode(table: HuffmanTable): number {
    let code = 0;
    for (let length = 1; length <= 16; length++) {
      code = (code << 1) | this.bits(1);
      if (code <= table.maxCode[length]!) {
        const index = table.valueOffset[length]! + code;
        if (index < 0 || index >= table.values.length) throw new JpegFormatError('Huffman code outside its table');
        return table.values[index]!;
      }
    }
    throw new JpegFormatError('invalid Huffman code');
  }

  /** A magnitude category's extra bits as a signed value (T.81 F.2.2.1 EXTEND). */
  receiveExtend(size: number): number {
    if (size === 0) return 0;
    if (size > 16) throw new JpegFormatError(`coefficient magnitude category ${size} is too large`);
    const v = this.bits(size);
    return v < 2 ** (size - 1) ? v - 2 ** size + 1 : v;
  }

  /** Drops buffered bits and moves past the RSTn marker that must come next (restart interval end). */
  restart(expected: number): void {
    this.bitBuffer = 0;
    this.bitCount = 0;
    this.markerReached = false;
    let p = this.position;
    while (p + 1 < this.data.length && !(this.data[p] === 0xff && this.data[p + 1]! >= 0xd0 && this.data[p + 1]! <= 0xd7)) p++;
    if (p + 1 >= this.data.length) throw new JpegFormatError('restart marker missing');
    if (this.data[p + 1] !== 0xd0 + (expected & 7)) throw new JpegFormatError(`restart marker RST${this.data[p + 1]! - 0xd0} out of order`);
    this.position = p + 2;
  }
}
