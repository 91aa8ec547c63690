import type { RegionSummary } from '../../../../electron/shared/api/channels/analysis-channels';
import { screenToWorld } from '../geometry/projection';
import type { GridGeometry, Vec2 } from '../types';
import { labelAt, regionTooltipText, type LabelEntry, type LoadedLabelMap } from './label-lookup';

export interface RegionHover {
  entry: LabelEntry;
  text: string;
}

/** The region under a CSS pixel of a 2D view (on its slice plane), with its tooltip text; null over background. */
export function regionHoverAt(
  map: Pick<LoadedLabelMap, 'meta' | 'data'>,
  grid: Pick<GridGeometry, 'direction' | 'spacing' | 'origin'>,
  camera: Parameters<typeof screenToWorld>[0],
  screen: Vec2,
  regions: ReadonlyMap<string, RegionSummary>,
): RegionHover | null {
  const entry = labelAt(map, grid, screenToWorld(camera, screen));
  return entry ? { entry, text: regionTooltipText(entry, regions.get(entry.regionId)) } : null;
}
