import type { ProjectionStore } from './stores/projection-store';

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
    /** A color image (RGB, YBR, palette): shown as stored, no window. */
    color: boolean;
    photometricInterpretation: string | null;
    labels: { top: string; bottom: string; left: string; right: string; source: string | null };
    shapes: { shape: string; text: string; regionId: string | null }[];
    renderCount: number;
  };
  /** The stored (modality) value of image pixel (x column, y row) of the shown grey image. */
  storedValue(x: number, y: number): number | null;
  /** The 8-bit RGB the core decoded for that pixel of the shown color image. */
  storedRgb(x: number, y: number): [number, number, number] | null;
  /** The grey level (0..255) the viewer rendered for that pixel (the red channel of a color image). */
  renderedGrey(x: number, y: number): number | null;
  /** The color the viewer rendered for that pixel. */
  renderedRgb(x: number, y: number): [number, number, number] | null;
  setImage(index: number): void;
}

export const PROJECTION_AUTOMATION_GLOBAL = '__RADGROUND_PROJECTION__';

export function installProjectionAutomation(store: ProjectionStore, renderCount: () => number, renderedRgb: (x: number, y: number) => [number, number, number] | null): () => void {
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
      color: store.color,
      photometricInterpretation: store.display?.photometricInterpretation ?? null,
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
    storedRgb: (x, y) => {
      const px = store.currentRgb;
      if (!px || x < 0 || y < 0 || x >= px.columns || y >= px.rows) return null;
      const o = (y * px.columns + x) * 3;
      return [px.rgb[o]!, px.rgb[o + 1]!, px.rgb[o + 2]!];
    },
    renderedGrey: (x, y) => renderedRgb(x, y)?.[0] ?? null,
    renderedRgb,
    setImage: (i) => store.setImage(i),
  };
  const scope = globalThis as Record<string, unknown>;
  scope[PROJECTION_AUTOMATION_GLOBAL] = handle;
  return () => {
    if (scope[PROJECTION_AUTOMATION_GLOBAL] === handle) delete scope[PROJECTION_AUTOMATION_GLOBAL];
  };
}
