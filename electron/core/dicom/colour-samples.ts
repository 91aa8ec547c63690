/**
 * Colour sample layouts and colour spaces (PS3.3 C.7.6.3.1.2/3): planar -> pixel-interleaved, uncompressed
 * YBR_FULL_422 -> one Y/Cb/Cr triple per pixel, YBR_FULL -> RGB.
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
    for (let i = 0, o = c; i < pixels; i++, o += components) out[o] = samples[plane + i];
  }
  return out;
}

/** Uncompressed YBR_FULL_422 (Y1 Y2 Cb Cr per pair of pixels of a row) -> Y Cb Cr per pixel. */
export function expandYbr422(samples: StoredSamples, rows: number, columns: number): SampleArray {
  const out = allocateLike(samples, rows * columns * 3);
  let at = 0;
  let o = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c += 2) {
      const y1 = samples[at];
      const y2 = samples[at + 1];
      const cb = samples[at + 2];
      const cr = samples[at + 3];
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
    const y = samples[i];
    const cb = samples[i + 1] - half;
    const cr = samples[i + 2] - half;
    samples[i] = clamp(y + 1.402 * cr);
    samples[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
    samples[i + 2] = clamp(y + 1.772 * cb);
  }
}
