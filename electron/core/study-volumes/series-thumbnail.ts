import { readModalityFrames } from '../dicom';
import { encodeRgbaPng } from '../imaging/png-encoder';
import { planDicomStack, type SeriesStack } from '../volumes';

export const THUMBNAIL_SIZE = 128;

/**
 * A small PNG of a stack's middle image, windowed as its header says (or by a robust range), with
 * MONOCHROME1 inverted. Decodes one image only, so a study's series list appears at once.
 */
export async function seriesThumbnail(stack: SeriesStack, size = THUMBNAIL_SIZE): Promise<{ png: Uint8Array; width: number; height: number }> {
  const plan = planDicomStack(stack.instances);
  const source = plan.slices[Math.floor(plan.slices.length / 2)]!.source;
  const frame = (await readModalityFrames(source.instance))[source.frameIndex]!;
  const { rows, columns } = source.instance;
  const scale = size / Math.max(rows, columns);
  const width = Math.max(1, Math.round(columns * scale));
  const height = Math.max(1, Math.round(rows * scale));
  const [lo, hi] = windowOf(source.instance.windowCenter, source.instance.windowWidth, frame);
  const invert = source.instance.photometricInterpretation === 'MONOCHROME1';
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const j = Math.min(rows - 1, Math.floor(y / scale));
    for (let x = 0; x < width; x++) {
      const i = Math.min(columns - 1, Math.floor(x / scale));
      const t = Math.min(1, Math.max(0, (frame[j * columns + i]! - lo) / (hi - lo)));
      const v = Math.round((invert ? 1 - t : t) * 255);
      const o = (y * width + x) * 4;
      rgba[o] = rgba[o + 1] = rgba[o + 2] = v;
      rgba[o + 3] = 255;
    }
  }
  return { png: encodeRgbaPng(rgba, width, height), width, height };
}

function windowOf(center: number | null, width: number | null, values: ArrayLike<number>): [number, number] {
  if (center !== null && width !== null && width > 1) return [center - width / 2, center + width / 2];
  // 1st-99th percentile of a sample: outliers (padding, metal) do not wash the image out.
  const step = Math.max(1, Math.floor(values.length / 4096));
  const sample: number[] = [];
  for (let k = 0; k < values.length; k += step) sample.push(values[k]!);
  sample.sort((a, b) => a - b);
  const lo = sample[Math.floor(sample.length * 0.01)] ?? 0;
  const hi = sample[Math.floor(sample.length * 0.99)] ?? 1;
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}
