/**
 * Deterministic mutations of DICOM and NIfTI files for the R1 fuzz suite (issue 15): a seeded
 * PRNG (mulberry32) and mutators that each take the bytes and return a new array.
 */
import { deflateRawSync, gzipSync, gunzipSync } from 'node:zlib';
import { fileMetaGroupEnd } from '../../../../electron/core/dicom/dataset/file-meta';

export type Rng = () => number;

const cache = new Map<string, Buffer>();
/** Bombs are compressed once per size (compressing hundreds of MiB per case would dominate). */
function memo(key: string, make: () => Buffer): Buffer {
  let b = cache.get(key);
  if (!b) cache.set(key, (b = make()));
  return b;
}

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, n: number) => Math.floor(rng() * n);
/** An offset, biased to the header (first 4 KiB) three times in four. */
const offset = (rng: Rng, length: number) => (rng() < 0.75 ? int(rng, Math.min(length, 4096)) : int(rng, length));

export function bitFlips(b: Uint8Array, rng: Rng): Uint8Array {
  const out = b.slice();
  for (let n = 1 + int(rng, 24); n > 0; n--) {
    const at = offset(rng, out.length);
    out[at]! ^= 1 << int(rng, 8);
  }
  return out;
}

export function overwrites(b: Uint8Array, rng: Rng): Uint8Array {
  const out = b.slice();
  const specials = [0x00, 0xff, 0x7f, 0x80, 0xfe];
  for (let n = 1 + int(rng, 8); n > 0; n--) {
    const at = offset(rng, out.length);
    for (let k = 0; k < 1 + int(rng, 8) && at + k < out.length; k++) out[at + k] = rng() < 0.5 ? specials[int(rng, specials.length)]! : int(rng, 256);
  }
  return out;
}

export function truncation(b: Uint8Array, rng: Rng): Uint8Array {
  return b.slice(0, rng() < 0.5 ? offset(rng, b.length) : int(rng, b.length));
}

/** A 32-bit little-endian length somewhere in the header set to a bogus value. */
export function bogusLength(b: Uint8Array, rng: Rng): Uint8Array {
  const out = b.slice();
  const values = [0xffffffff, 0xfffffffe, 0x7fffffff, 0x80000000, 0x10000000, 1, 3, 0];
  const at = offset(rng, out.length - 4);
  new DataView(out.buffer, out.byteOffset, out.byteLength).setUint32(Math.max(0, at), values[int(rng, values.length)]!, true);
  return out;
}

function findTag(b: Uint8Array, group: number, element: number, from = 0): number {
  for (let i = from; i + 4 <= b.length; i++) {
    if (b[i] === (group & 0xff) && b[i + 1] === group >> 8 && b[i + 2] === (element & 0xff) && b[i + 3] === element >> 8) return i;
  }
  return -1;
}

/** Rows, Columns, Number of Frames, Bits Allocated or Samples per Pixel set to extreme values. */
export function hugeDimensions(b: Uint8Array, rng: Rng): Uint8Array {
  const out = b.slice();
  const el = [0x0010, 0x0011, 0x0100, 0x0002, 0x0101][int(rng, 5)]!;
  const at = findTag(out, 0x0028, el);
  if (at < 0) return bitFlips(out, rng);
  // Explicit VR: tag, 'US', 2-byte length; implicit: tag, 4-byte length.
  const explicit = out[at + 4] === 0x55 && out[at + 5] === 0x53;
  const value = at + (explicit ? 8 : 8);
  const v = [0xffff, 0x8000, 0, 1, 0x4000, 65535][int(rng, 6)]!;
  if (value + 2 <= out.length) new DataView(out.buffer).setUint16(value, v, true);
  return out;
}

export const TRANSFER_SYNTAXES = [
  '1.2.840.10008.1.2',
  '1.2.840.10008.1.2.1',
  '1.2.840.10008.1.2.2',
  '1.2.840.10008.1.2.1.99',
  '1.2.840.10008.1.2.5',
  '1.2.840.10008.1.2.4.50',
  '1.2.840.10008.1.2.4.51',
  '1.2.840.10008.1.2.4.57',
  '1.2.840.10008.1.2.4.70',
  '1.2.840.10008.1.2.4.80',
  '1.2.840.10008.1.2.4.90',
  '1.2.840.10008.1.2.4.201',
  '9.9.9',
];

/** (0002,0010) Transfer Syntax UID replaced by another (its length fixed; group length left stale). */
export function withTransferSyntax(b: Uint8Array, uid: string): Uint8Array {
  const at = findTag(b, 0x0002, 0x0010);
  if (at < 0 || b[at + 4] !== 0x55 || b[at + 5] !== 0x49) return b.slice();
  const oldLength = b[at + 6]! | (b[at + 7]! << 8);
  const value = Buffer.from(uid.length % 2 ? `${uid}\0` : uid, 'latin1');
  const head = b.slice(0, at + 6);
  const len = new Uint8Array([value.length & 0xff, value.length >> 8]);
  const tail = b.slice(at + 8 + oldLength);
  const out = new Uint8Array(head.length + 2 + value.length + tail.length);
  out.set(head, 0);
  out.set(len, head.length);
  out.set(value, head.length + 2);
  out.set(tail, head.length + 2 + value.length);
  return out;
}

export function wrongTransferSyntax(b: Uint8Array, rng: Rng): Uint8Array {
  return withTransferSyntax(b, TRANSFER_SYNTAXES[int(rng, TRANSFER_SYNTAXES.length)]!);
}

/** A deflated-transfer-syntax file whose data set inflates to `megabytes` of zeros (a bomb). */
const BOMB_MEGABYTES = [8, 64, 192] as const;
const BOMB_FILLS = [0, 0x41] as const;

function bombStream(megabytes: number, fill: number): Buffer {
  return memo(`deflate|${megabytes}|${fill}`, () => deflateRawSync(Buffer.alloc(megabytes * 1024 * 1024, fill), { level: 1 }));
}

/**
 * Compresses every bomb stream once, up front: building a 192 MB bomb takes seconds on a loaded
 * machine, and that time must not count against the case that first uses it (the hang watchdog).
 */
export function warmDeflateBombs(): void {
  for (const mb of BOMB_MEGABYTES) for (const fill of BOMB_FILLS) bombStream(mb, fill);
}

/**
 * The seed's file meta group, relabelled deflated, followed by a bomb stream where its data set starts. The
 * group is walked to its end (withTransferSyntax leaves the group length stale): a bomb cut into the meta
 * group's last element would be a broken stream, refused at its first bytes, not a bomb.
 */
export function deflateBomb(b: Uint8Array, rng: Rng): Uint8Array {
  const meta = withTransferSyntax(b, '1.2.840.10008.1.2.1.99');
  const end = fileMetaGroupEnd(meta) ?? -1;
  if (end < 0) return meta;
  const megabytes = BOMB_MEGABYTES[int(rng, 3)]!;
  const fill = rng() < 0.5 ? BOMB_FILLS[0] : BOMB_FILLS[1];
  return Buffer.concat([meta.slice(0, end), bombStream(megabytes, fill)]);
}

export const DICOM_MUTATORS: Record<string, (b: Uint8Array, rng: Rng) => Uint8Array> = {
  bitFlips,
  overwrites,
  truncation,
  bogusLength,
  hugeDimensions,
  wrongTransferSyntax,
  deflateBomb,
};

// NIfTI -------------------------------------------------------------------------------------------

/** A NIfTI-1 header field set to a hostile value (dims, datatype, bitpix, vox_offset, scaling). */
export function niftiHeaderField(raw: Uint8Array, rng: Rng): Uint8Array {
  const out = raw.slice();
  const v = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (out.length < 352) return bitFlips(out, rng);
  switch (int(rng, 7)) {
    case 0: // dim[0..7]
      v.setInt16(40 + 2 * int(rng, 8), [0, -1, 32767, 8, 1, 30000][int(rng, 6)]!, true);
      break;
    case 1: // datatype
      v.setInt16(70, [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 768, 1024, 2304, 9999][int(rng, 15)]!, true);
      break;
    case 2: // bitpix
      v.setInt16(72, [0, 1, 7, 8, 16, 24, 32, 64, 128][int(rng, 9)]!, true);
      break;
    case 3: // vox_offset
      v.setFloat32(108, [0, 1, 351, 352, 1e9, -5, Number.NaN, 3.5][int(rng, 8)]!, true);
      break;
    case 4: // scl_slope / scl_inter
      v.setFloat32(112 + 4 * int(rng, 2), [1e38, -1e38, Number.NaN, Number.POSITIVE_INFINITY, 0][int(rng, 5)]!, true);
      break;
    case 5: // sizeof_hdr / magic
      if (rng() < 0.5) v.setInt32(0, [0, 540, 348 << 8][int(rng, 3)]!, true);
      else out.set(Buffer.from(['ni1\0', 'n+2\0', 'xxxx'][int(rng, 3)]!, 'latin1'), 344);
      break;
    default: // pixdim / qform / sform
      v.setFloat32(76 + 4 * int(rng, 8), [0, -1, Number.NaN, 1e30][int(rng, 4)]!, true);
  }
  return out;
}

/** gzip of a valid-looking header followed by far more (or far less) data than it declares. */
export function gzipBomb(raw: Uint8Array, rng: Rng): Uint8Array {
  const header = raw.slice(0, Math.min(raw.length, 352));
  const megabytes = [16, 128, 512][int(rng, 3)]!;
  const big = rng() < 0.7;
  if (big) {
    // Declares a large volume too, so the header-declared size does not stop it.
    const v = new DataView(header.buffer, header.byteOffset, header.byteLength);
    if (rng() < 0.5) for (let d = 1; d <= 3; d++) v.setInt16(40 + 2 * d, 2048, true);
  }
  // gzip members concatenate: the header, then a cached member of zeros.
  const zeros = big ? memo(`gzip|${megabytes}`, () => gzipSync(Buffer.alloc(megabytes * 1024 * 1024), { level: 1 })) : gzipSync(Buffer.alloc(10));
  return Buffer.concat([gzipSync(header), zeros]);
}

export function niftiMutation(gzFile: Uint8Array, rng: Rng): { kind: string; bytes: Uint8Array } {
  const raw = new Uint8Array(gunzipSync(gzFile));
  const kinds = ['header', 'bitFlips', 'overwrites', 'truncation', 'gzipBomb', 'gzTruncated', 'gzFlips'] as const;
  const kind = kinds[int(rng, kinds.length)]!;
  const regz = (b: Uint8Array) => (rng() < 0.5 ? new Uint8Array(gzipSync(b, { level: 1 })) : b);
  switch (kind) {
    case 'header':
      return { kind, bytes: regz(niftiHeaderField(raw, rng)) };
    case 'bitFlips':
      return { kind, bytes: regz(bitFlips(raw, rng)) };
    case 'overwrites':
      return { kind, bytes: regz(overwrites(raw, rng)) };
    case 'truncation':
      return { kind, bytes: regz(truncation(raw, rng)) };
    case 'gzipBomb':
      return { kind, bytes: gzipBomb(raw, rng) };
    case 'gzTruncated':
      return { kind, bytes: gzFile.slice(0, int(rng, gzFile.length)) };
    default:
      return { kind, bytes: bitFlips(gzFile, rng) };
  }
}
