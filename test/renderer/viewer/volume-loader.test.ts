import { mount, flushPromises } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { useVolumeLoader, VOLUME_SOURCE_KEY, type VolumeSource } from '../../../renderer/src/viewer/composables/useVolumeLoader';
import { volumeInfo } from './volume-info';

function harness(source: VolumeSource, id = ref<string | null>('1.2.3')) {
  let loader!: ReturnType<typeof useVolumeLoader>;
  const Comp = defineComponent({
    setup() {
      loader = useVolumeLoader(id);
      return () => h('div');
    },
  });
  mount(Comp, { global: { provide: { [VOLUME_SOURCE_KEY as symbol]: source } } });
  return { loader, id };
}

const payload = (dims: [number, number, number]) => {
  const n = dims[0] * dims[1] * dims[2];
  const buffer = new ArrayBuffer(8 + n * 2);
  new Int16Array(buffer, 8, n).fill(-1000);
  return { meta: { ...volumeInfo({ dims }), sopInstanceUids: [] }, data: new Uint8Array(buffer, 8, n * 2), buffer };
};

describe('useVolumeLoader', () => {
  it('loads through the volume source and views the bytes without copying', async () => {
    const p = payload([4, 3, 2]);
    const source = vi.fn(async () => ({ meta: p.meta, data: p.data }));
    const { loader } = harness(source);
    expect(loader.status.value).toBe('loading');
    await flushPromises();
    expect(source).toHaveBeenCalledWith('1.2.3');
    expect(loader.status.value).toBe('ready');
    expect(loader.volume.value?.scalars).toBeInstanceOf(Int16Array);
    expect(loader.volume.value?.scalars.buffer).toBe(p.buffer);
    expect(loader.volume.value?.info).not.toHaveProperty('sopInstanceUids');
  });

  it('drops a late answer for a volume that is no longer wanted', async () => {
    const slow = payload([2, 2, 2]);
    const fast = payload([3, 3, 3]);
    let releaseSlow!: () => void;
    const source: VolumeSource = (id) =>
      id === 'slow' ? new Promise((r) => (releaseSlow = () => r({ meta: slow.meta, data: slow.data }))) : Promise.resolve({ meta: fast.meta, data: fast.data });
    const { loader, id } = harness(source, ref('slow'));
    id.value = 'fast';
    await flushPromises();
    releaseSlow();
    await flushPromises();
    expect(loader.volume.value?.volumeId).toBe('fast');
    expect(loader.volume.value?.info.dims).toEqual([3, 3, 3]);
  });

  it('reports errors, including a payload that does not match the geometry', async () => {
    const p = payload([4, 3, 2]);
    const { loader } = harness(async () => ({ meta: { ...p.meta, dims: [5, 3, 2] }, data: p.data }));
    await flushPromises();
    expect(loader.status.value).toBe('error');
    expect(loader.error.value).toMatch(/expected 30 voxels/);
  });
});
