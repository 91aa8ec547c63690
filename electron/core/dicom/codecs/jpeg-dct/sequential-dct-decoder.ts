/**
 * Sequential DCT JPEG with Huffman coding (ITU T.81 processes 1, 2 and 4: SOF0 / SOF1) for 8- and 12-bit
 * samples: the markers, the scans, the IJG islow inverse DCT and libjpeg's upsampling of subsampled
 * components (4:2:2, 4:2:0, 4:1:1...). Components come out as stored (no color conversion); anything else
 * is a JpegFormatError or JpegUnsupportedError for the caller to turn into a typed error.
 */
import { BitReader, buildHuffmanTable, JpegFormatError, type HuffmanTable } from './huffman';
import { idctIslowBlock } from './idct-islow';
import { upsampleComponent } from './upsample';

export class JpegUnsupportedError extends Error {}

const ZIGZAG = Int32Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57,
  50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
]);

/** Most samples a frame may declare (65535 x 65535 is legal JPEG but not a medical image we can hold). */
const MAX_SAMPLES = 2 ** 28;

interface Component {
  id: number;
  h: number;
  v: number;
  quantTable: number;
  /** Samples of the component (libjpeg's downsampled_width / height). */
  width: number;
  height: number;
  /** Blocks holding those samples (what a single-component scan codes). */
  blocksPerLine: number;
  blocksPerColumn: number;
  /** Blocks of the coefficient buffer: whole MCUs (what an interleaved scan codes). */
  bufferBlocksPerLine: number;
  coefficients: Int32Array;
  dcTable: number;
  acTable: number;
  predictor: number;
}

interface Frame {
  width: number;
  height: number;
  precision: number;
  components: Component[];
  hMax: number;
  vMax: number;
  mcusPerLine: number;
  mcusPerColumn: number;
}

export interface SequentialJpegFrame {
  width: number;
  height: number;
  precision: number;
  componentCount: number;
  /** Samples, component-interleaved per pixel, rows top to bottom. */
  samples: Uint16Array;
}

function u16(data: Uint8Array, at: number): number {
  if (at + 2 > data.length) throw new JpegFormatError('JPEG stream ends inside a marker segment');
  return (data[at]! << 8) | data[at + 1]!;
}

function decodeBlock(reader: BitReader, component: Component, dc: HuffmanTable, ac: HuffmanTable, offset: number): void {
  const out = component.coefficients;
  const t = reader.decode(dc);
  component.predictor += reader.receiveExtend(t);
  out[offset] = component.predictor;
  for (let k = 1; k < 64; ) {
    const rs = reader.decode(ac);
    const s = rs & 15;
    const r = rs >> 4;
    if (s === 0) {
      if (r < 15) break; // end of block
      k += 16;
      continue;
    }
    k += r;
    if (k > 63) throw new JpegFormatError('AC coefficient run passes the end of the block');
    out[offset + ZIGZAG[k]!] = reader.receiveExtend(s);
    k++;
  }
}

export function decodeSequentialDct(data: Uint8Array): SequentialJpegFrame {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) throw new JpegFormatError('no JPEG start-of-image marker');
  const quant: Array<Int32Array | undefined> = [];
  const dcTables: Array<HuffmanTable | undefined> = [];
  const acTables: Array<HuffmanTable | undefined> = [];
  let restartInterval = 0;
  let frame: Frame | null = null;
  let pos = 2;
  let scans = 0;
  while (pos + 4 <= data.length) {
    if (data[pos] !== 0xff) {
      pos++;
      continue;
    }
    const marker = data[pos + 1]!; // pos + 4 <= data.length
    if (marker === 0xff) {
      pos++;
      continue;
    }
    if (marker === 0xd9) break;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2;
      continue;
    }
    const length = u16(data, pos + 2);
    const start = pos + 4;
    const end = pos + 2 + length;
    if (length < 2 || end > data.length) throw new JpegFormatError(`marker 0xFF${marker.toString(16)} segment runs past the stream`);
    if (marker === 0xdb) {
      for (let p = start; p < end; ) {
        const pq = data[p]! >> 4;
        const tq = data[p]! & 15;
        if (tq > 3) throw new JpegFormatError(`quantization table ${tq}`);
        const table = new Int32Array(64);
        const size = pq ? 2 : 1;
        if (p + 1 + 64 * size > end) throw new JpegFormatError('quantization table runs past its segment');
        for (let k = 0; k < 64; k++) table[ZIGZAG[k]!] = pq ? u16(data, p + 1 + 2 * k) : data[p + 1 + k]!;
        quant[tq] = table;
        p += 1 + 64 * size;
      }
    } else if (marker === 0xc4) {
      for (let p = start; p < end; ) {
        if (p + 17 > end) throw new JpegFormatError('Huffman table runs past its segment');
        const tc = data[p]! >> 4;
        const th = data[p]! & 15;
        const counts = data.subarray(p + 1, p + 17);
        const n = counts.reduce((a, b) => a + b, 0);
        if (th > 3 || tc > 1 || p + 17 + n > end) throw new JpegFormatError('malformed Huffman table');
        (tc === 0 ? dcTables : acTables)[th] = buildHuffmanTable(counts, data.slice(p + 17, p + 17 + n));
        p += 17 + n;
      }
    } else if (marker === 0xdd) {
      restartInterval = u16(data, start);
    } else if (marker === 0xc0 || marker === 0xc1) {
      if (frame) throw new JpegFormatError('more than one frame header');
      const precision = data[start];
      const height = u16(data, start + 1);
      const width = u16(data, start + 3);
      const count = data[start + 5]; // undefined when the stream ends right after the width
      if (precision !== 8 && precision !== 12) throw new JpegFormatError(`sample precision ${precision}`);
      if (!width || !height) throw new JpegUnsupportedError('frame height 0 (DNL marker) is not supported');
      if (count === undefined || count < 1 || count > 4 || start + 6 + count * 3 > end) throw new JpegFormatError(`${count} components`);
      if (width * height * count > MAX_SAMPLES) throw new JpegUnsupportedError(`frame of ${width}x${height}x${count} samples is too large`);
      const factors: Array<{ id: number; h: number; v: number; quantTable: number }> = [];
      for (let c = 0; c < count; c++) {
        const at = start + 6 + c * 3;
        const h = data[at + 1]! >> 4;
        const v = data[at + 1]! & 15;
        if (h < 1 || h > 4 || v < 1 || v > 4) throw new JpegFormatError(`sampling factors ${h}x${v}`);
        factors.push({ id: data[at]!, h, v, quantTable: data[at + 2]! & 3 });
      }
      const hMax = Math.max(...factors.map((f) => f.h));
      const vMax = Math.max(...factors.map((f) => f.v));
      if (factors.some((f) => hMax % f.h !== 0 || vMax % f.v !== 0)) {
        throw new JpegUnsupportedError(`sampling factors ${factors.map((f) => `${f.h}x${f.v}`).join(', ')} are not integral ratios`);
      }
      const mcusPerLine = Math.ceil(width / (8 * hMax));
      const mcusPerColumn = Math.ceil(height / (8 * vMax));
      const components: Component[] = factors.map((f) => {
        const cw = Math.ceil((width * f.h) / hMax);
        const ch = Math.ceil((height * f.v) / vMax);
        return {
          ...f,
          width: cw,
          height: ch,
          blocksPerLine: Math.ceil(cw / 8),
          blocksPerColumn: Math.ceil(ch / 8),
          bufferBlocksPerLine: mcusPerLine * f.h,
          coefficients: new Int32Array(mcusPerLine * f.h * mcusPerColumn * f.v * 64),
          dcTable: 0,
          acTable: 0,
          predictor: 0,
        };
      });
      frame = { width, height, precision, components, hMax, vMax, mcusPerLine, mcusPerColumn };
    } else if ((marker >= 0xc2 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) || marker === 0xf7) {
      throw new JpegUnsupportedError(`JPEG process SOF 0x${marker.toString(16)} is not sequential Huffman DCT`);
    } else if (marker === 0xda) {
      if (!frame) throw new JpegFormatError('scan before the frame header');
      const ns = data[start]; // undefined when a 2-byte segment ends the stream
      if (ns === undefined || ns < 1 || ns > 4 || start + 1 + ns * 2 + 3 > end) throw new JpegFormatError('malformed scan header');
      const scanComponents: Component[] = [];
      for (let i = 0; i < ns; i++) {
        const id = data[start + 1 + i * 2]!;
        const component = frame.components.find((c) => c.id === id);
        if (!component) throw new JpegFormatError(`scan names unknown component ${id}`);
        component.dcTable = data[start + 2 + i * 2]! >> 4;
        component.acTable = data[start + 2 + i * 2]! & 15;
        component.predictor = 0;
        scanComponents.push(component);
      }
      pos = decodeScan(data, end, frame, scanComponents, dcTables, acTables, restartInterval);
      scans++;
      continue;
    }
    pos = end;
  }
  if (!frame) throw new JpegFormatError('no frame header');
  if (scans === 0) throw new JpegFormatError('no scan');
  const { width, height, precision, components, hMax, vMax } = frame;
  const planes = components.map((c) => {
    const q = quant[c.quantTable];
    if (!q) throw new JpegFormatError(`quantization table ${c.quantTable} is missing`);
    const plane = new Uint16Array(c.width * c.height);
    for (let by = 0; by < c.blocksPerColumn; by++) {
      for (let bx = 0; bx < c.blocksPerLine; bx++) {
        const offset = (by * c.bufferBlocksPerLine + bx) * 64;
        idctIslowBlock(c.coefficients, offset, q, precision, plane, by * 8 * c.width + bx * 8, c.width, c.height - by * 8, c.width - bx * 8);
      }
    }
    return upsampleComponent(plane, c.width, c.height, hMax / c.h, vMax / c.v, width, height);
  });
  const n = components.length;
  const samples = n === 1 ? planes[0]! : new Uint16Array(width * height * n);
  // Every plane is width x height (upsampleComponent's output).
  if (n > 1) for (const [c, plane] of planes.entries()) for (let i = 0, o = c; i < width * height; i++, o += n) samples[o] = plane[i]!;
  return { width, height, precision, componentCount: n, samples };
}

/** Decodes one scan's MCUs; returns the position after its entropy-coded data. */
function decodeScan(
  data: Uint8Array,
  start: number,
  frame: Frame,
  components: Component[],
  dcTables: Array<HuffmanTable | undefined>,
  acTables: Array<HuffmanTable | undefined>,
  restartInterval: number,
): number {
  const tables = components.map((c) => {
    const dc = dcTables[c.dcTable];
    const ac = acTables[c.acTable];
    if (!dc || !ac) throw new JpegFormatError('scan uses a Huffman table that was not defined');
    return { dc, ac };
  });
  const reader = new BitReader(data, start);
  // T.81 A.2: a single-component scan codes that component's blocks in raster order, one block per MCU; an
  // interleaved scan codes h x v blocks of each component per MCU. Like libjpeg, data that ends early
  // decodes as zeros.
  const [first] = components;
  const single = first !== undefined && components.length === 1;
  const mcusPerLine = single ? first.blocksPerLine : frame.mcusPerLine;
  const mcus = single ? first.blocksPerLine * first.blocksPerColumn : frame.mcusPerLine * frame.mcusPerColumn;
  let restarts = 0;
  for (let m = 0; m < mcus; m++) {
    if (restartInterval && m > 0 && m % restartInterval === 0) {
      reader.restart(restarts++);
      for (const c of components) c.predictor = 0;
    }
    const row = Math.floor(m / mcusPerLine);
    const col = m % mcusPerLine;
    for (let i = 0; i < components.length; i++) {
      const c = components[i]!;
      const { dc, ac } = tables[i]!;
      if (single) {
        decodeBlock(reader, c, dc, ac, (row * c.bufferBlocksPerLine + col) * 64);
        continue;
      }
      for (let y = 0; y < c.v; y++) {
        for (let x = 0; x < c.h; x++) {
          decodeBlock(reader, c, dc, ac, ((row * c.v + y) * c.bufferBlocksPerLine + col * c.h + x) * 64);
        }
      }
    }
  }
  let p = reader.position;
  while (p + 1 < data.length && !(data[p] === 0xff && data[p + 1] !== 0 && !(data[p + 1]! >= 0xd0 && data[p + 1]! <= 0xd7))) p++;
  return p;
}
