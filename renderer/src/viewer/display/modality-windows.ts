import type { WindowLevel } from '../types';
import { WINDOW_PRESETS } from './window-level';

/** A window the reader can pick, and where it comes from. */
export interface WindowOption extends WindowLevel {
  id: string;
  label: string;
  source: 'file' | 'voi-lut' | 'auto' | 'ct-preset';
}

export interface WindowSourceInfo {
  modality: string | null;
  /** 'HU' only for CT rescaled to Hounsfield units. */
  units: 'HU' | 'raw';
  /** The windows the file gives (Window Center/Width, VOI LUTs), in file order. */
  fileWindows: readonly { center: number; width: number; explanation: string | null; source: 'window' | 'voi-lut' }[];
  /** The automatic window (percentiles of the histogram); null when there are no pixels. */
  autoWindow: WindowLevel | null;
}

/**
 * The window/level choices of a series, by modality: the file's own windows first, then the
 * automatic window from the histogram (1st–99th percentile); CT presets (lung, bone… in HU) only for
 * CT in Hounsfield units, where a fixed HU window means the same tissue in every scan. The first
 * option is the one a series opens with.
 */
export function windowOptions(info: WindowSourceInfo): WindowOption[] {
  const out: WindowOption[] = info.fileWindows
    .filter((w) => Number.isFinite(w.center) && Number.isFinite(w.width) && w.width > 0)
    .map((w, i) => ({
      id: `file-${i + 1}`,
      label: w.explanation ?? (w.source === 'voi-lut' ? `VOI LUT ${i + 1}` : `File ${i + 1}`),
      center: w.center,
      width: w.width,
      source: w.source === 'voi-lut' ? 'voi-lut' : 'file',
    }));
  if (info.autoWindow) out.push({ id: 'auto', label: 'Auto (1–99%)', ...info.autoWindow, source: 'auto' });
  if (isHounsfieldCt(info)) for (const p of WINDOW_PRESETS) out.push({ id: p.id, label: p.label, center: p.center, width: p.width, source: 'ct-preset' });
  return out;
}

export function isHounsfieldCt(info: Pick<WindowSourceInfo, 'modality' | 'units'>): boolean {
  return info.units === 'HU' && (info.modality ?? '').toUpperCase() === 'CT';
}

/** Every how many values `percentileWindow` samples `count` values (at most ~1M samples, 2M exclusive). */
export function percentileSampleStep(count: number): number {
  return Math.max(1, Math.floor(count / 1_048_576));
}

/**
 * The window spanning the `lo`–`hi` quantiles of the values (default 1st–99th percentile), from a
 * 4096-bin histogram over at most ~1M samples. Null for no values; width at least 1.
 */
export function percentileWindow(values: ArrayLike<number>, lo = 0.01, hi = 0.99, offset = 0, count = values.length - offset): WindowLevel | null {
  if (count <= 0) return null;
  const step = percentileSampleStep(count);
  let min = Infinity;
  let max = -Infinity;
  for (let i = offset; i < offset + count; i += step) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) return null;
  if (max === min) return { center: min, width: 1 };
  const bins = 4096;
  const hist = new Uint32Array(bins);
  const scale = (bins - 1) / (max - min);
  let n = 0;
  for (let i = offset; i < offset + count; i += step) {
    hist[Math.floor((values[i]! - min) * scale)]!++;
    n++;
  }
  const quantile = (q: number): number => {
    const target = q * n;
    let acc = 0;
    for (let b = 0; b < bins; b++) {
      acc += hist[b]!;
      if (acc >= target) return min + b / scale;
    }
    return max;
  };
  const a = quantile(lo);
  const b = quantile(hi) + 1 / scale;
  return { center: (a + b) / 2, width: Math.max(1, b - a) };
}
