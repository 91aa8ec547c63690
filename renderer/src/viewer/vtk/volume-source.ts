import type { ResponseOf } from '../../../../electron/shared/api/contract';
import type { VolumeMeta } from '../../../../electron/shared/api/channels/study-channels';
import { useApi } from '../../api/api-client';

export type SliceAnswer = ResponseOf<'volumes.getSlice'>;
export type ChunkAnswer = ResponseOf<'volumes.getChunk'>;

/**
 * Where the viewer's voxels come from. Progressive (the typed API by default): one decoded slice
 * first (`volumes.getSlice`), then the volume in chunks of slices (`volumes.getChunk`). Tests and
 * harnesses may also give a plain function answering the whole volume at once.
 */
export interface ProgressiveVolumeSource {
  slice(volumeId: string): Promise<SliceAnswer>;
  chunk(volumeId: string, start: number, count: number): Promise<ChunkAnswer>;
}
export type WholeVolumeSource = (volumeId: string) => Promise<{ meta: VolumeMeta; data: Uint8Array }>;
export type VolumeSource = WholeVolumeSource | ProgressiveVolumeSource;

export const apiVolumeSource: ProgressiveVolumeSource = {
  slice: (volumeId) => useApi().api['volumes.getSlice']({ volumeId }),
  chunk: (volumeId, start, count) => useApi().api['volumes.getChunk']({ volumeId, start, count }),
};
