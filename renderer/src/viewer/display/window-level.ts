import type { WindowLevel } from '../types';

export type WindowPresetId = 'lung' | 'mediastinum' | 'bone' | 'brain' | 'abdomen';

export interface WindowPreset extends WindowLevel {
  id: WindowPresetId;
  label: string;
  /** The number key that applies it. */
  key: string;
}

/** CT window presets (HU), on the number keys 1..5. */
export const WINDOW_PRESETS: readonly WindowPreset[] = [
  { id: 'lung', label: 'Lung', key: '1', center: -600, width: 1500 },
  { id: 'mediastinum', label: 'Mediastinum', key: '2', center: 40, width: 400 },
  { id: 'bone', label: 'Bone', key: '3', center: 400, width: 1800 },
  { id: 'brain', label: 'Brain', key: '4', center: 40, width: 80 },
  { id: 'abdomen', label: 'Abdomen', key: '5', center: 60, width: 400 },
];

export function presetForKey(key: string): WindowPreset | null {
  return WINDOW_PRESETS.find((p) => p.key === key) ?? null;
}

export function presetById(id: WindowPresetId): WindowPreset {
  const preset = WINDOW_PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`unknown window preset ${id}`);
  return preset;
}

/** The window a volume opens with: its DICOM default window, else its full scalar range. */
export function defaultWindowLevel(meta: { defaultWindow: WindowLevel | null; scalarRange: [number, number] }): WindowLevel {
  const w = meta.defaultWindow;
  if (w && Number.isFinite(w.center) && Number.isFinite(w.width) && w.width > 0) return { center: w.center, width: w.width };
  const [lo, hi] = meta.scalarRange;
  return { center: (lo + hi) / 2, width: Math.max(1, hi - lo) };
}

/** Units of window per pixel of right-drag: about the full range over 1000 px (≥ 0.05). */
export function dragSensitivity(scalarRange: [number, number]): number {
  return Math.max(0.05, (scalarRange[1] - scalarRange[0]) / 1000);
}

/**
 * Right-drag window/level: dragging right widens the window (less contrast), dragging down raises
 * the level (darker image). The width never drops below 1.
 */
export function dragWindowLevel(wl: WindowLevel, dx: number, dy: number, sensitivity: number): WindowLevel {
  return { center: wl.center + dy * sensitivity, width: Math.max(1, wl.width + dx * sensitivity) };
}

/** The scalar values mapped to black and to white (before any MONOCHROME1 inversion). */
export function windowRange(wl: WindowLevel): [number, number] {
  return [wl.center - wl.width / 2, wl.center + wl.width / 2];
}

export function formatWindowLevel(wl: WindowLevel): string {
  return `W ${Math.round(wl.width)} L ${Math.round(wl.center)}`;
}
