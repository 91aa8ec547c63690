import type { LabelMapMeta, RegionSummary } from '../../../../electron/shared/api/channels/analysis-channels';
import { worldToIndex } from '../../../../electron/shared/geometry/grid';
import type { GridGeometry, Vec3 } from '../types';

export type LabelEntry = LabelMapMeta['labels'][number];

/** A region label volume as the viewer holds it (the bytes of `regions.labelMap`). */
export interface LoadedLabelMap {
  volumeId: string;
  meta: LabelMapMeta;
  data: Uint8Array;
}

/** The label value of the voxel nearest to a world point; 0 outside the grid or for background. */
export function labelValueAt(map: Pick<LoadedLabelMap, 'meta' | 'data'>, grid: Pick<GridGeometry, 'direction' | 'spacing' | 'origin'>, world: Vec3): number {
  const [nx, ny, nz] = map.meta.dims;
  const [i, j, k] = worldToIndex(grid, world).map((v) => Math.round(v)) as Vec3;
  if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return 0;
  return map.data[k * nx * ny + j * nx + i] ?? 0;
}

/** The labelled region under a world point, or null. */
export function labelAt(map: Pick<LoadedLabelMap, 'meta' | 'data'>, grid: Pick<GridGeometry, 'direction' | 'spacing' | 'origin'>, world: Vec3): LabelEntry | null {
  const value = labelValueAt(map, grid, world);
  return value ? (map.meta.labels.find((l) => l.value === value) ?? null) : null;
}

/** Tooltip text: "nodule 8 mm, right lower", "right lung 2410 ml". */
export function regionTooltipText(entry: LabelEntry, region: Pick<RegionSummary, 'diameterMm' | 'volumeMl' | 'laterality' | 'zone'> | undefined): string {
  if (!region) return entry.label;
  const size = region.diameterMm !== null ? `${Math.round(region.diameterMm)} mm` : `${region.volumeMl >= 10 ? Math.round(region.volumeMl) : region.volumeMl.toFixed(1)} ml`;
  const where = entry.kind === 'finding' ? [region.laterality, region.zone].filter((s) => s).join(' ') : '';
  return where ? `${entry.label} ${size}, ${where}` : `${entry.label} ${size}`;
}
