import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { AUTOMATION_GLOBAL, AUTOMATION_VIEWERS_GLOBAL, installAutomationHandle, type ViewerAutomationHandle } from '../../../renderer/src/viewer/automation-hook';
import { VOLUME_SOURCE_KEY } from '../../../renderer/src/viewer/composables/useVolumeLoader';
import ReadingViewer from '../../../renderer/src/viewer/ReadingViewer.vue';
import { useReadingSessionStore } from '../../../renderer/src/viewer/stores/reading-session-store';
import { provideViewerStore, useViewerStore } from '../../../renderer/src/viewer/stores/viewer-context';
import { createViewerStore, disposeViewerStore, type ViewerStore } from '../../../renderer/src/viewer/stores/viewer-store';
import { volumeInfo } from './volume-info';

const box = (c: [number, number, number]) => ({ id: `r${c.join('_')}`, label: 'nodule', worldBox: { min: c.map((v) => v - 3) as [number, number, number], max: c.map((v) => v + 3) as [number, number, number] }, centroid: c });
const scope = globalThis as Record<string, unknown>;

describe('viewer store factory: every viewer has its own state', () => {
  let pinia: Pinia;
  beforeEach(() => {
    pinia = createPinia();
    setActivePinia(pinia);
  });

  it('two stores, even with the same name, share no state', () => {
    const a = createViewerStore('current');
    const b = createViewerStore('current');
    expect(a.$id).not.toBe(b.$id);
    a.openVolume('1.1', volumeInfo());
    b.openVolume('2.2', volumeInfo({ defaultWindow: { center: 40, width: 400 } }));
    a.setLayout('1x1');
    a.applyWindowPreset('bone');
    a.setTool('length');
    a.zoomView('axial', 2);
    a.addMeasurement({ p1: [0, 0, 0], p2: [10, 0, 0], viewId: 'axial' });
    a.highlightRegion(box([5, 5, 5]));
    a.scrollSlice('axial', 3);

    expect(b.volumeId).toBe('2.2');
    expect(b.layout).toBe('2x2');
    expect(b.windowLevel).toEqual({ center: 40, width: 400 });
    expect(b.tool).toBe('crosshair');
    expect(b.transforms.axial.zoom).toBe(1);
    expect(b.measurements).toEqual([]);
    expect(b.highlight).toBeNull();
    expect(b.crosshair).not.toEqual(a.crosshair);
    expect(a.viewerId).toBe('current');
  });

  it('dispose stops the store and removes its state from Pinia', () => {
    const a = createViewerStore('prior');
    a.openVolume('1.1', volumeInfo());
    expect(pinia.state.value[a.$id]).toBeDefined();
    disposeViewerStore(a);
    expect(pinia.state.value[a.$id]).toBeUndefined();
    const again = createViewerStore('prior');
    expect(again.volumeId).toBeNull();
  });

  it('useViewerStore resolves the store provided by the nearest viewer, and throws outside one', () => {
    const a = createViewerStore('a');
    const b = createViewerStore('b');
    const seen: ViewerStore[] = [];
    const Child = defineComponent({ setup: () => (seen.push(useViewerStore()), () => h('i')) });
    const Host = (store: ViewerStore) => defineComponent({ setup: () => (provideViewerStore(store), () => h(Child)) });
    mount(defineComponent({ setup: () => () => h('div', [h(Host(a)), h(Host(b))]) }), { global: { plugins: [pinia] } }).unmount();
    expect(seen).toEqual([a, b]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(() => mount(Child, { global: { plugins: [pinia] } })).toThrow(/no viewer store/);
    warn.mockRestore();
  });
});

describe('two ReadingViewers on one page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keep separate stores, register by viewer id, key the automation hook by viewer, and clean up', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const source = vi.fn();
    const Page = defineComponent({
      setup: () => () => h('div', [h(ReadingViewer, { volumeId: '1.1', viewerId: 'current' }), h(ReadingViewer, { volumeId: '2.2', viewerId: 'prior', initialLayout: '1x1' })]),
    });
    const wrapper = mount(Page, { global: { plugins: [pinia], provide: { [VOLUME_SOURCE_KEY as symbol]: source } } });
    await flushPromises();
    const session = useReadingSessionStore();
    const current = session.viewer('current')!;
    const prior = session.viewer('prior')!;
    expect(current).not.toBe(prior);
    expect(prior.layout).toBe('1x1');
    expect(current.layout).toBe('2x2');

    // happy-dom has no WebGL: the stores are there, the volumes are not loaded; open them by hand.
    current.openVolume('1.1', volumeInfo());
    prior.openVolume('2.2', volumeInfo());
    const hooks = scope[AUTOMATION_VIEWERS_GLOBAL] as Record<string, ViewerAutomationHandle>;
    expect(Object.keys(hooks).sort()).toEqual(['current', 'prior']);
    expect((scope[AUTOMATION_GLOBAL] as ViewerAutomationHandle).viewerId).toBe('current');
    hooks.prior!.scrollSlice('axial', 4);
    expect(hooks.prior!.snapshot().crosshair).not.toEqual(hooks.current!.snapshot().crosshair);

    // The session lights each region in the viewer of its volume.
    session.highlight([{ ...box([1, 2, 3]), volumeId: '2.2' }, { ...box([4, 5, 6]), volumeId: '1.1' }]);
    expect(current.highlight?.id).toBe('r4_5_6');
    expect(prior.highlight?.id).toBe('r1_2_3');
    session.highlight([{ ...box([4, 5, 6]), volumeId: '1.1' }]);
    expect(prior.highlight).toBeNull();

    wrapper.unmount();
    expect(session.viewers.size).toBe(0);
    expect(scope[AUTOMATION_GLOBAL]).toBeUndefined();
    expect(scope[AUTOMATION_VIEWERS_GLOBAL]).toBeUndefined();
    expect(Object.keys(pinia.state.value).filter((k) => k.startsWith('viewer:'))).toEqual([]);
  });

  it('a second viewer under a name already open is refused', () => {
    setActivePinia(createPinia());
    const session = useReadingSessionStore();
    session.register(createViewerStore('current'));
    expect(() => session.register(createViewerStore('current'))).toThrow(/already open/);
  });

  it('the single-viewer hook follows the primary viewer when viewers come and go', () => {
    setActivePinia(createPinia());
    const prior = installAutomationHandle(createViewerStore('prior'), () => 0);
    expect((scope[AUTOMATION_GLOBAL] as ViewerAutomationHandle).viewerId).toBe('prior');
    const current = installAutomationHandle(createViewerStore('current'), () => 0);
    expect((scope[AUTOMATION_GLOBAL] as ViewerAutomationHandle).viewerId).toBe('current');
    current();
    expect((scope[AUTOMATION_GLOBAL] as ViewerAutomationHandle).viewerId).toBe('prior');
    prior();
    expect(scope[AUTOMATION_GLOBAL]).toBeUndefined();
  });
});
