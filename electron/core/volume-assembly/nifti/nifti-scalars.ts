import { RadGroundError } from '../../errors/radground-error';
import { scalarRange } from '../../../shared/imaging/voxel-arrays';
import type { VolumeScalars } from '../volume';

/**
 * Voxel values of a NIfTI image as Volume scalars.
 *
 * dtype choices (VolumeScalars is Int16Array | Float32Array | Uint8Array):
 *  - uint8            -> Uint8Array (unchanged) when not scaled
 *  - int8, int16      -> Int16Array
 *  - uint16, int32, uint32 -> Int16Array when every value fits in int16, else Float32Array
 *    (values beyond +-2^24 lose precision in float32: warned)
 *  - float32, float64 -> Float32Array
 *  - scl_slope/scl_inter applied when slope is finite, non-zero and not (1, 0); integer data with an
 *    integer slope/intercept whose scaled range fits int16 stays Int16Array, otherwise Float32Array.
 *  - RGB24/RGBA32 -> UNSUPPORTED_INPUT; binary, complex, 64-bit integers, float128 -> UNSUPPORTED_INPUT.
 */
interface DtypeInfo {
  name: string;
  bytes: number;
  read: (dv: DataView, offset: number, le: boolean) => number;
  /** Native typed array constructor for the little-endian fast path. */
  native: new (buffer: ArrayBuffer, byteOffset: number, length: number) => ArrayLike<number>;
  integer: boolean;
}

const DTYPES: Record<number, DtypeInfo> = {
  2: { name: 'uint8', bytes: 1, read: (d, o) => d.getUint8(o), native: Uint8Array, integer: true },
  4: { name: 'int16', bytes: 2, read: (d, o, le) => d.getInt16(o, le), native: Int16Array, integer: true },
  8: { name: 'int32', bytes: 4, read: (d, o, le) => d.getInt32(o, le), native: Int32Array, integer: true },
  16: { name: 'float32', bytes: 4, read: (d, o, le) => d.getFloat32(o, le), native: Float32Array, integer: false },
  64: { name: 'float64', bytes: 8, read: (d, o, le) => d.getFloat64(o, le), native: Float64Array, integer: false },
  256: { name: 'int8', bytes: 1, read: (d, o) => d.getInt8(o), native: Int8Array, integer: true },
  512: { name: 'uint16', bytes: 2, read: (d, o, le) => d.getUint16(o, le), native: Uint16Array, integer: true },
  768: { name: 'uint32', bytes: 4, read: (d, o, le) => d.getUint32(o, le), native: Uint32Array, integer: true },
};

const UNSUPPORTED_NAMES: Record<number, string> = {
  1: 'binary (1 bit)',
  32: 'complex64',
  1024: 'int64',
  1280: 'uint64',
  1536: 'float128',
  1792: 'complex128',
  2048: 'complex256',
};

export const NIFTI_RGB24 = 128;
export const NIFTI_RGBA32 = 2304;

/** Bytes per voxel of a supported grey-scale datatype; throws UNSUPPORTED_INPUT for others. */
export function niftiDtype(datatypeCode: number): DtypeInfo {
  if (datatypeCode === NIFTI_RGB24 || datatypeCode === NIFTI_RGBA32) {
    throw new RadGroundError(
      'UNSUPPORTED_INPUT',
      `RGB color NIfTI volumes are not supported (datatype ${datatypeCode === NIFTI_RGB24 ? 'RGB24' : 'RGBA32'}; ` +
        'RadGround shows grey-scale volumes only, e.g. convert the color map back to its scalar values)',
    );
  }
  const info = DTYPES[datatypeCode];
  if (!info) {
    const name = UNSUPPORTED_NAMES[datatypeCode];
    if (name) throw new RadGroundError('UNSUPPORTED_INPUT', `NIfTI datatype ${name} is not supported`);
    throw new RadGroundError('CORRUPT_INPUT', `NIfTI header has an unknown datatype code ${datatypeCode}`);
  }
  return info;
}

function rawValues(info: DtypeInfo, buffer: ArrayBuffer, offset: number, count: number, le: boolean): ArrayLike<number> {
  if (le && offset % info.bytes === 0) {
    return new info.native(buffer, offset, count);
  }
  if (le) {
    return new info.native(buffer.slice(offset, offset + count * info.bytes), 0, count);
  }
  const dv = new DataView(buffer, offset, count * info.bytes);
  const out = new Float64Array(count);
  for (let p = 0; p < count; p++) out[p] = info.read(dv, p * info.bytes, le);
  return out;
}

const fitsInt16 = (lo: number, hi: number) => lo >= -32768 && hi <= 32767;

/**
 * scl_slope / scl_inter that turn finite stored values into Infinity or NaN in float32 (e.g. slope 1e38)
 * make a volume of garbage: CORRUPT_INPUT instead of a precision warning.
 */
function assertScaledFinite(out: Float32Array, raw: ArrayLike<number>, slope: number, inter: number): void {
  for (let p = 0; p < out.length; p++) {
    if (!Number.isFinite(out[p]) && Number.isFinite(raw[p])) {
      throw new RadGroundError(
        'CORRUPT_INPUT',
        `NIfTI scl_slope ${slope} / scl_inter ${inter} make voxel values non-finite (stored ${raw[p]} becomes ${out[p]})`,
      );
    }
  }
}

export interface NiftiScalarsResult {
  scalars: VolumeScalars;
  scaled: boolean;
  warnings: string[];
}

export function niftiScalars(
  datatypeCode: number,
  buffer: ArrayBuffer,
  offset: number,
  count: number,
  littleEndian: boolean,
  sclSlope: number,
  sclInter: number,
): NiftiScalarsResult {
  const info = niftiDtype(datatypeCode);
  const warnings: string[] = [];
  const raw = rawValues(info, buffer, offset, count, littleEndian);
  const inter = Number.isFinite(sclInter) ? sclInter : 0;
  const scaled = Number.isFinite(sclSlope) && sclSlope !== 0 && !(sclSlope === 1 && inter === 0);
  const slope = scaled ? sclSlope : 1;
  const offsetValue = scaled ? inter : 0;

  if (!info.integer) {
    const out = new Float32Array(count);
    for (let p = 0; p < count; p++) out[p] = raw[p]! * slope + offsetValue;
    if (scaled) assertScaledFinite(out, raw, slope, offsetValue);
    return { scalars: out, scaled, warnings };
  }

  const [lo, hi] = scalarRange(raw);
  if (!scaled) {
    // Always copies: the result never aliases the caller's (or the decompressed file's) buffer.
    if (info.name === 'uint8') return { scalars: new Uint8Array(raw), scaled, warnings };
    if (fitsInt16(lo, hi)) return { scalars: new Int16Array(raw), scaled, warnings };
  } else if (Number.isInteger(slope) && Number.isInteger(offsetValue)) {
    const a = lo * slope + offsetValue;
    const b = hi * slope + offsetValue;
    if (fitsInt16(Math.min(a, b), Math.max(a, b))) {
      const out = new Int16Array(count);
      for (let p = 0; p < count; p++) out[p] = raw[p]! * slope + offsetValue;
      return { scalars: out, scaled, warnings };
    }
  }
  if (Math.max(Math.abs(lo), Math.abs(hi)) * Math.abs(slope) > 2 ** 24) {
    warnings.push(`NIfTI ${info.name} values beyond ±2^24 were stored as float32 and lost precision.`);
  }
  const out = new Float32Array(count);
  for (let p = 0; p < count; p++) out[p] = raw[p]! * slope + offsetValue;
  if (scaled) assertScaledFinite(out, raw, slope, offsetValue);
  return { scalars: out, scaled, warnings };
}
