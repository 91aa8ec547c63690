import { inject, ref, shallowRef, watch, type InjectionKey, type Ref, type ShallowRef } from 'vue';
import type { LoadedVolume } from '../vtk/loaded-volume';
import { newVoxelArray, voxelArrayFromBytes } from '../../../../electron/shared/imaging/voxel-arrays';
import { slicesPerChunk, VolumeAssembly } from '../vtk/volume-assembly';
import { VolumeStream, type StreamPlacer } from '../vtk/volume-stream';
import { StridedSamples } from '../display/strided-samples';
import { apiVolumeSource, type ChunkMeta, type ProgressiveVolumeSource, type SliceAnswer, type VolumeSource, type WholeVolumeSource } from '../vtk/volume-source';
import type { FirstImage } from '../vtk/first-image';

export type { VolumeSource } from '../vtk/volume-source';
export const VOLUME_SOURCE_KEY: InjectionKey<VolumeSource> = Symbol('radground.viewer.volumeSource');

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * Loads a volume whenever `volumeId` changes (a late answer for an older id is dropped). With a
 * progressive source (the API): the slice the viewer opens on first (`firstImage`, shown as a 2D
 * image at once), then the voxels chunk by chunk (`progress` 0..1). `volume` is set at the first
 * chunk (the one holding the first image's slice), with a `stream` that reports each chunk
 * written, so the views fill in while the rest arrives; the viewer then places the voxels
 * (`stream.place`), before more is asked for: 'whole', into ONE buffer of the volume's own voxel
 * type (each chunk written there as it arrives, no buffer of it kept), or 'texture', each chunk
 * into one reused chunk buffer, handed to the viewer and overwritten by the next (the automatic
 * window's samples taken on the way). `status` turns 'ready' when every slice is in. A whole-volume source answers in one go (viewed, not copied).
 */
export function useVolumeLoader(volumeId: Ref<string | null>) {
  const source = inject(VOLUME_SOURCE_KEY, apiVolumeSource);
  const volume: ShallowRef<LoadedVolume | null> = shallowRef(null);
  const firstImage: ShallowRef<FirstImage | null> = shallowRef(null);
  const progress = ref(0);
  const status = ref<LoadStatus>('idle');
  const error = ref<string | null>(null);
  let generation = 0;
  let cancelPrevious: () => void = () => {};

  async function load(id: string | null): Promise<void> {
    const mine = ++generation;
    const current = () => mine === generation;
    cancelPrevious();
    const cancelled = new Promise<void>((resolve) => (cancelPrevious = resolve));
    volume.value = null;
    firstImage.value = null;
    progress.value = 0;
    error.value = null;
    if (!id) {
      status.value = 'idle';
      return;
    }
    status.value = 'loading';
    try {
      const show = (v: LoadedVolume) => (volume.value = v);
      const loaded =
        typeof source === 'function'
          ? await loadWhole(source, id)
          : await loadProgressive(source, id, current, {
              showFirst: (f) => (firstImage.value = f),
              showVolume: show,
              onProgress: (p) => (progress.value = p),
              cancelled,
              refetch: () => void load(id),
            });
      if (!loaded || !current()) return;
      progress.value = 1;
      if (volume.value !== loaded) volume.value = loaded;
      status.value = 'ready';
    } catch (e) {
      if (!current()) return;
      error.value = e instanceof Error ? e.message : String(e);
      status.value = 'error';
    }
  }

  watch(volumeId, (id) => void load(id), { immediate: true });
  return {
    volume,
    firstImage,
    progress,
    status,
    error,
    /** The first image is no longer needed (the MPR views have drawn): drop its pixels. */
    releaseFirstImage: () => void (firstImage.value = null),
    reload: () => load(volumeId.value),
  };
}

async function loadWhole(source: WholeVolumeSource, id: string): Promise<LoadedVolume> {
  const { meta, data } = await source(id);
  const scalars = voxelArrayFromBytes(meta.dataType, data, meta.dims[0] * meta.dims[1] * meta.dims[2]);
  const { sopInstanceUids: _uids, ...info } = meta;
  return { volumeId: id, info, scalars };
}

interface ProgressiveCallbacks {
  showFirst(first: FirstImage): void;
  /** Settles when this load is superseded (a newer one started). */
  cancelled: Promise<void>;
  /** Loads the volume again. */
  refetch(): void;
  /** The volume, streaming: called once, when the chunk holding the first image's slice is in. */
  showVolume(volume: LoadedVolume): void;
  onProgress(fraction: number): void;
}

async function loadProgressive(source: ProgressiveVolumeSource, id: string, current: () => boolean, callbacks: ProgressiveCallbacks): Promise<LoadedVolume | null> {
  const slice = await source.slice(id);
  if (!current()) return null;
  const first = firstImageOf(id, slice);
  callbacks.showFirst(first);
  const [w, h, d] = first.geometry.dims;
  const step = slicesPerChunk(w * h, slice.meta.dataType);
  const { sopInstanceUids: _uids, k: _k, sliceWindow: _w, dataType: _t, ...geometry } = slice.meta;
  let assembly = null as VolumeAssembly | null; // set by `assemble` (a closure: no narrowing to null)
  let loaded: LoadedVolume | null = null;
  /** The automatic window's samples, taken from each chunk while the voxels go only to a texture. */
  let samples: StridedSamples | null = null;
  /** Where the voxels go: a chunk buffer until the viewer places them (the first chunk waits there). */
  const assemble = (dataType: ChunkMeta['dataType']) => (assembly ??= new VolumeAssembly(first.geometry.dims, dataType, step, false));
  // The chunk holding the first image's slice first (what the axial view opens on), then onwards.
  const firstStart = Math.max(0, Math.min(d - step, first.k - Math.floor(step / 2)));
  for (let start: number | null = firstStart; start !== null; start = assembly!.nextMissing(start)) {
    const count = assembly ? assembly.missingRun(start, step) : Math.min(step, d - start);
    const meta = await receiveChunk(source, id, start, count, assemble);
    if (!current()) return null;
    const into = assemble(meta.dataType);
    const k1 = meta.start + meta.count - 1;
    samples?.add(meta.start * w * h, into.voxelsOf(meta));
    if (!loaded) {
      samples = new StridedSamples(into.dataType, w * h * d);
      samples.add(meta.start * w * h, into.voxelsOf(meta));
      const chunk = meta;
      let placed: (() => void) | null = null;
      const placing = new Promise<void>((resolve) => (placed = resolve));
      const placer: StreamPlacer = {
        place: (placement) => {
          placed?.();
          if (placement === 'whole') {
            samples = null;
            shown.scalars = into.keepWhole();
            // Every slice was in the first chunk: the stream is complete (nothing more is written).
            if (into.complete) shown.stream!.written(chunk.start, chunk.start + chunk.count - 1, true, into.voxelsOf(chunk));
            return shown.scalars;
          }
          shown.stream!.windowSamples = into.complete ? samples!.values : null;
          shown.stream!.written(chunk.start, chunk.start + chunk.count - 1, into.complete, into.voxelsOf(chunk));
          return null;
        },
        refetch: () => void (current() && callbacks.refetch()),
      };
      // scalarRange is the whole volume's (the core has it all): vtk.js sizes its texture by it.
      const shown: LoadedVolume = {
        volumeId: id,
        info: { ...geometry, dataType: into.dataType, scalarRange: meta.scalarRange },
        scalars: newVoxelArray(into.dataType, 0),
        stream: new VolumeStream(false, placer),
      };
      loaded = shown;
      callbacks.showVolume(shown);
      callbacks.onProgress(into.progress);
      // The viewer places the voxels (whole, or only in its texture) before any other chunk comes.
      if (!(await waitUntil(placing, callbacks.cancelled)) || !current()) return null;
      continue;
    }
    if (samples && into.complete) loaded.stream!.windowSamples = samples.values;
    loaded.stream!.written(meta.start, k1, into.complete, into.voxelsOf(meta));
    callbacks.onProgress(into.progress);
  }
  assembly?.dropChunkBuffer(); // every chunk is in its place (the texture, or the whole buffer)
  return loaded;
}

/** Resolves true when `done` settles, false if `cancelled` does first (a newer load started). */
function waitUntil(done: Promise<void>, cancelled: Promise<void>): Promise<boolean> {
  return Promise.race([done.then(() => true), cancelled.then(() => false)]);
}

/**
 * Slices `start..start+count-1` into the volume's buffer (`assemblyFor` gives it): written in
 * place as they arrive where the source can, else copied from the answer. Resolves to the chunk's meta, its slices marked received.
 */
async function receiveChunk(
  source: ProgressiveVolumeSource,
  id: string,
  start: number,
  count: number,
  assemblyFor: (dataType: ChunkMeta['dataType']) => VolumeAssembly,
): Promise<ChunkMeta> {
  if (source.chunkInto) {
    const meta = await source.chunkInto(id, start, count, (m) => assemblyFor(m.dataType).bytesFor(m));
    assemblyFor(meta.dataType).received(meta);
    return meta;
  }
  const { meta, data } = await source.chunk(id, start, count);
  assemblyFor(meta.dataType).add(meta, data);
  return meta;
}

function firstImageOf(volumeId: string, { meta, data }: SliceAnswer): FirstImage {
  const pixels = voxelArrayFromBytes(meta.dataType, data, meta.dims[0] * meta.dims[1]);
  return {
    volumeId,
    geometry: { dims: meta.dims, spacing: meta.spacing, origin: meta.origin, direction: meta.direction },
    k: meta.k,
    pixels,
    window: meta.defaultWindow ?? meta.sliceWindow,
    invert: meta.invertForDisplay,
  };
}
