import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { indexToWorld, worldToIndex } from '../../../electron/shared/geometry/grid';
import { createViewerStore } from '../../../renderer/src/viewer/stores/viewer-store';
import type { Vec3 } from '../../../renderer/src/viewer/types';
import { expectVec } from './fixtures';
import { volumeInfo } from './volume-info';

const region = (centroid: Vec3) => ({
  id: 'f1',
  label: 'Nodule',
  worldBox: { min: centroid.map((v) => v - 4) as Vec3, max: centroid.map((v) => v + 4) as Vec3 },
  centroid,
});

describe('viewer store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('opens a volume centred, with its default window and no measurements', () => {
    const store = createViewerStore('current');
    store.openVolume('1.2.3', volumeInfo());
    expect(store.windowLevel).toEqual({ center: -600, width: 1500 });
    expectVec(worldToIndex(store.grid!, store.crosshair), [32, 24, 15], 9); // snapped centre voxel
    expect(store.invert).toBe(false);
    store.openVolume('1.2.3', volumeInfo({ invertForDisplay: true, defaultWindow: null }));
    expect(store.invert).toBe(true);
    expect(store.windowLevel).toEqual({ center: 238, width: 2524 });
  });

  it('jumpTo moves all planes to a world point (nearest voxel centre) and validates input', () => {
    const store = createViewerStore('current');
    store.openVolume('1.2.3', volumeInfo());
    const target = indexToWorld(store.grid!, [10.2, 40.7, 3.4]);
    store.jumpTo(target);
    expectVec(worldToIndex(store.grid!, store.crosshair), [10, 41, 3], 9);
    expect(() => store.jumpTo([1, Number.NaN, 2])).toThrow(/finite/);
  });

  it('highlightRegion stores the region and jumps to its centroid; clearHighlight removes it', () => {
    const store = createViewerStore('current');
    store.openVolume('1.2.3', volumeInfo());
    const c = indexToWorld(store.grid!, [20, 10, 25]);
    store.highlightRegion(region(c));
    expect(store.highlight?.id).toBe('f1');
    expectVec(store.crosshair, c, 9);
    store.clearHighlight();
    expect(store.highlight).toBeNull();
    expect(() => store.highlightRegion({ ...region(c), worldBox: { min: [0, 0, 0], max: [-1, 0, 0] } })).toThrow(/min must be <= max/);
  });

  it('a highlight set before the volume loads is honoured when it opens', () => {
    const store = createViewerStore('current');
    const c: Vec3 = [0, 0, 120];
    store.highlightRegion(region(c));
    store.openVolume('1.2.3', volumeInfo());
    // The nearest voxel centre: i = round(20 / 0.7) = 29, j = round(15 / 0.7) = 21, k = 8.
    expectVec(worldToIndex(store.grid!, store.crosshair), [29, 21, 8], 9);
    expectVec(store.crosshair, [-20 + 29 * 0.7, -15 + 21 * 0.7, 120], 9);
  });

  it('scrolls the active view’s slice axis and clamps', () => {
    const store = createViewerStore('current');
    store.openVolume('1.2.3', volumeInfo());
    const before = worldToIndex(store.grid!, store.crosshair);
    store.scrollSlice('axial', 2);
    expectVec(worldToIndex(store.grid!, store.crosshair), [before[0], before[1], before[2] + 2], 9);
    store.scrollSlice('sagittal', -1000);
    expect(worldToIndex(store.grid!, store.crosshair)[0]).toBeCloseTo(0, 9);
  });

  it('adds, removes and clears length measurements with their length in mm', () => {
    const store = createViewerStore('current');
    store.openVolume('1.2.3', volumeInfo());
    const m = store.addMeasurement({ p1: [0, 0, 0], p2: [3, 4, 0], viewId: 'axial' });
    expect(m).toMatchObject({ kind: 'length', p1: [0, 0, 0], p2: [3, 4, 0], lengthMm: 5 });
    const m2 = store.addMeasurement({ p1: [0, 0, 0], p2: [0, 0, 12], viewId: 'coronal' });
    expect(m2.id).not.toBe(m.id);
    store.removeMeasurement(m.id);
    expect(store.measurements.map((x) => x.id)).toEqual([m2.id]);
    store.clearMeasurements();
    expect(store.measurements).toEqual([]);
  });

  it('window presets, window drag and reset (which keeps the crosshair)', () => {
    const store = createViewerStore('current');
    store.openVolume('1.2.3', volumeInfo());
    store.applyWindowPreset('bone');
    expect(store.windowLevel).toEqual({ center: 400, width: 1800 });
    expect(store.windowPreset).toBe('bone');
    store.setWindowLevel({ center: 10, width: 0 });
    expect(store.windowLevel).toEqual({ center: 10, width: 1 });
    expect(store.windowPreset).toBeNull();
    store.zoomView('axial', 3);
    store.panView('axial', 5, 6);
    store.scrollSlice('axial', 3);
    const crosshair = [...store.crosshair];
    const generation = store.resetGeneration;
    store.resetViews();
    expect(store.windowLevel).toEqual({ center: -600, width: 1500 });
    expect(store.transforms.axial).toEqual({ zoom: 1, pan: [0, 0] });
    expect(store.crosshair).toEqual(crosshair);
    expect(store.resetGeneration).toBe(generation + 1);
  });

  it('computes a camera per visible 2D view once the stage has a size', () => {
    const store = createViewerStore('current');
    store.openVolume('1.2.3', volumeInfo());
    expect(store.sliceCameras.axial).toBeNull();
    store.setStageSize(800, 600);
    expect(store.sliceCameras.axial).toMatchObject({ widthPx: 400, heightPx: 300, sliceAxis: 2 });
    store.setLayout('1x3');
    expect(store.sliceCameras.sagittal?.widthPx).toBeCloseTo(800 / 3, 9);
    store.toggleMaximize('coronal');
    expect(store.layout).toBe('1x1');
    expect(store.sliceCameras.axial).toBeNull();
    expect(store.sliceCameras.coronal).toMatchObject({ widthPx: 800, heightPx: 600 });
    store.toggleMaximize('coronal');
    expect(store.layout).toBe('1x3');
  });

  it('zoom is clamped', () => {
    const store = createViewerStore('current');
    store.zoomView('axial', 1e6);
    expect(store.transforms.axial.zoom).toBe(50);
    store.zoomView('axial', 1e-9);
    expect(store.transforms.axial.zoom).toBe(0.1);
  });
});

describe('viewer store: zoom about the cursor', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('keeps the world point under the cursor in place', async () => {
    const { screenToWorld } = await import('../../../renderer/src/viewer/geometry/projection');
    const store = createViewerStore('current');
    store.openVolume('1.2.3', volumeInfo());
    store.setStageSize(800, 600);
    const cursor: [number, number] = [300, 100];
    const before = screenToWorld(store.sliceCameras.axial!, cursor);
    store.zoomViewAt('axial', 2.5, cursor);
    expect(store.transforms.axial.zoom).toBeCloseTo(2.5, 12);
    expectVec(screenToWorld(store.sliceCameras.axial!, cursor), before, 9);
    store.zoomViewAt('axial', 1e9, cursor); // clamped zoom: still anchored
    expect(store.transforms.axial.zoom).toBe(50);
    expectVec(screenToWorld(store.sliceCameras.axial!, cursor), before, 9);
  });
});
