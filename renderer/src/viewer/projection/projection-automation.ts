import type { ProjectionStore } from './projection-store';

/**
 * `window.__RADGROUND_PROJECTION__` while a 2D image viewer is mounted (end-to-end tests, scripted
 * demos): a snapshot of its state, the stored and the rendered value of an image pixel, paging.
 */
export interface ProjectionAutomationHandle {
  snapshot(): {
    viewerId: string;
    volumeId: string | null;
    viewer: 'projection';
    modality: string | null;
    index: number;
    imageCount: number;
    windowLevel: { center: number; width: number };
    windowOptionId: string | null;
    options: { id: string; label: string; source: string }[];
    invert: boolean;
    labels: { top: string; bottom: string; left: string; right: string; source: string | null };
    shapes: { shape: string; text: string; regionId: string | null }[];
    renderCount: number;
  };
  /** The stored (modality) value of image pixel (x column, y row) of the shown image. */
  storedValue(x: number, y: number): number | null;
  /** The grey level (0..255) the viewer rendered for that pixel. */
  renderedGrey(x: number, y: number): number | null;
  setImage(index: number): void;
}

export const PROJECTION_AUTOMATION_GLOBAL = '__RADGROUND_PROJECTION__';

export function installProjectionAutomation(store: ProjectionStore, renderCount: () => number, renderedGrey: (x: number, y: number) => number | null): () => void {
  const handle: ProjectionAutomationHandle = {
    snapshot: () => ({
      viewerId: store.viewerId,
      volumeId: store.image?.volumeId ?? null,
      viewer: 'projection',
      modality: store.display?.modality ?? null,
      index: store.index,
      imageCount: store.imageCount,
      windowLevel: { ...store.windowLevel },
      windowOptionId: store.windowOptionId,
      options: store.options.map((o) => ({ id: o.id, label: o.label, source: o.source })),
      invert: store.invert,
      labels: { ...store.labels },
      shapes: store.shapes.map((s) => ({ shape: s.shape, text: s.text, regionId: s.regionId })),
      renderCount: renderCount(),
    }),
    storedValue: (x, y) => {
      const img = store.image;
      const px = store.current;
      if (!img || !px || x < 0 || y < 0 || x >= img.columns || y >= img.rows) return null;
      return px.scalars[store.sliceOf(img).offset + y * img.columns + x] ?? null;
    },
    renderedGrey,
    setImage: (i) => store.setImage(i),
  };
  const scope = globalThis as Record<string, unknown>;
  scope[PROJECTION_AUTOMATION_GLOBAL] = handle;
  return () => {
    if (scope[PROJECTION_AUTOMATION_GLOBAL] === handle) delete scope[PROJECTION_AUTOMATION_GLOBAL];
  };
}
