import type { ViewerStore } from './stores/viewer-store';
import { PRIMARY_VIEWER_ID } from './stores/reading-session-store';
import type { RegionHighlight, Vec3 } from './types';

/**
 * A small, stable handle on each viewer for automation (end-to-end tests, scripted demos):
 * `window.__RADGROUND_VIEWERS__[viewerId]` while that ReadingViewer is mounted, and
 * `window.__RADGROUND_VIEWER__` for the primary one (the viewer named 'current', else the first
 * mounted), so single-viewer scripts keep working. Only the public store API and a snapshot.
 */
export interface ViewerAutomationHandle {
  viewerId: string;
  highlightRegion(region: RegionHighlight): void;
  clearHighlight(): void;
  jumpTo(world: Vec3): void;
  /** Planes to image `n` (the number the report cites); false when there is none. */
  goToImage(n: number): boolean;
  /** Next/previous slice of a 2D view, as the wheel does. */
  scrollSlice(view: 'axial' | 'coronal' | 'sagittal', delta: number): void;
  snapshot(): {
    viewerId: string;
    volumeId: string | null;
    crosshair: Vec3;
    layout: string;
    windowLevel: { center: number; width: number };
    /** The automatic window (1st–99th percentile of the volume); null before the volume is in. */
    autoWindow: { center: number; width: number } | null;
    measurements: unknown[];
    highlight: { id: string; label: string } | null;
    renderCount: number;
    /** Progressive opening: whether the 2D first image is on screen, and the share of the volume received. */
    loading: ViewerLoadingState;
  };
}

export interface ViewerLoadingState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  firstImageShown: boolean;
  /** 0..1 */
  progress: number;
}

export const AUTOMATION_GLOBAL = '__RADGROUND_VIEWER__';
export const AUTOMATION_VIEWERS_GLOBAL = '__RADGROUND_VIEWERS__';

type Scope = Record<string, unknown>;

function viewersOf(scope: Scope): Record<string, ViewerAutomationHandle> {
  let all = scope[AUTOMATION_VIEWERS_GLOBAL] as Record<string, ViewerAutomationHandle> | undefined;
  if (!all) {
    all = {};
    scope[AUTOMATION_VIEWERS_GLOBAL] = all;
  }
  return all;
}

function refreshPrimary(scope: Scope): void {
  const all = viewersOf(scope);
  const primary = all[PRIMARY_VIEWER_ID] ?? Object.values(all)[0];
  if (primary) scope[AUTOMATION_GLOBAL] = primary;
  else {
    delete scope[AUTOMATION_GLOBAL];
    delete scope[AUTOMATION_VIEWERS_GLOBAL];
  }
}

export function installAutomationHandle(
  store: ViewerStore,
  renderCount: () => number,
  loading: () => ViewerLoadingState = () => ({ status: 'ready', firstImageShown: false, progress: 1 }),
): () => void {
  const handle: ViewerAutomationHandle = {
    viewerId: store.viewerId,
    highlightRegion: (r) => store.highlightRegion(r),
    clearHighlight: () => store.clearHighlight(),
    jumpTo: (w) => store.jumpTo(w),
    goToImage: (n) => store.goToImage(n),
    scrollSlice: (view, delta) => store.scrollSlice(view, delta),
    snapshot: () => ({
      viewerId: store.viewerId,
      volumeId: store.volumeId,
      crosshair: [...store.crosshair],
      layout: store.layout,
      windowLevel: { ...store.windowLevel },
      autoWindow: store.autoWindow ? { ...store.autoWindow } : null,
      measurements: store.measurements.map((m) => ({ ...m })),
      highlight: store.highlight ? { id: store.highlight.id, label: store.highlight.label } : null,
      renderCount: renderCount(),
      loading: loading(),
    }),
  };
  const scope = globalThis as Scope;
  viewersOf(scope)[store.viewerId] = handle;
  refreshPrimary(scope);
  return () => {
    const all = viewersOf(scope);
    if (all[store.viewerId] === handle) delete all[store.viewerId];
    refreshPrimary(scope);
  };
}
