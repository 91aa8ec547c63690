import type { ViewId, ViewerLayout } from '../types';

/** A viewport as fractions of the stage, origin at the top-left (CSS convention). */
export interface ViewportRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where each view sits for a layout; null when hidden.
 *   2x2: axial | coronal / sagittal | 3D
 *   1x3: axial | coronal | sagittal
 *   1x1: the active view alone
 */
export function layoutViewports(layout: ViewerLayout, activeView: ViewId): Record<ViewId, ViewportRect | null> {
  const hidden: Record<ViewId, ViewportRect | null> = { axial: null, coronal: null, sagittal: null, volume: null };
  switch (layout) {
    case '1x1':
      return { ...hidden, [activeView]: { x: 0, y: 0, width: 1, height: 1 } };
    case '1x3': {
      const w = 1 / 3;
      return {
        ...hidden,
        axial: { x: 0, y: 0, width: w, height: 1 },
        coronal: { x: w, y: 0, width: w, height: 1 },
        sagittal: { x: 2 * w, y: 0, width: 1 - 2 * w, height: 1 },
      };
    }
    case '2x2':
      return {
        axial: { x: 0, y: 0, width: 0.5, height: 0.5 },
        coronal: { x: 0.5, y: 0, width: 0.5, height: 0.5 },
        sagittal: { x: 0, y: 0.5, width: 0.5, height: 0.5 },
        volume: { x: 0.5, y: 0.5, width: 0.5, height: 0.5 },
      };
  }
}

/** VTK renderer viewport [xmin, ymin, xmax, ymax], origin at the bottom-left. */
export function toVtkViewport(rect: ViewportRect): [number, number, number, number] {
  return [rect.x, 1 - rect.y - rect.height, rect.x + rect.width, 1 - rect.y];
}

/** The viewport's size in CSS pixels for a stage size. */
export function viewportPixelSize(rect: ViewportRect, stageWidth: number, stageHeight: number): { width: number; height: number } {
  return { width: Math.max(1, rect.width * stageWidth), height: Math.max(1, rect.height * stageHeight) };
}

export const LAYOUTS: readonly ViewerLayout[] = ['1x1', '1x3', '2x2'];
