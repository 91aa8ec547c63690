import { inject, ref, shallowRef, watch, type InjectionKey, type Ref, type ShallowRef } from 'vue';
import type { VolumeMeta } from '../../../../electron/shared/api/channels/study-channels';
import { useApi } from '../../api/api-client';
import type { LoadedVolume } from '../vtk/loaded-volume';
import { voxelArrayFromBytes } from '../vtk/scalar-view';

/** Where volumes come from: the typed API by default; tests and harnesses may provide another. */
export type VolumeSource = (volumeId: string) => Promise<{ meta: VolumeMeta; data: Uint8Array }>;
export const VOLUME_SOURCE_KEY: InjectionKey<VolumeSource> = Symbol('radground.viewer.volumeSource');

const apiVolumeSource: VolumeSource = (volumeId) => useApi().api['volumes.get']({ volumeId });

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * Loads a volume whenever `volumeId` changes (a late answer for an older id is dropped) and views
 * its bytes as typed voxels without copying.
 */
export function useVolumeLoader(volumeId: Ref<string | null>, enabled = true) {
  const source = inject(VOLUME_SOURCE_KEY, apiVolumeSource);
  const volume: ShallowRef<LoadedVolume | null> = shallowRef(null);
  const status = ref<LoadStatus>('idle');
  const error = ref<string | null>(null);
  let generation = 0;

  async function load(id: string | null): Promise<void> {
    const mine = ++generation;
    volume.value = null;
    error.value = null;
    if (!id || !enabled) {
      status.value = 'idle';
      return;
    }
    status.value = 'loading';
    try {
      const { meta, data } = await source(id);
      if (mine !== generation) return;
      const voxelCount = meta.dims[0] * meta.dims[1] * meta.dims[2];
      const scalars = voxelArrayFromBytes(meta.dataType, data, voxelCount);
      const { sopInstanceUids: _uids, ...info } = meta;
      volume.value = { volumeId: id, info, scalars };
      status.value = 'ready';
    } catch (e) {
      if (mine !== generation) return;
      error.value = e instanceof Error ? e.message : String(e);
      status.value = 'error';
    }
  }

  watch(volumeId, (id) => void load(id), { immediate: true });
  return { volume, status, error, reload: () => load(volumeId.value) };
}
