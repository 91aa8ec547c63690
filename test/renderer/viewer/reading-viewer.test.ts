import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VOLUME_SOURCE_KEY } from '../../../renderer/src/viewer/composables/useVolumeLoader';
import ReadingViewer from '../../../renderer/src/viewer/ReadingViewer.vue';
import type { ViewerStore } from '../../../renderer/src/viewer/stores/viewer-store';
import { probeWebGl2, resetWebGl2ProbeForTests } from '../../../renderer/src/viewer/vtk/webgl-support';

describe('ReadingViewer', () => {
  let pinia: ReturnType<typeof createPinia>;
  beforeEach(() => {
    pinia = createPinia();
    setActivePinia(pinia);
    resetWebGl2ProbeForTests();
  });
  afterEach(() => vi.restoreAllMocks());

  it('without WebGL2 shows a clear message and never loads the volume', async () => {
    expect(document.createElement('canvas').getContext('webgl2')).toBeNull(); // happy-dom has no WebGL
    const source = vi.fn();
    const wrapper = mount(ReadingViewer, { props: { volumeId: '1.2.3' }, global: { plugins: [pinia], provide: { [VOLUME_SOURCE_KEY as symbol]: source } } });
    await flushPromises();
    expect(wrapper.get('[data-testid="viewer-no-webgl"]').text()).toMatch(/WebGL2 is not available/);
    expect(wrapper.attributes('data-status')).toBe('no-webgl');
    expect(source).not.toHaveBeenCalled();
    wrapper.unmount();
  });

  it('probes WebGL2 once per page: a viewer mounted once it is known asks for its volume at once, making no context of its own', async () => {
    const webgl2 = vi.fn();
    const original = HTMLCanvasElement.prototype.getContext;
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      if (type !== 'webgl2') return (original as (...a: unknown[]) => RenderingContext | null).call(this, type, ...rest);
      webgl2();
      return { getExtension: () => ({ loseContext: () => undefined }) } as unknown as RenderingContext;
    } as typeof original);
    expect(await probeWebGl2()).toEqual({ ok: true }); // happy-dom has no OffscreenCanvas: the main-thread probe
    expect(webgl2).toHaveBeenCalledTimes(1);
    const source = vi.fn(async () => {
      throw new Error('NOT_FOUND');
    });
    const open = (volumeId: string, viewerId: string) =>
      mount(ReadingViewer, { props: { volumeId, viewerId }, global: { plugins: [pinia], provide: { [VOLUME_SOURCE_KEY as symbol]: source } } });
    const first = open('1.1', 'current');
    // In setup, before any await: the request for the volume is out.
    expect(source).toHaveBeenCalledWith('1.1');
    const second = open('2.2', 'prior');
    expect(source).toHaveBeenCalledWith('2.2');
    expect(webgl2).toHaveBeenCalledTimes(1);
    first.unmount();
    second.unmount();
  });

  it('with WebGL2: shows a load error (and emits it); keys drive the store; exposes the highlight API', async () => {
    const loseContext = vi.fn();
    const original = HTMLCanvasElement.prototype.getContext;
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      if (type === 'webgl2') return { getExtension: (name: string) => (name === 'WEBGL_lose_context' ? { loseContext } : null) } as unknown as RenderingContext;
      return (original as (...a: unknown[]) => RenderingContext | null).call(this, type, ...rest);
    } as typeof original);
    const source = vi.fn(async () => {
      throw new Error('NOT_FOUND: no volume 9.9');
    });
    const wrapper = mount(ReadingViewer, { props: { volumeId: '9.9' }, global: { plugins: [pinia], provide: { [VOLUME_SOURCE_KEY as symbol]: source } } });
    await flushPromises();
    expect(loseContext).toHaveBeenCalledTimes(1); // the probe context is released at once
    expect(wrapper.get('[data-testid="viewer-error"]').text()).toMatch(/no volume 9.9/);
    expect(wrapper.emitted('error')?.[0]).toEqual(['NOT_FOUND: no volume 9.9']);

    const store = (wrapper.vm as unknown as { store: ViewerStore }).store;
    await wrapper.trigger('keydown', { key: '3' });
    expect(store.windowPreset).toBe('bone');
    await wrapper.trigger('keydown', { key: '#', code: 'Digit3', shiftKey: true });
    expect(store.layout).toBe('1x3');
    await wrapper.get('[data-testid="layout-2x2"]').trigger('click');
    expect(store.layout).toBe('2x2');

    const exposed = wrapper.vm as unknown as { highlightRegion: (r: unknown) => void; clearHighlight: () => void };
    exposed.highlightRegion({ id: 'x', label: 'L', worldBox: { min: [0, 0, 0], max: [1, 1, 1] }, centroid: [0.5, 0.5, 0.5] });
    expect(store.highlight?.id).toBe('x');
    const hook = (globalThis as Record<string, unknown>).__RADGROUND_VIEWER__ as { clearHighlight(): void };
    hook.clearHighlight();
    expect(store.highlight).toBeNull();
    wrapper.unmount();
    expect((globalThis as Record<string, unknown>).__RADGROUND_VIEWER__).toBeUndefined();
  });
});
