/** One color image as `images.rgb` gives it: 8-bit R, G, B per pixel, rows top to bottom. */
export interface RgbPixels {
  rows: number;
  columns: number;
  rgb: Uint8Array;
}

/** The key of image k of a volume in the store's color images. */
export function rgbKey(volumeId: string, k: number): string {
  return `${volumeId}:${k}`;
}

/** True for the color models the core decodes to RGB (3 samples, or PALETTE COLOR). */
export function isColor(display: { samplesPerPixel: number; photometricInterpretation: string } | null): boolean {
  return !!display && (display.samplesPerPixel === 3 || display.photometricInterpretation === 'PALETTE COLOR');
}

/** Fills `out` (RGBA) with the image's colors, shown as stored (no window: color has no VOI). */
export function renderRgb(image: RgbPixels, out: Uint8ClampedArray): void {
  const n = image.rows * image.columns;
  for (let p = 0; p < n; p++) {
    out[p * 4] = image.rgb[p * 3]!;
    out[p * 4 + 1] = image.rgb[p * 3 + 1]!;
    out[p * 4 + 2] = image.rgb[p * 3 + 2]!;
    out[p * 4 + 3] = 255;
  }
}
