import type { RegionSummary } from '../../../../electron/shared/api/channels/analysis-channels';
import type { DrawnShape } from './stores/projection-store';

/** The shapes stored as regions (`regions.addImageShape`: label "<shape> <measurement>"), as the 2D viewer draws them. */
export function shapesOfRegions(regions: readonly RegionSummary[]): DrawnShape[] {
  return regions.flatMap((r) => {
    const a = r.image;
    if (!a || !r.volumeId) return [];
    const text = r.label.startsWith(`${a.shape} `) ? r.label.slice(a.shape.length + 1) : r.label;
    return [{ id: `stored-${r.id}`, shape: a.shape, volumeId: r.volumeId, k: a.k, points: [a.points[0], a.points[1]], text, regionId: r.id }];
  });
}
