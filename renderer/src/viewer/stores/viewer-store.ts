import { defineStore, getActivePinia, type Pinia } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { RegionSummary } from '../../../../electron/shared/api/channels/analysis-channels';
import type { VolumeMeta } from '../../../../electron/shared/api/channels/study-channels';
import { sliceOfImage } from '../../../../electron/shared/imaging/image-numbering';
import { isHounsfieldCt, windowOptions, type WindowOption } from '../display/modality-windows';
import { defaultWindowLevel, dragSensitivity, presetById, type WindowPresetId } from '../display/window-level';
import { loadScrollConvention, saveScrollConvention, sliceStepsForScroll, type ScrollConvention } from '../interaction/scroll-convention';
import type { VolumePresetId } from '../display/volume-presets';
import { isValidBox } from '../geometry/box-slice';
import { centerVoxel, snapToVoxelCenter } from '../../../../electron/shared/geometry/grid';
import { lengthMm } from '../geometry/measurement';
import { buildSliceCamera, type SliceCamera } from '../geometry/slice-camera';
import { ACQUISITION_AXIS } from '../geometry/slice-label';
import { moveToSlice, stepSlice } from '../geometry/slice-navigation';
import { sliceOrientations } from '../geometry/slice-orientation';
import { layoutViewports, viewportPixelSize } from '../geometry/viewport-layout';
import { isFiniteVec3 } from '../geometry/vec3';
import type { LoadedLabelMap } from '../regions/label-lookup';
import { loadLabelMap } from '../regions/load-label-map';
import {
  SLICE_VIEW_IDS,
  type GridGeometry,
  type LengthMeasurement,
  type RegionHighlight,
  type SliceViewId,
  type SliceViewTransform,
  type Vec2,
  type Vec3,
  type ViewerLayout,
  type ViewerTool,
  type ViewId,
  type WindowLevel,
} from '../types';

/** What the viewer keeps of a volume's metadata (never its voxels). */
export type ViewerVolumeInfo = Omit<VolumeMeta, 'sopInstanceUids'>;

export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 50;

const identityTransforms = (): Record<SliceViewId, SliceViewTransform> => ({
  axial: { zoom: 1, pan: [0, 0] },
  coronal: { zoom: 1, pan: [0, 0] },
  sagittal: { zoom: 1, pan: [0, 0] },
});

/**
 * State of ONE reading viewer (its dataset, its views, its tools) and the API that drives it:
 * `highlightRegion`, `clearHighlight`, `jumpTo`, measurements. World coordinates are LPS mm.
 * Every ReadingViewer makes its own with `createViewerStore` and provides it to its subtree
 * (`store/viewer-context.ts`); nothing about a viewer is global.
 */
function viewerState(viewerId: string) {
  const volumeId = ref<string | null>(null);
  const volume = shallowRef<ViewerVolumeInfo | null>(null);
  const layout = ref<ViewerLayout>('2x2');
  const activeView = ref<ViewId>('axial');
  const tool = ref<ViewerTool>('crosshair');
  const crosshair = ref<Vec3>([0, 0, 0]);
  const windowLevel = ref<WindowLevel>({ center: 40, width: 400 });
  const windowPreset = ref<WindowPresetId | null>(null);
  /** The automatic window of the open volume (1st–99th percentile), set by the viewer from the voxels. */
  const autoWindow = ref<WindowLevel | null>(null);
  /** The window choice in use (an id of `windowChoices`), null after a drag or preset. */
  const windowChoice = ref<string | null>(null);
  /** Which way wheel down / ↓ moves each view (interaction/scroll-convention.ts). */
  const scrollConvention = ref<ScrollConvention>(loadScrollConvention());
  const transforms = ref<Record<SliceViewId, SliceViewTransform>>(identityTransforms());
  const volumePreset = ref<VolumePresetId>('ct-soft-tissue');
  const measurements = ref<LengthMeasurement[]>([]);
  const highlight = ref<RegionHighlight | null>(null);
  /** Size of the stage (all viewports together), CSS px; set by the stage component. */
  const stageSize = ref({ width: 0, height: 0 });
  /** Incremented by resetViews(); the 3D view resets its camera when it changes. */
  const resetGeneration = ref(0);
  let measurementCounter = 0;
  /** The regions' label volume of the open volume (null: no analysis yet) and their summaries by id. */
  const labelMap = shallowRef<LoadedLabelMap | null>(null);
  const labelRegions = shallowRef<ReadonlyMap<string, RegionSummary>>(new Map());
  const showRegions = ref(true);
  const regionOpacity = ref(0.45);
  let labelMapGeneration = 0;

  const grid = computed<GridGeometry | null>(() => {
    const v = volume.value;
    return v ? { dims: v.dims, spacing: v.spacing, origin: v.origin, direction: v.direction } : null;
  });
  const orientations = computed(() => (grid.value ? sliceOrientations(grid.value.direction) : null));
  const invert = computed(() => volume.value?.invertForDisplay ?? false);
  const viewports = computed(() => layoutViewports(layout.value, activeView.value));
  const visibleViews = computed(() => (Object.keys(viewports.value) as ViewId[]).filter((v) => viewports.value[v] !== null));

  /** Camera of each visible 2D view (null when hidden or nothing is loaded). */
  const sliceCameras = computed<Record<SliceViewId, SliceCamera | null>>(() => {
    const out: Record<SliceViewId, SliceCamera | null> = { axial: null, coronal: null, sagittal: null };
    const g = grid.value;
    const o = orientations.value;
    if (!g || !o || stageSize.value.width <= 0 || stageSize.value.height <= 0) return out;
    for (const id of SLICE_VIEW_IDS) {
      const rect = viewports.value[id];
      if (!rect) continue;
      const px = viewportPixelSize(rect, stageSize.value.width, stageSize.value.height);
      out[id] = buildSliceCamera({
        grid: g,
        orientation: o[id],
        crosshair: crosshair.value,
        transform: transforms.value[id],
        widthPx: px.width,
        heightPx: px.height,
      });
    }
    return out;
  });

  /** The volume's window choices by modality: file windows, the automatic window, CT presets only for CT in HU. */
  const windowChoices = computed<WindowOption[]>(() => {
    const v = volume.value;
    if (!v) return [];
    const fileWindows = v.defaultWindow ? [{ ...v.defaultWindow, explanation: 'File', source: 'window' as const }] : [];
    return windowOptions({ modality: v.modality, units: v.units, fileWindows, autoWindow: autoWindow.value }).filter((o) => o.source !== 'ct-preset');
  });
  // Without a volume nothing says it is not CT: the presets stay (they apply to nothing shown).
  const ctPresets = computed(() => (volume.value ? isHounsfieldCt(volume.value) : true));

  function defaultWindow(): WindowLevel {
    const v = volume.value;
    if (!v) return { center: 40, width: 400 };
    // CT opens as before (file window, else its range); other modalities with a file or automatic window.
    if (ctPresets.value) return defaultWindowLevel(v);
    const first = windowChoices.value[0];
    return first ? { center: first.center, width: first.width } : defaultWindowLevel(v);
  }

  /** Shows a new volume: centred crosshair, default window, fitted views, no measurements. */
  function openVolume(id: string, info: ViewerVolumeInfo): void {
    volumeId.value = id;
    volume.value = info;
    windowLevel.value = defaultWindow();
    windowPreset.value = null;
    windowChoice.value = ctPresets.value ? null : (windowChoices.value[0]?.id ?? null);
    transforms.value = identityTransforms();
    measurements.value = [];
    const g = grid.value!;
    crosshair.value = highlight.value ? snapToVoxelCenter(g, highlight.value.centroid) : centerVoxel(g);
    resetGeneration.value++;
    void reloadLabelMap();
  }

  function closeVolume(): void {
    volumeId.value = null;
    volume.value = null;
    measurements.value = [];
    labelMapGeneration++;
    labelMap.value = null;
    labelRegions.value = new Map();
  }

  /** (Re)loads the regions overlay of the open volume, e.g. after an analysis; late answers are dropped. */
  async function reloadLabelMap(): Promise<void> {
    const mine = ++labelMapGeneration;
    const id = volumeId.value;
    if (!id) return;
    try {
      const loaded = await loadLabelMap(id);
      if (mine !== labelMapGeneration) return;
      labelMap.value = loaded?.map ?? null;
      labelRegions.value = new Map((loaded?.regions ?? []).map((r) => [r.id, r]));
    } catch {
      if (mine !== labelMapGeneration) return;
      labelMap.value = null;
      labelRegions.value = new Map();
    }
  }
  function setShowRegions(on: boolean): void {
    showRegions.value = on;
  }
  function setRegionOpacity(value: number): void {
    if (Number.isFinite(value)) regionOpacity.value = Math.min(1, Math.max(0, value));
  }

  /** Moves all planes to a world point (snapped to the nearest voxel centre inside the volume). */
  function jumpTo(world: Vec3): void {
    if (!isFiniteVec3(world)) throw new Error('jumpTo: expected [x, y, z] finite numbers (LPS mm)');
    crosshair.value = grid.value ? snapToVoxelCenter(grid.value, world) : [...world];
  }

  /**
   * Moves the planes to image `n`, the number the report cites and the slice label shows (the
   * acquired slice with that image number); false when the open volume has no such image.
   */
  function goToImage(n: number): boolean {
    const g = grid.value;
    const numbering = volume.value?.imageNumbering;
    if (!g || !numbering || !Number.isInteger(n)) return false;
    const k = sliceOfImage(numbering, n);
    if (k === null) return false;
    crosshair.value = moveToSlice(g, ACQUISITION_AXIS, crosshair.value, k);
    return true;
  }

  function scrollSlice(view: SliceViewId, delta: number): void {
    const g = grid.value;
    const o = orientations.value;
    if (!g || !o || !delta) return;
    crosshair.value = stepSlice(g, o[view].sliceAxis, crosshair.value, delta);
  }

  function setWindowLevel(wl: WindowLevel): void {
    if (!Number.isFinite(wl.center) || !Number.isFinite(wl.width)) return;
    windowLevel.value = { center: wl.center, width: Math.max(1, wl.width) };
    windowPreset.value = null;
    windowChoice.value = null;
  }

  /** Applies the window choice with that id (file, auto); false when there is none. */
  function applyWindowChoice(id: string): boolean {
    const o = windowChoices.value.find((c) => c.id === id);
    if (!o) return false;
    windowLevel.value = { center: o.center, width: o.width };
    windowPreset.value = null;
    windowChoice.value = o.id;
    return true;
  }

  function setAutoWindow(w: WindowLevel | null): void {
    autoWindow.value = w;
  }

  /** The reader's scroll direction setting, kept for the next sessions. */
  function setScrollConvention(value: ScrollConvention): void {
    scrollConvention.value = value;
    saveScrollConvention(value);
  }

  /** Wheel/arrow scrolling: `delta` > 0 is wheel down, moved in the anatomical direction the convention gives. */
  function scrollByConvention(view: SliceViewId, delta: number): void {
    const g = grid.value;
    const o = orientations.value;
    if (!g || !o || !delta) return;
    scrollSlice(view, sliceStepsForScroll(g, view, o[view].sliceAxis, delta, scrollConvention.value));
  }

  /** CT presets (HU): only for CT in Hounsfield units, where they mean the same tissue in every scan. */
  function applyWindowPreset(id: WindowPresetId): void {
    if (!ctPresets.value) return;
    windowChoice.value = null;
    const p = presetById(id);
    windowLevel.value = { center: p.center, width: p.width };
    windowPreset.value = id;
  }

  /** Window units per pixel of right-drag for the loaded volume. */
  const windowDragSensitivity = computed(() => dragSensitivity(volume.value?.scalarRange ?? [0, 1000]));

  function zoomView(view: SliceViewId, factor: number): void {
    if (!(factor > 0)) return;
    const t = transforms.value[view];
    transforms.value = { ...transforms.value, [view]: { ...t, zoom: Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, t.zoom * factor)) } };
  }

  /**
   * Zooms keeping the world point under `screen` (CSS px in the viewport) where it is, like
   * ctrl+wheel in most viewers.
   */
  function zoomViewAt(view: SliceViewId, factor: number, screen: Vec2): void {
    const camera = sliceCameras.value[view];
    const before = transforms.value[view];
    zoomView(view, factor);
    const after = transforms.value[view];
    if (!camera || after.zoom === before.zoom) return;
    const mmPerPxBefore = (2 * camera.parallelScale) / camera.heightPx;
    const mmPerPxAfter = mmPerPxBefore * (before.zoom / after.zoom);
    const k = mmPerPxBefore - mmPerPxAfter;
    panView(view, (screen[0] - camera.widthPx / 2) * k, (camera.heightPx / 2 - screen[1]) * k);
  }

  /** Moves the view's framing by (right, up) mm. */
  function panView(view: SliceViewId, rightMm: number, upMm: number): void {
    const t = transforms.value[view];
    transforms.value = { ...transforms.value, [view]: { ...t, pan: [t.pan[0] + rightMm, t.pan[1] + upMm] } };
  }

  /** Reset (R): fitted 2D views, default window, 3D camera. Keeps the crosshair, measurements and highlight. */
  function resetViews(): void {
    transforms.value = identityTransforms();
    windowLevel.value = defaultWindow();
    windowPreset.value = null;
    windowChoice.value = ctPresets.value ? null : (windowChoices.value[0]?.id ?? null);
    resetGeneration.value++;
  }

  let layoutBeforeMaximize: ViewerLayout = '2x2';
  function setLayout(next: ViewerLayout): void {
    layout.value = next;
  }
  /** F / double-click: the active view alone, or back to the previous layout. */
  function toggleMaximize(view: ViewId = activeView.value): void {
    if (layout.value === '1x1' && activeView.value === view) {
      layout.value = layoutBeforeMaximize === '1x1' ? '2x2' : layoutBeforeMaximize;
      return;
    }
    if (layout.value !== '1x1') layoutBeforeMaximize = layout.value;
    activeView.value = view;
    layout.value = '1x1';
  }
  function setActiveView(view: ViewId): void {
    activeView.value = view;
  }
  function setTool(next: ViewerTool): void {
    tool.value = next;
  }
  function setVolumePreset(id: VolumePresetId): void {
    volumePreset.value = id;
  }
  function setStageSize(width: number, height: number): void {
    if (width !== stageSize.value.width || height !== stageSize.value.height) stageSize.value = { width, height };
  }

  function addMeasurement(input: { p1: Vec3; p2: Vec3; viewId: SliceViewId }): LengthMeasurement {
    if (!isFiniteVec3(input.p1) || !isFiniteVec3(input.p2)) throw new Error('addMeasurement: p1 and p2 must be [x, y, z]');
    const m: LengthMeasurement = {
      id: `length-${++measurementCounter}`,
      kind: 'length',
      p1: [...input.p1],
      p2: [...input.p2],
      lengthMm: lengthMm(input.p1, input.p2),
      viewId: input.viewId,
    };
    measurements.value = [...measurements.value, m];
    return m;
  }
  function removeMeasurement(id: string): void {
    measurements.value = measurements.value.filter((m) => m.id !== id);
  }
  function clearMeasurements(): void {
    measurements.value = [];
  }

  /** Outlines a world box in every view it crosses and moves all planes to its centroid. */
  function highlightRegion(region: RegionHighlight): void {
    if (!region || typeof region.id !== 'string' || !isFiniteVec3(region.centroid) || !region.worldBox) {
      throw new Error('highlightRegion: expected { id, label, worldBox: { min, max }, centroid }');
    }
    const box = { min: [...region.worldBox.min] as Vec3, max: [...region.worldBox.max] as Vec3 };
    if (!isFiniteVec3(box.min) || !isFiniteVec3(box.max) || !isValidBox(box)) throw new Error('highlightRegion: worldBox min must be <= max, finite');
    highlight.value = { id: region.id, label: String(region.label ?? ''), worldBox: box, centroid: [...region.centroid] };
    jumpTo(region.centroid);
  }
  function clearHighlight(): void {
    highlight.value = null;
  }

  /** Sets one 2D view's zoom and pan (synchronised viewers copy them). */
  function setViewTransform(view: SliceViewId, t: SliceViewTransform): void {
    if (!(t.zoom > 0) || !t.pan.every(Number.isFinite)) return;
    const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, t.zoom));
    transforms.value = { ...transforms.value, [view]: { zoom, pan: [t.pan[0], t.pan[1]] } };
  }

  return {
    viewerId,
    setViewTransform,
    volumeId,
    volume,
    layout,
    activeView,
    tool,
    crosshair,
    windowLevel,
    windowPreset,
    transforms,
    volumePreset,
    measurements,
    highlight,
    labelMap,
    labelRegions,
    showRegions,
    regionOpacity,
    stageSize,
    resetGeneration,
    grid,
    orientations,
    invert,
    viewports,
    visibleViews,
    sliceCameras,
    windowDragSensitivity,
    openVolume,
    closeVolume,
    jumpTo,
    goToImage,
    scrollSlice,
    scrollByConvention,
    scrollConvention,
    setScrollConvention,
    autoWindow,
    setAutoWindow,
    windowChoices,
    windowChoice,
    applyWindowChoice,
    ctPresets,
    setWindowLevel,
    applyWindowPreset,
    zoomView,
    zoomViewAt,
    panView,
    resetViews,
    setLayout,
    toggleMaximize,
    setActiveView,
    setTool,
    setVolumePreset,
    setStageSize,
    addMeasurement,
    removeMeasurement,
    clearMeasurements,
    highlightRegion,
    clearHighlight,
    reloadLabelMap,
    setShowRegions,
    setRegionOpacity,
  };
}

function defineViewerStore(storeId: string, viewerId: string) {
  return defineStore(storeId, () => viewerState(viewerId));
}

export type ViewerStore = ReturnType<ReturnType<typeof defineViewerStore>>;

let instances = 0;
const owners = new WeakMap<object, Pinia>();

/**
 * A new, independent viewer store. `viewerId` names the viewer ('current', 'prior'…) for the
 * reading session and the automation hook; the Pinia id is made unique per call, so two viewers
 * never share state even when given the same name.
 */
export function createViewerStore(viewerId: string, pinia: Pinia | undefined = getActivePinia()): ViewerStore {
  if (!pinia) throw new Error('createViewerStore: no active Pinia (install it on the app, or pass one)');
  const store = defineViewerStore(`viewer:${viewerId}:${++instances}`, viewerId)(pinia);
  owners.set(store, pinia);
  return store;
}

/** Stops the store's effects and drops its state from Pinia (the viewer unmounted). */
export function disposeViewerStore(store: ViewerStore): void {
  const pinia = owners.get(store);
  store.$dispose();
  if (pinia) delete pinia.state.value[store.$id];
  owners.delete(store);
}
