/**
 * Color sample layouts and color spaces (PS3.3 C.7.6.3.1.2/3): planar -> pixel-interleaved, uncompressed
 * YBR_FULL_422 / YBR_PARTIAL_422 -> one Y/Cb/Cr triple per pixel, YBR_FULL and YBR_PARTIAL -> RGB.
 */
import type { StoredSamples } from './stored-to-modality';

type SampleArray = Uint8Array | Uint16Array | Uint32Array;

function allocateLike(samples: StoredSamples, length: number): SampleArray {
  if (samples instanceof Uint8Array || samples instanceof Int8Array) return new Uint8Array(length);
  if (samples instanceof Uint16Array || samples instanceof Int16Array) return new Uint16Array(length);
  return new Uint32Array(length);
}

/** Planar configuration 1 (RRR...GGG...BBB...) -> pixel-interleaved (RGBRGB...). */
export function interleavePlanes(samples: StoredSamples, pixels: number, components: number): SampleArray {
  const out = allocateLike(samples, pixels * components);
  for (let c = 0; c < components; c++) {
    const plane = c * pixels;
    for (let i = 0, o = c; i < pixels; i++, o += components) out[o] = samples[plane + i]!;
  }
  return out;
}

/**
 * Uncompressed YBR_FULL_422 or YBR_PARTIAL_422 (Y1 Y2 Cb Cr per pair of pixels of a row) -> Y Cb Cr per pixel.
 * `samples` holds rows * columns * 2 of them (assertRgbDecodable has refused an odd number of columns).
 */
export function expandYbr422(samples: StoredSamples, rows: number, columns: number): SampleArray {
  const out = allocateLike(samples, rows * columns * 3);
  let at = 0;
  let o = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c += 2) {
      const y1 = samples[at]!;
      const y2 = samples[at + 1]!;
      const cb = samples[at + 2]!;
      const cr = samples[at + 3]!;
      at += 4;
      out[o++] = y1;
      out[o++] = cb;
      out[o++] = cr;
      if (c + 1 < columns) {
        out[o++] = y2;
        out[o++] = cb;
        out[o++] = cr;
      }
    }
  }
  return out;
}

/**
 * YBR_FULL -> RGB in place on pixel-interleaved samples of `bits` bits (ITU-R BT.601 full range as PS3.3
 * C.7.6.3.1.2 defines it), rounded and clamped to the sample range.
 */
export function ybrFullToRgbInPlace(samples: SampleArray, bits: number): void {
  const max = 2 ** bits - 1;
  const half = 2 ** (bits - 1);
  const clamp = (v: number): number => (v < 0 ? 0 : v > max ? max : Math.round(v));
  for (let i = 0; i + 2 < samples.length; i += 3) {
    const y = samples[i]!;
    const cb = samples[i + 1]! - half;
    const cr = samples[i + 2]! - half;
    samples[i] = clamp(y + 1.402 * cr);
    samples[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
    samples[i + 2] = clamp(y + 1.772 * cb);
  }
}

/**
 * YCbCr -> RGB in place as libjpeg's decoder does it (jdcolor.c ycc_rgb_convert: 16-bit fixed-point tables,
 * arithmetic right shifts, range-limited), for samples that come out of RadGround's sequential DCT decoder:
 * the same RGB as DCMTK's dcmdjpeg and GDCM give for the same JPEG.
 */
export function jpegYccToRgbInPlace(samples: SampleArray, bits: number): void {
  const max = 2 ** bits - 1;
  const center = 2 ** (bits - 1);
  const fix = (x: number): number => Math.floor(x * 65536 + 0.5);
  const half = 32768;
  const shift = (x: number): number => Math.floor(x / 65536);
  const limit = (v: number): number => (v < 0 ? 0 : v > max ? max : v);
  for (let i = 0; i + 2 < samples.length; i += 3) {
    const y = samples[i]!;
    const cb = samples[i + 1]! - center;
    const cr = samples[i + 2]! - center;
    samples[i] = limit(y + shift(fix(1.402) * cr + half));
    samples[i + 1] = limit(y + shift(-fix(0.34414) * cb + half - fix(0.71414) * cr));
    samples[i + 2] = limit(y + shift(fix(1.772) * cb + half));
  }
}

type Row3 = readonly [number, number, number];
type Matrix3 = readonly [Row3, Row3, Row3];

/** PS3.3 C.7.6.3.1.2: YBR_PARTIAL_422 / _420 from RGB (ITU-R BT.601 limited range), for 8-bit samples. */
const PARTIAL_FORWARD: Matrix3 = [
  [0.2568, 0.5041, 0.0979],
  [-0.1482, -0.291, 0.4392],
  [0.4392, -0.3678, -0.0714],
];

function inverse3(m: Matrix3): Matrix3 {
  const [[a, b, c], [d, e, f], [g, h, k]] = m;
  const det = a * (e * k - f * h) - b * (d * k - f * g) + c * (d * h - e * g);
  return [
    [(e * k - f * h) / det, (c * h - b * k) / det, (b * f - c * e) / det],
    [(f * g - d * k) / det, (a * k - c * g) / det, (c * d - a * f) / det],
    [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
  ];
}

const PARTIAL_INVERSE = inverse3(PARTIAL_FORWARD);

/**
 * YBR_PARTIAL (limited range: Y 16..235, Cb/Cr 16..240 around 128, scaled by 2^(bits-8) above 8 bits) ->
 * RGB in place, inverting the equations of PS3.3 C.7.6.3.1.2; rounded and clamped to the sample range.
 */
export function ybrPartialToRgbInPlace(samples: SampleArray, bits: number): void {
  const max = 2 ** bits - 1;
  const scale = 2 ** (bits - 8);
  const yOffset = 16 * scale;
  const center = 128 * scale;
  const [[ry, rb, rr], [gy, gb, gr], [by, bb, br]] = PARTIAL_INVERSE;
  const clamp = (v: number): number => (v < 0 ? 0 : v > max ? max : Math.round(v));
  for (let i = 0; i + 2 < samples.length; i += 3) {
    const y = samples[i]! - yOffset;
    const cb = samples[i + 1]! - center;
    const cr = samples[i + 2]! - center;
    samples[i] = clamp(ry * y + rb * cb + rr * cr);
    samples[i + 1] = clamp(gy * y + gb * cb + gr * cr);
    samples[i + 2] = clamp(by * y + bb * cb + br * cr);
  }
}
