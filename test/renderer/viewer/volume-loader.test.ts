import { mount, flushPromises } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { useVolumeLoader, VOLUME_SOURCE_KEY, type VolumeSource } from '../../../renderer/src/viewer/composables/useVolumeLoader';
import { volumeInfo } from './volume-info';
import { percentileWindow } from '../../../renderer/src/viewer/display/modality-windows';

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

describe('useVolumeLoader with a progressive source', () => {
  const dims: [number, number, number] = [4, 3, 40];
  const per = dims[0] * dims[1];
  const voxel = (n: number) => (n % 300) - 100;
  const sliceMeta = () => {
    const { dataType: _t, scalarRange: _r, ...geometry } = volumeInfo({ dims, imageNumbering: { rule: 'position', numbers: Array.from({ length: 40 }, (_, k) => k + 1) } });
    return { ...geometry, sopInstanceUids: [], k: 20, dataType: 'int16' as const, sliceWindow: { center: 0, width: 100 } };
  };
  const bytes = (from: number, n: number) => {
    const v = new Int16Array(n);
    for (let i = 0; i < n; i++) v[i] = voxel(from + i);
    return new Uint8Array(v.buffer);
  };

  it('shows the first slice before the volume, then assembles the chunks into one volume', async () => {
    const chunks: ((() => void) | null)[] = [];
    const source = {
      slice: vi.fn(async () => ({ meta: sliceMeta(), data: bytes(20 * per, per) })),
      chunk: vi.fn(
        (_id: string, start: number, count: number) =>
          new Promise<{ meta: { start: number; count: number; dims: [number, number, number]; dataType: 'int16'; scalarRange: [number, number] }; data: Uint8Array }>((resolve) => {
            chunks.push(() => resolve({ meta: { start, count, dims, dataType: 'int16', scalarRange: [-100, 199] }, data: bytes(start * per, count * per) }));
          }),
      ),
    };
    const { loader } = harness(source);
    await flushPromises();
    expect(loader.status.value).toBe('loading');
    expect(loader.firstImage.value?.k).toBe(20);
    expect(Array.from(loader.firstImage.value!.pixels)).toEqual(Array.from({ length: per }, (_, i) => voxel(20 * per + i)));
    expect(loader.volume.value).toBeNull();
    let released = 0;
    while (chunks.length > released) {
      chunks[released++]!();
      await flushPromises();
      // The viewer places the voxels (here: whole) before the loader goes on.
      const shown = loader.volume.value?.stream;
      if (shown && shown.placed === null) {
        expect(loader.status.value).toBe('loading');
        expect(shown.place('whole')).toBe(loader.volume.value!.scalars);
        await flushPromises();
      }
      if (loader.status.value === 'loading') expect(loader.progress.value).toBeLessThan(1);
    }
    expect(source.chunk).toHaveBeenCalledTimes(1); // 40 small slices fit one 4 MiB chunk
    expect(loader.status.value).toBe('ready');
    expect(loader.progress.value).toBe(1);
    const v = loader.volume.value!;
    expect(v.info.dims).toEqual(dims);
    expect(v.info.scalarRange).toEqual([-100, 199]);
    expect(v.info).not.toHaveProperty('sopInstanceUids');
    expect(v.info).not.toHaveProperty('sliceWindow');
    expect(Array.from(v.scalars)).toEqual(Array.from({ length: per * 40 }, (_, n) => voxel(n)));
    // Shown with every slice in: its stream starts complete (the 3D view need not wait for it).
    expect(v.stream?.complete).toBe(true);
  });

  it('streams: the chunk holding the first image comes first, then the volume is shown and each later chunk is reported as it is written', async () => {
    // 512x512 int16 slices: 8 slices per 4 MiB chunk, so 40 slices take five requests.
    const big: [number, number, number] = [512, 512, 40];
    const perBig = big[0] * big[1];
    const { dataType: _t, scalarRange: _r, ...geometry } = volumeInfo({ dims: big, imageNumbering: { rule: 'position', numbers: Array.from({ length: 40 }, (_, k) => k + 1) } });
    const fill = (start: number, count: number) => {
      const v = new Int16Array(count * perBig);
      for (let k = 0; k < count; k++) v.fill(start + k, k * perBig, (k + 1) * perBig);
      return new Uint8Array(v.buffer);
    };
    const pending: (() => void)[] = [];
    const requests: [number, number][] = [];
    const source = {
      slice: async () => ({ meta: { ...geometry, sopInstanceUids: [], k: 20, dataType: 'int16' as const, sliceWindow: { center: 0, width: 100 } }, data: fill(20, 1) }),
      chunk: (_id: string, start: number, count: number) =>
        new Promise<{ meta: { start: number; count: number; dims: [number, number, number]; dataType: 'int16'; scalarRange: [number, number] }; data: Uint8Array }>((resolve) => {
          requests.push([start, count]);
          pending.push(() => resolve({ meta: { start, count, dims: big, dataType: 'int16', scalarRange: [0, 39] }, data: fill(start, count) }));
        }),
    };
    const { loader } = harness(source);
    await flushPromises();
    expect(loader.volume.value).toBeNull();
    pending.shift()!();
    await flushPromises();
    // The first chunk is slices 16..23 (around k = 20): the volume is shown, still loading.
    expect(requests[0]).toEqual([16, 8]);
    const v = loader.volume.value!;
    expect(v.stream).toBeDefined();
    expect(loader.status.value).toBe('loading');
    expect(v.info.scalarRange).toEqual([0, 39]);
    expect(v.scalars).toHaveLength(0); // not placed yet
    expect(requests).toHaveLength(1); // nothing more is asked for until the voxels are placed
    await flushPromises();
    expect(requests).toHaveLength(1);
    v.stream!.place('whole');
    await flushPromises();
    expect(v.scalars).toHaveLength(40 * perBig);
    expect(v.scalars[20 * perBig]).toBe(20);
    expect(v.scalars[30 * perBig]).toBe(0); // not arrived yet
    expect(v.stream!.complete).toBe(false);
    const written: [number, number, boolean][] = [];
    v.stream!.onSlices((k0, k1, complete) => written.push([k0, k1, complete]));
    while (pending.length) {
      pending.shift()!();
      await flushPromises();
    }
    // Then onwards to the end, then the start; no slice is asked for twice.
    expect(requests).toEqual([
      [16, 8],
      [24, 8],
      [32, 8],
      [0, 8],
      [8, 8],
    ]);
    expect(written).toEqual([
      [24, 31, false],
      [32, 39, false],
      [0, 7, false],
      [8, 15, true],
    ]);
    expect(loader.status.value).toBe('ready');
    expect(v.stream!.complete).toBe(true);
    expect(loader.volume.value).toBe(v); // the same buffer, filled in place
    expect(v.scalars).toBeInstanceOf(Int16Array);
    for (let k = 0; k < 40; k++) expect(v.scalars[k * perBig + 7], `slice ${k}`).toBe(k);
  });

  it("'texture': each chunk comes in one reused chunk buffer, no whole volume is kept, and the automatic window equals the whole volume's", async () => {
    // 512x512x40 int16: 8 slices a chunk; 10.5M voxels, so the automatic window samples every 10th.
    const big: [number, number, number] = [512, 512, 40];
    const perBig = big[0] * big[1];
    const value = (n: number) => (Math.imul(n, 2654435761) >>> 20) % 3000 - 1000;
    const fill = (start: number, count: number) => {
      const v = new Int16Array(count * perBig);
      for (let i = 0; i < v.length; i++) v[i] = value(start * perBig + i);
      return new Uint8Array(v.buffer);
    };
    const { dataType: _t, scalarRange: _r, ...geometry } = volumeInfo({ dims: big, imageNumbering: { rule: 'position', numbers: Array.from({ length: 40 }, (_, k) => k + 1) } });
    const pending: (() => void)[] = [];
    const source = {
      slice: async () => ({ meta: { ...geometry, sopInstanceUids: [], k: 20, dataType: 'int16' as const, sliceWindow: { center: 0, width: 100 } }, data: fill(20, 1) }),
      chunk: (_id: string, start: number, count: number) =>
        new Promise<{ meta: { start: number; count: number; dims: [number, number, number]; dataType: 'int16'; scalarRange: [number, number] }; data: Uint8Array }>((resolve) => {
          pending.push(() => resolve({ meta: { start, count, dims: big, dataType: 'int16', scalarRange: [-1000, 1999] }, data: fill(start, count) }));
        }),
    };
    const { loader } = harness(source);
    await flushPromises();
    pending.shift()!();
    await flushPromises();
    const v = loader.volume.value!;
    const seen = new Int16Array(40 * perBig); // what the viewer would write into its texture
    const buffers = new Set<ArrayBufferLike>();
    const written: [number, number, boolean][] = [];
    v.stream!.onSlices((k0, k1, complete, voxels) => {
      written.push([k0, k1, complete]);
      buffers.add(voxels.buffer);
      expect(voxels).toHaveLength((k1 - k0 + 1) * perBig);
      seen.set(voxels, k0 * perBig);
    });
    expect(v.stream!.place('texture')).toBeNull();
    expect(written).toEqual([[16, 23, false]]); // the chunk already in, handed over at once
    await flushPromises();
    while (pending.length) {
      pending.shift()!();
      await flushPromises();
    }
    expect(loader.status.value).toBe('ready');
    expect(written.map(([k0]) => k0)).toEqual([16, 24, 32, 0, 8]);
    expect(written.at(-1)![2]).toBe(true);
    expect(v.stream!.complete).toBe(true);
    for (let n = 0; n < seen.length; n += 4099) expect(seen[n], `voxel ${n}`).toBe(value(n));
    // No array of the whole volume: the scalars are empty, every chunk came in the same 4 MiB buffer.
    expect(v.scalars).toHaveLength(0);
    expect(buffers.size).toBe(1);
    expect([...buffers][0]!.byteLength).toBe(8 * perBig * 2);
    // The automatic window from the samples taken per chunk is the whole volume's.
    const whole = new Int16Array(40 * perBig).map((_, n) => value(n));
    expect(v.stream!.windowSamples).not.toBeNull();
    expect(percentileWindow(v.stream!.windowSamples!)).toEqual(percentileWindow(whole));
  });

  it('a load superseded while it waits for the viewer to place its voxels asks for nothing more, even when placed late', async () => {
    const requests: string[] = [];
    const source = {
      slice: async () => ({ meta: sliceMeta(), data: bytes(20 * per, per) }),
      chunk: async (volumeId: string, start: number, count: number) => {
        requests.push(volumeId);
        return { meta: { start, count, dims, dataType: 'int16' as const, scalarRange: [-100, 199] as [number, number] }, data: bytes(start * per, count * per) };
      },
    };
    const { loader, id } = harness(source);
    await flushPromises();
    const old = loader.volume.value!;
    expect(old.stream!.placed).toBeNull();
    id.value = '4.5.6';
    await flushPromises();
    old.stream!.place('whole'); // too late: that load is over
    await flushPromises();
    expect(requests).toEqual(['1.2.3', '4.5.6']);
    expect(loader.volume.value?.volumeId).toBe('4.5.6');
    expect(loader.status.value).toBe('loading'); // the new one waits for its own placement
  });
});
