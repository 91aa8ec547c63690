import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Vec3 } from '../dicom/dicom-instance';
import { RadGroundError } from '../errors/radground-error';
import type { RegionMask } from './region';

/**
 * Binary form of a RegionMask (the `regions.mask` BLOB):
 *
 *   'R' 'G' 'M' version(1) flags(bit 0: payload is raw-deflated)  payload
 *   payload = varints (unsigned LEB128): dims[0] dims[1] dims[2] sliceCount, then per slice:
 *             k - previousK (the first: k + 1), runCount, then per run:
 *             start - previousRunEnd (the first: start), length (>= 1)
 *
 * Runs are stored as gaps and lengths, so typical masks take a few bytes per run; the payload is
 * deflated when that makes it smaller. Decoding validates everything (CORRUPT_INPUT).
 */
const MAGIC = [0x52, 0x47, 0x4d];
const VERSION = 1;
const FLAG_DEFLATE = 1;

class ByteWriter {
  private buf = new Uint8Array(256);
  length = 0;
  varint(v: number): void {
    if (!Number.isInteger(v) || v < 0) throw new RadGroundError('BAD_REQUEST', `mask value ${v} is not a non-negative integer`);
    if (this.length + 10 > this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    while (v >= 0x80) {
      this.buf[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.length++] = v;
  }
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

function corrupt(why: string): RadGroundError {
  return new RadGroundError('CORRUPT_INPUT', `region mask is corrupt: ${why}`);
}

export function encodeRegionMask(mask: RegionMask): Uint8Array {
  const w = new ByteWriter();
  const [d0, d1, d2] = mask.dims;
  w.varint(d0);
  w.varint(d1);
  w.varint(d2);
  w.varint(mask.slices.length);
  let prevK = -1;
  for (const s of mask.slices) {
    if (s.k <= prevK || s.k >= d2) throw new RadGroundError('BAD_REQUEST', `mask slices must have increasing k within 0..${d2 - 1} (got ${s.k})`);
    w.varint(s.k - prevK);
    prevK = s.k;
    if (s.runs.length === 0 || s.runs.length % 2 !== 0) throw new RadGroundError('BAD_REQUEST', `mask slice ${s.k} has an empty or odd runs array`);
    w.varint(s.runs.length / 2);
    let prevEnd = 0;
    for (let r = 0; r < s.runs.length; r += 2) {
      const start = s.runs[r]!;
      const len = s.runs[r + 1]!;
      if (start < prevEnd || len < 1 || start + len > d0 * d1) throw new RadGroundError('BAD_REQUEST', `mask slice ${s.k} has an invalid run [${start}, ${len}]`);
      w.varint(start - prevEnd);
      w.varint(len);
      prevEnd = start + len;
    }
  }
  const raw = w.bytes();
  const deflated = deflateRawSync(raw);
  const useDeflate = deflated.length < raw.length;
  const payload = useDeflate ? deflated : raw;
  const out = new Uint8Array(5 + payload.length);
  out.set(MAGIC, 0);
  out[3] = VERSION;
  out[4] = useDeflate ? FLAG_DEFLATE : 0;
  out.set(payload, 5);
  return out;
}

export function decodeRegionMask(bytes: Uint8Array): RegionMask {
  if (bytes.length < 5 || bytes[0] !== MAGIC[0] || bytes[1] !== MAGIC[1] || bytes[2] !== MAGIC[2]) throw corrupt('bad magic');
  if (bytes[3] !== VERSION) throw corrupt(`unknown version ${bytes[3]}`);
  let payload: Uint8Array;
  try {
    payload = bytes[4]! & FLAG_DEFLATE ? inflateRawSync(bytes.subarray(5)) : bytes.subarray(5);
  } catch (e) {
    throw corrupt(`bad deflate data (${e instanceof Error ? e.message : String(e)})`);
  }
  let pos = 0;
  const varint = (): number => {
    let v = 0;
    let scale = 1;
    for (let n = 0; n < 8; n++) {
      if (pos >= payload.length) throw corrupt('truncated');
      const b = payload[pos++]!;
      v += (b & 0x7f) * scale;
      if (b < 0x80) return v;
      scale *= 0x80;
    }
    throw corrupt('varint too long');
  };
  const dims: Vec3 = [varint(), varint(), varint()];
  const area = dims[0] * dims[1];
  const sliceCount = varint();
  if (sliceCount > dims[2]) throw corrupt(`${sliceCount} slices for ${dims[2]}`);
  const slices: RegionMask['slices'] = [];
  let k = -1;
  for (let s = 0; s < sliceCount; s++) {
    const dk = varint();
    if (dk < 1) throw corrupt('slices out of order');
    k += dk;
    if (k >= dims[2]) throw corrupt(`slice ${k} outside ${dims[2]}`);
    const runCount = varint();
    if (runCount < 1 || runCount > area) throw corrupt(`slice ${k} has ${runCount} runs`);
    const runs: number[] = new Array<number>(runCount * 2);
    let end = 0;
    for (let r = 0; r < runCount; r++) {
      const start = end + varint();
      const len = varint();
      if (len < 1 || start + len > area) throw corrupt(`slice ${k} run [${start}, ${len}] outside the slice`);
      runs[2 * r] = start;
      runs[2 * r + 1] = len;
      end = start + len;
    }
    slices.push({ k, runs });
  }
  if (pos !== payload.length) throw corrupt('trailing bytes');
  return { dims, slices };
}
