import type { ViewerStore } from './store/viewer-store';
import type { RegionHighlight, Vec3 } from './types';

/**
 * A small, stable handle on the viewer for automation (end-to-end tests, scripted demos), set on
 * `window.__RADGROUND_VIEWER__` while a ReadingViewer is mounted. It exposes only the public
 * viewer-store API and a read-only snapshot.
 */
export interface ViewerAutomationHandle {
  highlightRegion(region: RegionHighlight): void;
  clearHighlight(): void;
  jumpTo(world: Vec3): void;
  /** Planes to image `n` (the number the report cites); false when there is none. */
  goToImage(n: number): boolean;
  snapshot(): {
    volumeId: string | null;
    crosshair: Vec3;
    layout: string;
    windowLevel: { center: number; width: number };
    measurements: unknown[];
    renderCount: number;
  };
}

export const AUTOMATION_GLOBAL = '__RADGROUND_VIEWER__';

export function installAutomationHandle(store: ViewerStore, renderCount: () => number): () => void {
  const handle: ViewerAutomationHandle = {
    highlightRegion: (r) => store.highlightRegion(r),
    clearHighlight: () => store.clearHighlight(),
    jumpTo: (w) => store.jumpTo(w),
    goToImage: (n) => store.goToImage(n),
    snapshot: () => ({
      volumeId: store.volumeId,
      crosshair: [...store.crosshair],
      layout: store.layout,
      windowLevel: { ...store.windowLevel },
      measurements: store.measurements.map((m) => ({ ...m })),
      renderCount: renderCount(),
    }),
  };
  const scope = globalThis as Record<string, unknown>;
  scope[AUTOMATION_GLOBAL] = handle;
  return () => {
    if (scope[AUTOMATION_GLOBAL] === handle) delete scope[AUTOMATION_GLOBAL];
  };
}
