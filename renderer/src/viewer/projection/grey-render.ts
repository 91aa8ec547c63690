import type { WindowLevel } from '../types';

/**
 * The displayed grey level (0..255) of a stored value under a window, by DICOM's LINEAR VOI function
 * (PS3.3 C.11.2.1.2.1): values at or below c - 0.5 - (w-1)/2 are black, above c - 0.5 + (w-1)/2
 * white. MONOCHROME1 images are inverted (low values white).
 */
export function displayGrey(value: number, wl: WindowLevel, invert: boolean): number {
  const w = Math.max(1, wl.width);
  const x = (value - (wl.center - 0.5)) / (w - 1 || 1) + 0.5;
  const g = Math.round(Math.min(1, Math.max(0, x)) * 255);
  return invert ? 255 - g : g;
}

/**
 * Fills `out` (RGBA, 4 bytes per pixel) with the grey levels of `count` values from `offset`.
 * Integer data go through a lookup table over their range (one evaluation per distinct value).
 */
export function renderGrey(values: ArrayLike<number>, offset: number, count: number, wl: WindowLevel, invert: boolean, out: Uint8ClampedArray, range: [number, number]): void {
  const integer = values instanceof Int16Array || values instanceof Uint8Array || values instanceof Uint16Array;
  const [lo, hi] = range;
  if (integer && hi - lo <= 1 << 17) {
    const lut = new Uint8Array(hi - lo + 1);
    for (let v = lo; v <= hi; v++) lut[v - lo] = displayGrey(v, wl, invert);
    for (let i = 0; i < count; i++) {
      const g = lut[values[offset + i]! - lo]!;
      const o = i * 4;
      out[o] = g;
      out[o + 1] = g;
      out[o + 2] = g;
      out[o + 3] = 255;
    }
    return;
  }
  for (let i = 0; i < count; i++) {
    const g = displayGrey(values[offset + i]!, wl, invert);
    const o = i * 4;
    out[o] = g;
    out[o + 1] = g;
    out[o + 2] = g;
    out[o + 3] = 255;
  }
}
