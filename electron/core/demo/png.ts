/** Greyscale previews of the phantom (PNG through the core's encoder), for looking at it. */
import { encodeRgbaPng } from '../imaging/png-encoder';

export function encodeGreyPng(pixels: Uint8Array, width: number, height: number): Buffer {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const v = pixels[i]!;
    rgba[i * 4] = v;
    rgba[i * 4 + 1] = v;
    rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  return encodeRgbaPng(rgba, width, height);
}

/** Maps HU to 0..255 with a window. */
export function windowToGrey(hu: ArrayLike<number>, center: number, width: number): Uint8Array {
  const out = new Uint8Array(hu.length);
  const lo = center - width / 2;
  for (let i = 0; i < hu.length; i++) {
    const v = ((hu[i]! - lo) / width) * 255;
    out[i] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
  }
  return out;
}
