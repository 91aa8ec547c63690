import { defineStore } from 'pinia';
import { computed, ref, shallowReactive } from 'vue';
import type { RegionHighlight } from '../types';
import type { ViewerStore } from './viewer-store';

/** A region to light, with the volume it belongs to (null: the primary viewer's). */
export interface SessionRegion extends RegionHighlight {
  volumeId: string | null;
}

/** A region the reader clicked in a viewer. `seq` changes on every pick, even of the same region. */
export interface PickedRegion {
  viewerId: string;
  regionId: string;
  seq: number;
}

/**
 * A 2D image viewer in the session (projection/ProjectionViewer.vue): it lights the regions it drew
 * (shapes stored as regions) and pages to their image; it has no volume overlay.
 */
export interface SessionImageViewer {
  readonly viewerId: string;
  /** Lights the region when this viewer shows it (paging to its image); false when it does not. */
  highlightRegion(regionId: string): boolean;
  clearHighlight(): void;
}

/** The viewer named 'current' is the primary one (single-viewer access, regions without a volume). */
export const PRIMARY_VIEWER_ID = 'current';

/**
 * What a reading shares across its viewers: the open viewers (by id), the region the reader
 * points at or picked, and the sentence hovered in the report. Highlights go to the viewer that
 * shows the region's volume, so a change sentence linked to a current and a prior region lights
 * both exams.
 */
export const useReadingSessionStore = defineStore('reading-session', () => {
  const viewers = shallowReactive(new Map<string, ViewerStore>());
  const imageViewers = shallowReactive(new Map<string, SessionImageViewer>());
  const pickedRegion = ref<PickedRegion | null>(null);
  const hoveredSentenceId = ref<string | null>(null);
  const highlightedRegionIds = ref<string[]>([]);
  let pickSeq = 0;

  const primaryViewer = computed<ViewerStore | null>(() => viewers.get(PRIMARY_VIEWER_ID) ?? viewers.values().next().value ?? null);

  function register(store: ViewerStore): void {
    if (viewers.has(store.viewerId) && viewers.get(store.viewerId) !== store) {
      throw new Error(`reading session: a viewer named '${store.viewerId}' is already open; give each viewer its own viewerId`);
    }
    viewers.set(store.viewerId, store);
  }
  function unregister(store: ViewerStore): void {
    if (viewers.get(store.viewerId) === store) viewers.delete(store.viewerId);
  }
  function registerImageViewer(v: SessionImageViewer): void {
    if (imageViewers.has(v.viewerId) && imageViewers.get(v.viewerId) !== v) {
      throw new Error(`reading session: a 2D viewer named '${v.viewerId}' is already open; give each viewer its own viewerId`);
    }
    imageViewers.set(v.viewerId, v);
  }
  function unregisterImageViewer(v: SessionImageViewer): void {
    if (imageViewers.get(v.viewerId) === v) imageViewers.delete(v.viewerId);
  }
  function viewer(viewerId: string): ViewerStore | null {
    return viewers.get(viewerId) ?? null;
  }
  /** The open viewer showing that volume, if any. */
  function viewerOfVolume(volumeId: string): ViewerStore | null {
    for (const v of viewers.values()) if (v.volumeId === volumeId) return v;
    return null;
  }

  /** Lights the regions, each in the viewer of its volume (the first per viewer); the others are cleared. */
  function highlight(regions: readonly SessionRegion[]): void {
    const lit: string[] = [];
    for (const v of viewers.values()) {
      const isPrimary = v === primaryViewer.value;
      const mine = regions.find((r) => (r.volumeId === null ? isPrimary : r.volumeId === v.volumeId));
      if (mine) {
        v.highlightRegion({ id: mine.id, label: mine.label, worldBox: mine.worldBox, centroid: mine.centroid });
        lit.push(mine.id);
      } else {
        v.clearHighlight();
      }
    }
    for (const v of imageViewers.values()) {
      const mine = regions.find((r) => v.highlightRegion(r.id));
      if (mine) lit.push(mine.id);
      else v.clearHighlight();
    }
    highlightedRegionIds.value = lit;
  }
  function clearHighlight(): void {
    for (const v of viewers.values()) v.clearHighlight();
    for (const v of imageViewers.values()) v.clearHighlight();
    highlightedRegionIds.value = [];
  }

  function pickRegion(viewerId: string, regionId: string): void {
    pickedRegion.value = { viewerId, regionId, seq: ++pickSeq };
  }
  function setHoveredSentence(id: string | null): void {
    hoveredSentenceId.value = id;
  }

  /** Region overlay colors of every open viewer, by region id. */
  const regionColors = computed(() => {
    const out = new Map<string, string>();
    for (const v of viewers.values()) for (const l of v.labelMap?.meta.labels ?? []) out.set(l.regionId, `rgb(${l.color.join(',')})`);
    return out;
  });

  async function reloadLabelMaps(): Promise<void> {
    await Promise.all([...viewers.values()].map((v) => v.reloadLabelMap()));
  }

  return {
    viewers,
    imageViewers,
    primaryViewer,
    pickedRegion,
    hoveredSentenceId,
    highlightedRegionIds,
    regionColors,
    register,
    unregister,
    registerImageViewer,
    unregisterImageViewer,
    viewer,
    viewerOfVolume,
    highlight,
    clearHighlight,
    pickRegion,
    setHoveredSentence,
    reloadLabelMaps,
  };
});

export type ReadingSession = ReturnType<typeof useReadingSessionStore>;
