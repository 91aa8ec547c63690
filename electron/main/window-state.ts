import { z } from 'zod';

/**
 * The reading window's place, size, maximized and full-screen state, kept in the userData folder
 * (window-state-file.ts) and restored at the next start. The file is hostile input: read with a size cap,
 * checked with zod, ignored (with a log line) when it is not what we wrote. Bounds are placed back on a
 * display that exists now: a window whose title bar lies on no display's work area (a monitor unplugged,
 * a smaller resolution) goes to the primary display, and no window is made larger than its display.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** The bounds of the window when neither maximized nor full screen (getNormalBounds). */
  bounds: Rect;
  maximized: boolean;
  fullScreen: boolean;
}

/** Larger files are not ours: ignored unread. */
export const WINDOW_STATE_MAX_BYTES = 4096;
/** A coordinate or size past this (in device-independent pixels) is absurd, the file is ignored. */
const COORDINATE_LIMIT = 100_000;

const coordinate = z.number().int().min(-COORDINATE_LIMIT).max(COORDINATE_LIMIT);
const size = z.number().int().min(1).max(COORDINATE_LIMIT);
export const windowStateFileSchema = z
  .object({
    version: z.literal(1),
    bounds: z.object({ x: coordinate, y: coordinate, width: size, height: size }).strict(),
    maximized: z.boolean(),
    fullScreen: z.boolean(),
  })
  .strict();

export function serializeWindowState(state: WindowState): string {
  return JSON.stringify({ version: 1, ...state });
}

/** The state in a file's bytes, or why they are ignored. */
export function parseWindowState(bytes: Uint8Array | string): { state: WindowState } | { ignored: string } {
  if (bytes.length > WINDOW_STATE_MAX_BYTES) return { ignored: `larger than ${WINDOW_STATE_MAX_BYTES} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes));
  } catch {
    return { ignored: 'not JSON' };
  }
  const parsed = windowStateFileSchema.safeParse(json);
  if (!parsed.success) return { ignored: `not a window state (${parsed.error.issues[0]?.path.join('.') || 'root'})` };
  const { bounds, maximized, fullScreen } = parsed.data;
  return { state: { bounds, maximized, fullScreen } };
}

export interface Placement {
  /** Absent: Electron centres the window on the primary display. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
  fullScreen: boolean;
}

export interface PlacementDefaults {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

/** How much of the window's top strip (its title bar) must lie on a work area for it to stay there. */
const GRIP = { width: 100, height: 30 };

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function clampInto(bounds: Rect, area: Rect, defaults: PlacementDefaults): Rect {
  const width = Math.max(Math.min(bounds.width, area.width), Math.min(defaults.minWidth, area.width));
  const height = Math.max(Math.min(bounds.height, area.height), Math.min(defaults.minHeight, area.height));
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}

/**
 * Where the window opens: the saved state placed on today's displays (`workAreas`, the primary's first),
 * or the defaults (centred by Electron) with no saved state or no display.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[], defaults: PlacementDefaults): Placement {
  const areas = workAreas.filter((a) => a.width > 0 && a.height > 0);
  const primary = areas[0];
  if (!saved || !primary) return { width: defaults.width, height: defaults.height, maximized: false, fullScreen: false };
  const { bounds } = saved;
  const titleBar: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(bounds.height, GRIP.height) };
  const best = areas
    .map((area) => ({ area, shown: overlap(titleBar, area) }))
    .filter((c) => c.shown >= Math.min(GRIP.width, bounds.width) * titleBar.height)
    .sort((a, b) => b.shown - a.shown)[0];
  // On no display: the saved size, centred on the primary display.
  const onScreen = best
    ? clampInto(bounds, best.area, defaults)
    : clampInto(
        { ...bounds, x: primary.x + Math.round((primary.width - bounds.width) / 2), y: primary.y + Math.round((primary.height - bounds.height) / 2) },
        primary,
        defaults,
      );
  return { ...onScreen, maximized: saved.maximized, fullScreen: saved.fullScreen };
}
