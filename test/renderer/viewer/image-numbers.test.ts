import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { numberImages } from '../../../electron/shared/imaging/image-numbering';
import { indexToWorld, worldToIndex } from '../../../electron/shared/geometry/grid';
import { sliceLabel } from '../../../renderer/src/viewer/geometry/slice-label';
import { sliceInfo } from '../../../renderer/src/viewer/geometry/slice-navigation';
import { createViewerStore } from '../../../renderer/src/viewer/stores/viewer-store';
import { expectVec } from './fixtures';
import { volumeInfo } from './volume-info';

describe('slice label: the image number the report cites, with index/total beside it', () => {
  const numbering = numberImages(Array.from({ length: 64 }, (_, k) => ({ instanceNumber: 64 - k })));

  it('an acquired (axial) slice shows its image number and its position', () => {
    expect(sliceLabel({ index: 43, number: 44, count: 64 }, 2, numbering)).toEqual({ imageNumber: 21, text: 'Im 21 (44/64)' });
  });

  it('reformatted planes, interpolated slices and volumes without numbers show the position only', () => {
    expect(sliceLabel({ index: 43, number: 44, count: 512 }, 0, numbering)).toEqual({ imageNumber: null, text: 'Im 44 / 512' });
    expect(sliceLabel({ index: 43, number: 44, count: 512 }, 1, numbering)).toEqual({ imageNumber: null, text: 'Im 44 / 512' });
    const gap = numberImages([{ instanceNumber: 3 }, null, { instanceNumber: 1 }]);
    expect(sliceLabel({ index: 1, number: 2, count: 3 }, 2, gap).text).toBe('Im 2 / 3');
    expect(sliceLabel({ index: 1, number: 2, count: 3 }, 2, null).text).toBe('Im 2 / 3');
  });
});

describe('viewer store: go to an image number', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('moves the planes to the slice with that image number, keeping the in-plane position', () => {
    const store = createViewerStore('current');
    store.openVolume('1.2.3', volumeInfo()); // 30 slices, InstanceNumber 30 - k
    store.jumpTo(indexToWorld(store.grid!, [10, 20, 3]));
    expect(store.goToImage(21)).toBe(true);
    expectVec(worldToIndex(store.grid!, store.crosshair), [10, 20, 9], 9);
    const slice = sliceInfo(store.grid!, 2, store.crosshair);
    expect(sliceLabel(slice, 2, store.volume!.imageNumbering).text).toBe('Im 21 (10/30)');
  });

  it('answers false and stays put for a number no slice has', () => {
    const store = createViewerStore('current');
    store.openVolume('1.2.3', volumeInfo());
    const before = [...store.crosshair];
    expect(store.goToImage(31)).toBe(false);
    expect(store.goToImage(0)).toBe(false);
    expect(store.goToImage(2.5)).toBe(false);
    expect(store.crosshair).toEqual(before);
  });
});
