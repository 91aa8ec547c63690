import { ref } from 'vue';
import { regionHoverAt } from '../regions/region-hover';
import type { ViewerStore } from '../stores/viewer-store';
import type { SliceViewId, ViewId } from '../types';

export interface RegionTip {
  viewId: SliceViewId;
  x: number;
  y: number;
  text: string;
  regionId: string;
}

/** The region tooltip of the 2D views: the label under the pointer while the regions overlay is on. */
export function useRegionHover(store: ViewerStore) {
  const tip = ref<RegionTip | null>(null);

  function onMove(e: PointerEvent, viewId: ViewId): void {
    const camera = viewId === 'volume' ? null : store.sliceCameras[viewId];
    const map = store.labelMap;
    if (!camera || !map || !store.grid || !store.showRegions || e.buttons !== 0) {
      tip.value = null;
      return;
    }
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const hit = regionHoverAt(map, store.grid, camera, [x, y], store.labelRegions);
    tip.value = hit ? { viewId: viewId as SliceViewId, x, y, text: hit.text, regionId: hit.entry.regionId } : null;
  }

  return { tip, onMove, onLeave: () => void (tip.value = null) };
}
