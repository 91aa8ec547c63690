import { defineStore, getActivePinia, type Pinia } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { DisplayImage, SeriesDisplay } from '../../../../../electron/shared/api/channels/display-schemas';
import type { VolumeMeta } from '../../../../../electron/shared/api/channels/study-channels';
import type { ImagePoint, ImageShape } from '../../../../../electron/shared/imaging/image-measurement';
import { dragSensitivity, dragWindowLevel } from '../../display/window-level';
import { percentileWindow, windowOptions, type WindowOption } from '../../display/modality-windows';
import type { WindowLevel } from '../../types';
import type { VoxelArray } from '../../../../../electron/shared/imaging/voxel-arrays';
import { placeImage, zoomAbout, type ImageView } from '../image-transform';
import { projectionLabels } from '../projection-labels';
import { isColor, rgbKey, type RgbPixels } from '../rgb-render';

export type ProjectionTool = 'pan' | ImageShape;

/** The pixels of one volume (a radiograph, a multi-frame object, a stack), as `volumes.get` gives them. */
export interface ImagePixels {
  meta: VolumeMeta;
  scalars: VoxelArray;
}

/** A shape drawn on an image, with its measurement text and the region it was stored as. */
export interface DrawnShape {
  id: string;
  shape: ImageShape;
  volumeId: string;
  k: number;
  points: [ImagePoint, ImagePoint];
  text: string;
  regionId: string | null;
}

/**
 * State of ONE 2D image viewer (projection images: radiographs, mammograms, secondary captures…):
 * the series' images and the one shown, window/level, zoom/pan, tool and drawn shapes. Made per
 * viewer with `createProjectionStore` and provided to its subtree (`projection-context.ts`).
 */
function projectionState(viewerId: string) {
  const display = shallowRef<SeriesDisplay | null>(null);
  const index = ref(0);
  const pixels = shallowRef<ReadonlyMap<string, ImagePixels>>(new Map());
  const windowLevel = ref<WindowLevel>({ center: 128, width: 256 });
  const windowOptionId = ref<string | null>(null);
  const view = ref<ImageView>({ zoom: 1, pan: [0, 0] });
  const viewport = ref({ width: 0, height: 0 });
  const tool = ref<ProjectionTool>('pan');
  const shapes = ref<DrawnShape[]>([]);
  /** Color images (`images.rgb`), by rgbKey(volumeId, k): color never goes through volumes.get. */
  /** The region lit from the report (a shape's regionId), or null. */
  const highlightedRegionId = ref<string | null>(null);
  const rgbImages = shallowRef<ReadonlyMap<string, RgbPixels>>(new Map());

  const image = computed<DisplayImage | null>(() => display.value?.images[index.value] ?? null);
  const imageCount = computed(() => display.value?.images.length ?? 0);
  const current = computed<ImagePixels | null>(() => (image.value ? pixels.value.get(image.value.volumeId) ?? null : null));
  const color = computed(() => isColor(display.value));
  const currentRgb = computed<RgbPixels | null>(() => (image.value ? rgbImages.value.get(rgbKey(image.value.volumeId, image.value.k)) ?? null : null));
  const invert = computed(() => display.value?.photometricInterpretation === 'MONOCHROME1');
  const labels = computed(() => projectionLabels(image.value ?? { patientOrientation: null, viewPosition: null }));
  /** Height/width of a pixel: row spacing over column spacing (1 without spacing). */
  const aspect = computed(() => {
    const s = image.value?.pixelSpacing;
    return s ? s.row / s.column : 1;
  });
  const placement = computed(() => {
    const img = image.value;
    if (!img || viewport.value.width <= 0 || viewport.value.height <= 0) return null;
    return placeImage(viewport.value, { columns: img.columns, rows: img.rows, aspect: aspect.value }, view.value);
  });

  /** Offset and length of the shown image in its volume's scalars. */
  function sliceOf(img: DisplayImage): { offset: number; count: number } {
    const count = img.columns * img.rows;
    return { offset: img.k * count, count };
  }

  const options = computed<WindowOption[]>(() => {
    const img = image.value;
    const px = current.value;
    if (!img || !px) return [];
    const { offset, count } = sliceOf(img);
    return windowOptions({
      modality: display.value?.modality ?? null,
      units: px.meta.units,
      fileWindows: img.windows,
      autoWindow: percentileWindow(px.scalars, 0.01, 0.99, offset, count),
    });
  });

  function open(d: SeriesDisplay): void {
    display.value = d;
    pixels.value = new Map();
    rgbImages.value = new Map();
    shapes.value = [];
    const start = d.images.findIndex((i) => i.volumeId === d.volumeId);
    index.value = Math.max(0, start);
    windowOptionId.value = null;
    resetView();
  }

  function setPixels(volumeId: string, px: ImagePixels): void {
    const next = new Map(pixels.value);
    next.set(volumeId, px);
    pixels.value = next;
    if (windowOptionId.value === null) applyWindowOption(options.value[0]?.id ?? null);
  }

  function setRgb(volumeId: string, k: number, px: RgbPixels): void {
    const next = new Map(rgbImages.value);
    next.set(rgbKey(volumeId, k), px);
    rgbImages.value = next;
  }

  function applyWindowOption(id: string | null): void {
    const option = options.value.find((o) => o.id === id);
    if (!option) return;
    windowOptionId.value = option.id;
    windowLevel.value = { center: option.center, width: option.width };
  }

  function setWindowLevel(wl: WindowLevel): void {
    windowLevel.value = { center: wl.center, width: Math.max(1, wl.width) };
    windowOptionId.value = 'custom';
  }

  function dragWindow(dx: number, dy: number): void {
    if (color.value) return; // color images are shown as stored
    const range = current.value?.meta.scalarRange ?? [0, 255];
    setWindowLevel(dragWindowLevel(windowLevel.value, dx, dy, dragSensitivity(range)));
  }

  /** Next/previous image (wheel, arrows); clamped to the series. */
  function step(delta: number): void {
    setImage(index.value + delta);
  }
  function setImage(i: number): void {
    const n = imageCount.value;
    if (n === 0) return;
    index.value = Math.min(n - 1, Math.max(0, Math.round(i)));
  }

  function zoomAt(factor: number, x: number, y: number): void {
    const img = image.value;
    if (!img) return;
    view.value = zoomAbout(viewport.value, { columns: img.columns, rows: img.rows, aspect: aspect.value }, view.value, factor, x, y);
  }
  function panBy(dx: number, dy: number): void {
    view.value = { zoom: view.value.zoom, pan: [view.value.pan[0] + dx, view.value.pan[1] + dy] };
  }
  function resetView(): void {
    view.value = { zoom: 1, pan: [0, 0] };
  }
  /** R: fit to window and the series' first window again; keeps the shapes. */
  function reset(): void {
    resetView();
    applyWindowOption(options.value[0]?.id ?? null);
  }
  function setViewport(width: number, height: number): void {
    viewport.value = { width, height };
  }
  function setTool(t: ProjectionTool): void {
    tool.value = t;
  }
  function addShape(s: DrawnShape): void {
    shapes.value = [...shapes.value, s];
  }
  /** Lights the shape stored as that region and shows its image; false when no shape here is that region. */
  function highlightRegion(regionId: string): boolean {
    const shape = shapes.value.find((s) => s.regionId === regionId);
    if (!shape) return false;
    const i = display.value?.images.findIndex((img) => img.volumeId === shape.volumeId && img.k === shape.k) ?? -1;
    if (i >= 0) index.value = i;
    highlightedRegionId.value = regionId;
    return true;
  }
  function clearHighlight(): void {
    highlightedRegionId.value = null;
  }
  function updateShape(id: string, patch: Partial<DrawnShape>): void {
    shapes.value = shapes.value.map((s) => (s.id === id ? { ...s, ...patch } : s));
  }

  return {
    viewerId,
    display,
    index,
    pixels,
    windowLevel,
    windowOptionId,
    view,
    viewport,
    tool,
    shapes,
    rgbImages,
    highlightedRegionId,
    color,
    currentRgb,
    image,
    imageCount,
    current,
    invert,
    labels,
    aspect,
    placement,
    options,
    sliceOf,
    open,
    setPixels,
    setRgb,
    applyWindowOption,
    setWindowLevel,
    dragWindow,
    step,
    setImage,
    zoomAt,
    panBy,
    resetView,
    reset,
    setViewport,
    setTool,
    addShape,
    highlightRegion,
    clearHighlight,
    updateShape,
  };
}

function defineProjectionStore(storeId: string, viewerId: string) {
  return defineStore(storeId, () => projectionState(viewerId));
}
export type ProjectionStore = ReturnType<ReturnType<typeof defineProjectionStore>>;

let instances = 0;
const owners = new WeakMap<object, Pinia>();

/** A new, independent 2D viewer store (unique Pinia id per call). */
export function createProjectionStore(viewerId: string, pinia: Pinia | undefined = getActivePinia()): ProjectionStore {
  if (!pinia) throw new Error('createProjectionStore: no active Pinia');
  const store = defineProjectionStore(`projection:${viewerId}:${++instances}`, viewerId)(pinia);
  owners.set(store, pinia);
  return store;
}

export function disposeProjectionStore(store: ProjectionStore): void {
  const pinia = owners.get(store);
  store.$dispose();
  if (pinia) delete pinia.state.value[store.$id];
  owners.delete(store);
}
