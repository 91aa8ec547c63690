import { pixelKindOf, readModalityFrames, readRgbFrames, rgbDisplayBytes } from '../dicom';
import type { DicomInstance } from '../dicom/dicom-instance';
import { encodeRgbaPng } from '../imaging/png-encoder';
import { planDicomStack, type SeriesStack } from '../volume-assembly';

export const THUMBNAIL_SIZE = 128;

export interface SeriesThumbnail {
  png: Uint8Array;
  width: number;
  height: number;
}

/**
 * A small PNG of a stack's middle image: grey images windowed as their header says (or by a robust
 * range), with MONOCHROME1 inverted; color images (RGB, YBR, palette) in their own colors.
 * Decodes one image only, so a study's series list appears at once.
 */
export async function seriesThumbnail(stack: SeriesStack, size = THUMBNAIL_SIZE): Promise<SeriesThumbnail> {
  const plan = planDicomStack(stack.instances);
  const source = plan.slices[Math.floor(plan.slices.length / 2)]!.source;
  const { rows, columns } = source.instance;
  const scale = size / Math.max(rows, columns);
  const width = Math.max(1, Math.round(columns * scale));
  const height = Math.max(1, Math.round(rows * scale));
  const pixel = pixelKindOf(source.instance) === 'rgb' ? await rgbPixel(source.instance, source.frameIndex) : await greyPixel(source.instance, source.frameIndex);
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const j = Math.min(rows - 1, Math.floor(y / scale));
    for (let x = 0; x < width; x++) {
      const i = Math.min(columns - 1, Math.floor(x / scale));
      pixel(j * columns + i, rgba, (y * width + x) * 4);
    }
  }
  return { png: encodeRgbaPng(rgba, width, height), width, height };
}

/** Writes the RGBA of source pixel `p` at `out[o..o+3]`. */
type PixelWriter = (p: number, out: Uint8Array, o: number) => void;

async function rgbPixel(instance: DicomInstance, frameIndex: number): Promise<PixelWriter> {
  const rgb = rgbDisplayBytes((await readRgbFrames(instance))[frameIndex]!);
  return (p, out, o) => {
    out[o] = rgb[p * 3]!;
    out[o + 1] = rgb[p * 3 + 1]!;
    out[o + 2] = rgb[p * 3 + 2]!;
    out[o + 3] = 255;
  };
}

async function greyPixel(instance: DicomInstance, frameIndex: number): Promise<PixelWriter> {
  const frame = (await readModalityFrames(instance))[frameIndex]!;
  const [lo, hi] = windowOf(instance.windowCenter, instance.windowWidth, frame);
  const invert = instance.photometricInterpretation === 'MONOCHROME1';
  return (p, out, o) => {
    const t = Math.min(1, Math.max(0, (frame[p]! - lo) / (hi - lo)));
    out[o] = out[o + 1] = out[o + 2] = Math.round((invert ? 1 - t : t) * 255);
    out[o + 3] = 255;
  };
}

function windowOf(center: number | null, width: number | null, values: ArrayLike<number>): [number, number] {
  if (center !== null && width !== null && width > 1) return [center - width / 2, center + width / 2];
  return robustRange(values);
}

/**
 * The 1st-99th percentile of a sample of `values` (about `samples` of them): outliers (padding,
 * metal) do not wash an image out. Never empty: hi > lo.
 */
export function robustRange(values: ArrayLike<number>, samples = 4096): [number, number] {
  const step = Math.max(1, Math.floor(values.length / samples));
  const sample: number[] = [];
  for (let k = 0; k < values.length; k += step) sample.push(values[k]!);
  sample.sort((a, b) => a - b);
  const lo = sample[Math.floor(sample.length * 0.01)] ?? 0;
  const hi = sample[Math.floor(sample.length * 0.99)] ?? 1;
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}
