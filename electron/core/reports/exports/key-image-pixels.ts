/**
 * The pixels of a key image (keyImageLayout in key-image.ts says which slice, window, flips and
 * boxes): the slice windowed to grey, each linked region outlined just outside its mask on the slice,
 * or around its box when it has none. Plain data in and out, so it also runs in a worker thread
 * (the DICOM worker renders and encodes the key images of exports).
 */
import { RadGroundError } from '../../errors/radground-error';
import { encodeRgbaPng } from '../../imaging/png-encoder';
import type { VolumeScalars } from '../../volume-assembly/volume';
import type { KeyImageLayout, NormalisedBox } from './key-image';

const PRIMARY_COLOR = [255, 200, 0] as const;
const OTHER_COLOR = [0, 200, 255] as const;
const BOX_MARGIN = 2;

/**
 * Everything the pixels of a key image depend on, as plain data: one slice of modality values (row
 * by row, `layout.width` x `layout.height`) and, per drawn box, the mask runs of its region on that
 * slice (null: outline the box). Small enough to send to a worker thread, the slice transferred.
 */
export interface KeyImagePixelsInput {
  layout: KeyImageLayout;
  slice: VolumeScalars;
  invert: boolean;
  /** One per `layout.boxes` entry, in the same order. */
  maskRuns: (readonly number[] | null)[];
}

function paint(rgba: Uint8Array, width: number, height: number, x: number, y: number, c: readonly number[]): void {
  if (x < 0 || y < 0 || x >= width || y >= height) return;
  const o = (y * width + x) * 4;
  rgba[o] = c[0]!;
  rgba[o + 1] = c[1]!;
  rgba[o + 2] = c[2]!;
  rgba[o + 3] = 255;
}

/** Pixels just outside the mask (runs over the slice's voxels, outer contour), in display coordinates. */
function outlineMask(rgba: Uint8Array, layout: KeyImageLayout, runs: readonly number[], color: readonly number[]): void {
  const { width: w, height: h } = layout;
  if (runs.length === 0) return;
  const inside = new Uint8Array(w * h);
  for (let q = 0; q < runs.length; q += 2) inside.fill(1, runs[q], runs[q]! + runs[q + 1]!);
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      if (inside[j * w + i]) continue;
      const near =
        (i > 0 && inside[j * w + i - 1]) || (i < w - 1 && inside[j * w + i + 1]) || (j > 0 && inside[(j - 1) * w + i]) || (j < h - 1 && inside[(j + 1) * w + i]);
      if (near) paint(rgba, w, h, layout.flipX ? w - 1 - i : i, layout.flipY ? h - 1 - j : j, color);
    }
  }
}

function outlineBox(rgba: Uint8Array, layout: KeyImageLayout, box: NormalisedBox, color: readonly number[]): void {
  const { width: w, height: h } = layout;
  const x0 = Math.round(box[0] * w) - BOX_MARGIN;
  const y0 = Math.round(box[1] * h) - BOX_MARGIN;
  const x1 = Math.round(box[2] * w) - 1 + BOX_MARGIN;
  const y1 = Math.round(box[3] * h) - 1 + BOX_MARGIN;
  for (let x = x0; x <= x1; x++) {
    paint(rgba, w, h, x, y0, color);
    paint(rgba, w, h, x, y1, color);
  }
  for (let y = y0; y <= y1; y++) {
    paint(rgba, w, h, x0, y, color);
    paint(rgba, w, h, x1, y, color);
  }
}

/** RGBA pixels of a key image from its pixel input (greyscale slice, windowed, with outlines). */
export function renderKeyImagePixels(input: KeyImagePixelsInput): Uint8Array {
  const { layout, slice, invert } = input;
  const { width: w, height: h } = layout;
  if (slice.length !== w * h) throw new RadGroundError('INTERNAL', `key image slice has ${slice.length} values, expected ${w} x ${h}`);
  const rgba = new Uint8Array(w * h * 4);
  const lo = layout.window.center - layout.window.width / 2;
  const scale = layout.window.width > 0 ? 255 / layout.window.width : 0;
  for (let j = 0; j < h; j++) {
    const y = layout.flipY ? h - 1 - j : j;
    for (let i = 0; i < w; i++) {
      const x = layout.flipX ? w - 1 - i : i;
      let g = (slice[j * w + i]! - lo) * scale;
      g = g < 0 ? 0 : g > 255 ? 255 : Math.round(g);
      if (invert) g = 255 - g;
      const o = (y * w + x) * 4;
      rgba[o] = g;
      rgba[o + 1] = g;
      rgba[o + 2] = g;
      rgba[o + 3] = 255;
    }
  }
  layout.boxes.forEach(({ box }, n) => {
    const color = n === 0 ? PRIMARY_COLOR : OTHER_COLOR;
    const runs = input.maskRuns[n];
    if (runs) outlineMask(rgba, layout, runs, color);
    else outlineBox(rgba, layout, box, color);
  });
  return rgba;
}

/** The key image's PNG from its pixel input (what the worker thread runs for exports). */
export function renderKeyImagePixelsPng(input: KeyImagePixelsInput): Buffer {
  return encodeRgbaPng(renderKeyImagePixels(input), input.layout.width, input.layout.height);
}

