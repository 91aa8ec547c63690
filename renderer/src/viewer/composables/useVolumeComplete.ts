import { onScopeDispose, ref, watch, type Ref } from 'vue';
import type { LoadedVolume } from '../vtk/loaded-volume';

/**
 * Whether every slice of the shown volume is in: at once for a volume loaded whole, when its
 * stream writes the last missing slices for one that streams in. False with no volume.
 */
export function useVolumeComplete(volume: Ref<LoadedVolume | null>): Ref<boolean> {
  const complete = ref(false);
  let stop: (() => void) | null = null;
  watch(
    volume,
    (v) => {
      stop?.();
      stop = null;
      complete.value = !!v && (!v.stream || v.stream.complete);
      if (!v?.stream || complete.value) return;
      stop = v.stream.onSlices((_k0, _k1, done) => {
        if (done) complete.value = true;
      });
    },
    { immediate: true },
  );
  onScopeDispose(() => stop?.());
  return complete;
}
