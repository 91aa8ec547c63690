import type { SliceViewId, Vec2, Vec3 } from '../types';
import { worldToScreen } from './projection';
import type { SliceCamera } from './slice-camera';
import { cross, dot, norm } from './vec3';

export interface ScreenSegment {
  from: Vec2;
  to: Vec2;
}

/** Clips the infinite line through `point` along `dir` to the rectangle [0,w]×[0,h]. */
export function clipLineToRect(point: Vec2, dir: Vec2, width: number, height: number): ScreenSegment | null {
  let t0 = -Infinity;
  let t1 = Infinity;
  const bounds: [number, number, number, number][] = [
    [dir[0], point[0], 0, width],
    [dir[1], point[1], 0, height],
  ];
  for (const [d, p, lo, hi] of bounds) {
    if (Math.abs(d) < 1e-12) {
      if (p < lo || p > hi) return null;
      continue;
    }
    const a = (lo - p) / d;
    const b = (hi - p) / d;
    t0 = Math.max(t0, Math.min(a, b));
    t1 = Math.min(t1, Math.max(a, b));
  }
  if (!(t1 >= t0) || !Number.isFinite(t0) || !Number.isFinite(t1)) return null;
  return { from: [point[0] + dir[0] * t0, point[1] + dir[1] * t0], to: [point[0] + dir[0] * t1, point[1] + dir[1] * t1] };
}

/**
 * In `view`, the traces of the other views' slice planes (all through the crosshair): the
 * segments drawn as the crosshair, tagged with the plane they belong to.
 */
export function crosshairLines(
  view: SliceCamera,
  others: ReadonlyArray<Pick<SliceCamera, 'viewId' | 'directionOfProjection'>>,
  crosshair: Vec3,
): Array<ScreenSegment & { viewId: SliceViewId }> {
  const c = worldToScreen(view, crosshair);
  const out: Array<ScreenSegment & { viewId: SliceViewId }> = [];
  for (const other of others) {
    const dir: Vec3 = cross(view.directionOfProjection, other.directionOfProjection);
    if (norm(dir) < 1e-6) continue; // parallel planes: no trace
    const screenDir: Vec2 = [dot(dir, view.viewRight), -dot(dir, view.viewUp)];
    const seg = clipLineToRect(c, screenDir, view.widthPx, view.heightPx);
    if (seg) out.push({ ...seg, viewId: other.viewId });
  }
  return out;
}
