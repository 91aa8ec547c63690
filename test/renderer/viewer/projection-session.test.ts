import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RegionSummary } from '../../../electron/shared/api/channels/analysis-channels';
import type { DisplayImage, SeriesDisplay } from '../../../electron/shared/api/channels/display-schemas';
import { createProjectionStore, disposeProjectionStore } from '../../../renderer/src/viewer/projection/stores/projection-store';
import { isColor, renderRgb } from '../../../renderer/src/viewer/projection/rgb-render';
import { hitsShape } from '../../../renderer/src/viewer/projection/shape-hit';
import { shapesOfRegions } from '../../../renderer/src/viewer/projection/stored-shapes';
import { useReadingSessionStore } from '../../../renderer/src/viewer/stores/reading-session-store';

const image = (volumeId: string, k: number): DisplayImage => ({
  volumeId,
  k,
  sopInstanceUid: `1.2.${k}`,
  frameNumber: 1,
  instanceNumber: k + 1,
  rows: 4,
  columns: 6,
  patientOrientation: null,
  viewPosition: null,
  laterality: null,
  pixelSpacing: null,
  windows: [],
  patientGeometry: false,
});
const display = (over: Partial<SeriesDisplay> = {}): SeriesDisplay => ({
  volumeId: '1.1',
  seriesInstanceUid: '1.1',
  modality: 'OT',
  sopClassUid: '1.2.840.10008.5.1.4.1.1.7',
  viewer: 'projection',
  photometricInterpretation: 'MONOCHROME2',
  samplesPerPixel: 1,
  voiLutFunction: null,
  images: [image('1.1', 0), image('1.1', 1), image('1.2', 0)],
  ...over,
});

beforeEach(() => setActivePinia(createPinia()));

describe('the 2D viewer in the reading session (report <-> shapes)', () => {
  function openViewer() {
    const store = createProjectionStore('projection');
    store.open(display());
    store.addShape({ id: 'a', shape: 'length', volumeId: '1.1', k: 1, points: [[0, 0], [3, 0]], text: '3 px', regionId: 'r-length' });
    store.addShape({ id: 'b', shape: 'rectangle', volumeId: '1.2', k: 0, points: [[1, 1], [2, 2]], text: 'box', regionId: 'r-box' });
    const session = useReadingSessionStore();
    const viewer = { viewerId: store.viewerId, highlightRegion: (id: string) => store.highlightRegion(id), clearHighlight: () => store.clearHighlight() };
    session.registerImageViewer(viewer);
    return { store, session, viewer };
  }

  it('a hovered sentence linked to a shape lights that shape and pages to its image; others clear it', () => {
    const { store, session } = openViewer();
    expect(store.index).toBe(0);
    session.highlight([{ id: 'r-box', volumeId: '1.2', label: 'box', worldBox: { min: [0, 0, 0], max: [1, 1, 0] }, centroid: [0, 0, 0] }]);
    expect(store.highlightedRegionId).toBe('r-box');
    expect(store.index).toBe(2);
    expect(session.highlightedRegionIds).toEqual(['r-box']);
    // A sentence linked to a region this viewer never drew clears the shape.
    session.highlight([{ id: 'elsewhere', volumeId: '9.9', label: 'x', worldBox: { min: [0, 0, 0], max: [1, 1, 1] }, centroid: [0, 0, 0] }]);
    expect(store.highlightedRegionId).toBeNull();
    session.highlight([{ id: 'r-length', volumeId: '1.1', label: 'l', worldBox: { min: [0, 0, 0], max: [1, 1, 1] }, centroid: [0, 0, 0] }]);
    expect([store.highlightedRegionId, store.index]).toEqual(['r-length', 1]);
    session.clearHighlight();
    expect(store.highlightedRegionId).toBeNull();
  });

  it('an unmounted viewer leaves the session; a second viewer under the same id is refused', () => {
    const { store, session, viewer } = openViewer();
    expect(() => session.registerImageViewer({ ...viewer })).toThrow(/already open/);
    session.unregisterImageViewer(viewer);
    session.highlight([{ id: 'r-box', volumeId: '1.2', label: 'box', worldBox: { min: [0, 0, 0], max: [1, 1, 0] }, centroid: [0, 0, 0] }]);
    expect(store.highlightedRegionId).toBeNull();
    disposeProjectionStore(store);
  });

  it('a click picks a shape: on a line within 5 px, inside a rectangle or ellipse, not beside them', () => {
    expect(hitsShape('length', [0, 0], [100, 0], [50, 4])).toBe(true);
    expect(hitsShape('length', [0, 0], [100, 0], [50, 9])).toBe(false);
    expect(hitsShape('rectangle', [10, 10], [50, 40], [30, 25])).toBe(true);
    expect(hitsShape('rectangle', [10, 10], [50, 40], [70, 25])).toBe(false);
    expect(hitsShape('ellipse', [0, 0], [100, 50], [50, 25])).toBe(true);
    expect(hitsShape('ellipse', [0, 0], [100, 50], [2, 2])).toBe(false);
  });

  it('shapes stored as regions come back as drawn shapes (label without the shape name); other regions are skipped', () => {
    const stored = {
      id: 'r1',
      label: 'rectangle 12.0 × 8.0 mm, area 96 mm², luminance mean 120, SD 30',
      volumeId: '1.1',
      image: { coordinates: 'image', sopInstanceUid: '1.2.0', frameNumber: 1, k: 0, shape: 'rectangle', points: [[1, 2], [3, 4]] },
    } as unknown as RegionSummary;
    const finding = { id: 'f', label: 'nodule', volumeId: '1.1', image: null } as unknown as RegionSummary;
    expect(shapesOfRegions([stored, finding])).toEqual([
      { id: 'stored-r1', shape: 'rectangle', volumeId: '1.1', k: 0, points: [[1, 2], [3, 4]], text: '12.0 × 8.0 mm, area 96 mm², luminance mean 120, SD 30', regionId: 'r1' },
    ]);
  });
});

describe('color images in the 2D viewer', () => {
  it('RGB, YBR and palette series are color; grey ones are not', () => {
    expect(isColor({ samplesPerPixel: 3, photometricInterpretation: 'YBR_FULL_422' })).toBe(true);
    expect(isColor({ samplesPerPixel: 1, photometricInterpretation: 'PALETTE COLOR' })).toBe(true);
    expect(isColor({ samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME1' })).toBe(false);
  });

  it('draws the stored RGB as is, opaque; the store shows the image of the page and never offers a window', () => {
    const out = new Uint8ClampedArray(2 * 4);
    renderRgb({ rows: 1, columns: 2, rgb: new Uint8Array([10, 20, 30, 200, 100, 0]) }, out);
    expect([...out]).toEqual([10, 20, 30, 255, 200, 100, 0, 255]);

    const store = createProjectionStore('color');
    store.open(display({ samplesPerPixel: 3, photometricInterpretation: 'RGB' }));
    expect(store.color).toBe(true);
    store.setRgb('1.1', 1, { rows: 4, columns: 6, rgb: new Uint8Array(72).fill(7) });
    expect(store.currentRgb).toBeNull(); // image 0 is shown, image 1 was loaded
    store.setImage(1);
    expect(store.currentRgb?.rgb[0]).toBe(7);
    expect(store.options).toEqual([]);
    const before = { ...store.windowLevel };
    store.dragWindow(50, 50);
    expect(store.windowLevel).toEqual(before);
  });
});
