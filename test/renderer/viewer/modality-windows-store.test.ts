import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { worldToIndex } from '../../../electron/shared/geometry/grid';
import { createViewerStore } from '../../../renderer/src/viewer/stores/viewer-store';
import { volumeInfo } from './volume-info';

describe('the MPR viewer store: windows by modality and the scroll convention', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('an MR opens with its own window, lists the automatic one, and ignores the CT presets', () => {
    const store = createViewerStore('current');
    store.setAutoWindow({ center: 250, width: 500 });
    store.openVolume('1.2.3', volumeInfo({ modality: 'MR', units: 'raw', defaultWindow: { center: 300, width: 700 }, scalarRange: [0, 1200] }));
    expect(store.ctPresets).toBe(false);
    expect(store.windowLevel).toEqual({ center: 300, width: 700 });
    expect(store.windowChoices.map((c) => c.id)).toEqual(['file-1', 'auto']);
    store.applyWindowPreset('brain');
    expect(store.windowLevel).toEqual({ center: 300, width: 700 });
    expect(store.applyWindowChoice('auto')).toBe(true);
    expect(store.windowLevel).toEqual({ center: 250, width: 500 });
    store.resetViews();
    expect(store.windowLevel).toEqual({ center: 300, width: 700 });
  });

  it('an MR without window values opens with the automatic window', () => {
    const store = createViewerStore('current');
    store.setAutoWindow({ center: 90, width: 160 });
    store.openVolume('1.2.3', volumeInfo({ modality: 'MR', units: 'raw', defaultWindow: null }));
    expect(store.windowLevel).toEqual({ center: 90, width: 160 });
  });

  it('CT keeps its presets', () => {
    const store = createViewerStore('current');
    store.openVolume('1.2.3', volumeInfo());
    expect(store.ctPresets).toBe(true);
    store.applyWindowPreset('brain');
    expect(store.windowLevel).toEqual({ center: 40, width: 80 });
  });

  it('wheel down moves the axial plane toward the feet; reversed toward the head', () => {
    const store = createViewerStore('current');
    store.openVolume('1.2.3', volumeInfo()); // k along +z (toward the head)
    store.setScrollConvention('default');
    const z0 = store.crosshair[2];
    const k0 = worldToIndex(store.grid!, store.crosshair)[2];
    store.scrollByConvention('axial', 1);
    expect(store.crosshair[2]).toBeLessThan(z0);
    expect(worldToIndex(store.grid!, store.crosshair)[2]).toBeCloseTo(k0 - 1, 9);
    store.setScrollConvention('reversed');
    store.scrollByConvention('axial', 2);
    expect(worldToIndex(store.grid!, store.crosshair)[2]).toBeCloseTo(k0 + 1, 9);
    store.setScrollConvention('default');
  });
});
