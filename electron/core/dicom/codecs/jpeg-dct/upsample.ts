/**
 * libjpeg's upsampling of a subsampled component to the frame's size (jdsample.c, do_fancy_upsampling on,
 * as DCMTK's and GDCM's decoders leave it): the "fancy" triangle filters for 2:1 horizontal (4:2:2) and
 * 2:1 in both directions (4:2:0) when the component is wider than 2 samples, plain replication for every
 * other integral ratio (4:1:1...). Same integer rounding, so the samples match DCMTK's dcmdjpeg.
 */

/** Row `r` of a plane, edges replicated (libjpeg's context rows above the first and below the last row). */
function rowAt(plane: Uint16Array, width: number, height: number, r: number): Uint16Array {
  const clamped = r < 0 ? 0 : r >= height ? height - 1 : r;
  return plane.subarray(clamped * width, clamped * width + width);
}

/** h2v1_fancy_upsample: each output pair is 3/4 of the nearer and 1/4 of the further input sample. */
function fancyRow2(input: Uint16Array, width: number, out: Uint16Array, outOffset: number): void {
  let o = outOffset;
  out[o++] = input[0]!;
  out[o++] = (input[0]! * 3 + input[1]! + 2) >> 2;
  for (let i = 1; i < width - 1; i++) {
    const v = input[i]! * 3;
    out[o++] = (v + input[i - 1]! + 1) >> 2;
    out[o++] = (v + input[i + 1]! + 2) >> 2;
  }
  out[o++] = (input[width - 1]! * 3 + input[width - 2]! + 1) >> 2;
  out[o] = input[width - 1]!;
}

/** h2v2_fancy_upsample: the triangle filter in both directions (3:1 with the nearer row, then the columns). */
function fancyRows2x2(nearer: Uint16Array, further: Uint16Array, width: number, out: Uint16Array, outOffset: number): void {
  let o = outOffset;
  const sum = (i: number): number => nearer[i]! * 3 + further[i]!;
  let last = sum(0);
  let current = last;
  let next = sum(1);
  out[o++] = (current * 4 + 8) >> 4;
  out[o++] = (current * 3 + next + 7) >> 4;
  for (let i = 1; i < width - 1; i++) {
    last = current;
    current = next;
    next = sum(i + 1);
    out[o++] = (current * 3 + last + 8) >> 4;
    out[o++] = (current * 3 + next + 7) >> 4;
  }
  last = current;
  current = next;
  out[o++] = (current * 3 + last + 8) >> 4;
  out[o] = (current * 4 + 7) >> 4;
}

/**
 * The component plane (width x height samples) scaled by (hFactor, vFactor) and cropped to
 * frameWidth x frameHeight. A plane at full size is returned as is.
 */
export function upsampleComponent(
  plane: Uint16Array,
  width: number,
  height: number,
  hFactor: number,
  vFactor: number,
  frameWidth: number,
  frameHeight: number,
): Uint16Array {
  if (hFactor === 1 && vFactor === 1) return plane;
  const outWidth = width * hFactor;
  const full = new Uint16Array(outWidth * height * vFactor);
  const fancy = hFactor === 2 && (vFactor === 1 || vFactor === 2) && width > 2;
  for (let r = 0; r < height; r++) {
    const row = rowAt(plane, width, height, r);
    if (fancy && vFactor === 1) {
      fancyRow2(row, width, full, r * outWidth);
    } else if (fancy) {
      fancyRows2x2(row, rowAt(plane, width, height, r - 1), width, full, 2 * r * outWidth);
      fancyRows2x2(row, rowAt(plane, width, height, r + 1), width, full, (2 * r + 1) * outWidth);
    } else {
      const start = r * vFactor * outWidth;
      for (let i = 0; i < width; i++) full.fill(row[i]!, start + i * hFactor, start + (i + 1) * hFactor);
      for (let k = 1; k < vFactor; k++) full.copyWithin(start + k * outWidth, start, start + outWidth);
    }
  }
  if (outWidth === frameWidth && height * vFactor === frameHeight) return full;
  const cropped = new Uint16Array(frameWidth * frameHeight);
  for (let r = 0; r < frameHeight; r++) cropped.set(full.subarray(r * outWidth, r * outWidth + frameWidth), r * frameWidth);
  return cropped;
}
