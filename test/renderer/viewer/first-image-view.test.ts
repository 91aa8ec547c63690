import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import FirstImageView from '../../../renderer/src/viewer/components/FirstImageView.vue';
import { VIEWER_STORE_KEY } from '../../../renderer/src/viewer/stores/viewer-context';
import { createViewerStore, disposeViewerStore } from '../../../renderer/src/viewer/stores/viewer-store';
import type { FirstImage } from '../../../renderer/src/viewer/vtk/first-image';

const image: FirstImage = {
  volumeId: '1',
  geometry: { dims: [3, 2, 5], spacing: [0.5, 0.7, 2], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] },
  k: 2,
  pixels: Int16Array.from([0, 1, 2, 3, 4, 5]),
  window: { center: 2.5, width: 6 },
  invert: false,
};

describe('FirstImageView', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the windowed slice as a BMP <img> (no canvas), says `shown` once decoded and lets the blob go', async () => {
    setActivePinia(createPinia());
    const store = createViewerStore('first-image-test');
    const blobs: Blob[] = [];
    const created = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return `blob:first-${blobs.length}`;
    });
    const revoked = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    let decoded!: () => void;
    vi.spyOn(HTMLImageElement.prototype, 'decode').mockImplementation(() => new Promise<void>((r) => (decoded = r)));
    const wrapper = mount(FirstImageView, { props: { image }, global: { provide: { [VIEWER_STORE_KEY as symbol]: store } } });
    await flushPromises();
    expect(wrapper.find('canvas').exists()).toBe(false);
    expect(wrapper.get('img').attributes('src')).toBe('blob:first-1');
    expect(created).toHaveBeenCalledTimes(1);
    const bmp = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect(blobs[0]!.type).toBe('image/bmp');
    expect(String.fromCharCode(bmp[0]!, bmp[1]!)).toBe('BM');
    expect(new DataView(bmp.buffer).getInt32(18, true)).toBe(3); // the axial view's width: the 3 columns
    expect(wrapper.emitted('shown')).toBeUndefined(); // not before it is decoded
    decoded();
    await flushPromises();
    expect(wrapper.emitted('shown')).toHaveLength(1);
    expect(revoked).toHaveBeenCalledWith('blob:first-1');
    wrapper.unmount();
    disposeViewerStore(store);
  });
});
