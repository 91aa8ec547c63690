import type { GridGeometry, LengthMeasurement, RegionHighlight, SliceViewId, Vec2, Vec3 } from '../types';
import { intersectBoxWithPlane } from './box-slice';
import { crosshairLines, type ScreenSegment } from './crosshair-lines';
import { formatLength, isOnSlice, lengthMm } from './measurement';
import { worldToScreen } from './projection';
import type { SliceCamera } from './slice-camera';
import type { SliceOrientation } from './slice-orientation';

export interface ScreenMeasurement {
  id: string;
  from: Vec2;
  to: Vec2;
  text: string;
  draft: boolean;
}

export interface SliceAnnotations {
  crosshair: Array<ScreenSegment & { viewId: SliceViewId }>;
  crosshairCenter: Vec2;
  /** The highlighted box's cross-section on this slice (screen polygon), if it crosses it. */
  highlight: { id: string; label: string; points: Vec2[] } | null;
  measurements: ScreenMeasurement[];
}

export interface SliceAnnotationInputs {
  camera: SliceCamera;
  grid: GridGeometry;
  orientations: Record<SliceViewId, SliceOrientation>;
  crosshair: Vec3;
  highlight: RegionHighlight | null;
  measurements: readonly LengthMeasurement[];
  draft: { viewId: SliceViewId; p1: Vec3; p2: Vec3 } | null;
}

/** Everything the SVG layer of a 2D view draws, in the view's CSS pixels. */
export function buildSliceAnnotations(input: SliceAnnotationInputs): SliceAnnotations {
  const { camera, grid, orientations, crosshair } = input;
  const others = (Object.keys(orientations) as SliceViewId[]).filter((id) => id !== camera.viewId).map((id) => orientations[id]);

  let highlight: SliceAnnotations['highlight'] = null;
  if (input.highlight) {
    const polygon = intersectBoxWithPlane(input.highlight.worldBox, camera.planePoint, camera.directionOfProjection, camera.viewRight, camera.viewUp);
    if (polygon.length >= 3) {
      highlight = { id: input.highlight.id, label: input.highlight.label, points: polygon.map((p) => worldToScreen(camera, p)) };
    }
  }

  const measurements: ScreenMeasurement[] = [];
  const show = (id: string, p1: Vec3, p2: Vec3, draft: boolean) =>
    measurements.push({ id, from: worldToScreen(camera, p1), to: worldToScreen(camera, p2), text: formatLength(lengthMm(p1, p2)), draft });
  for (const m of input.measurements) if (isOnSlice(camera, grid, m.p1) && isOnSlice(camera, grid, m.p2)) show(m.id, m.p1, m.p2, false);
  if (input.draft && input.draft.viewId === camera.viewId) show('draft', input.draft.p1, input.draft.p2, true);

  return {
    crosshair: crosshairLines(camera, others, crosshair),
    crosshairCenter: worldToScreen(camera, crosshair),
    highlight,
    measurements,
  };
}
