import type { ResponseOf } from '../../../../electron/shared/api/contract';
import type { VolumeMeta } from '../../../../electron/shared/api/channels/study-channels';
import { callBinaryInto, useApi } from '../../api/api-client';

export type SliceAnswer = ResponseOf<'volumes.getSlice'>;
export type ChunkAnswer = ResponseOf<'volumes.getChunk'>;
export type ChunkMeta = ChunkAnswer['meta'];

/**
 * Where the viewer's voxels come from. Progressive (the typed API by default): one decoded slice
 * first (`volumes.getSlice`), then the volume in chunks of slices (`volumes.getChunk`). Tests and
 * harnesses may also give a plain function answering the whole volume at once.
 */
export interface ProgressiveVolumeSource {
  slice(volumeId: string): Promise<SliceAnswer>;
  chunk(volumeId: string, start: number, count: number): Promise<ChunkAnswer>;
  /**
   * Like `chunk`, with the voxels written into the bytes `into(meta)` gives (the chunk's place in
   * the volume's buffer) as they arrive, so no buffer of the chunk exists; resolves to the meta.
   */
  chunkInto?(volumeId: string, start: number, count: number, into: (meta: ChunkMeta) => Uint8Array): Promise<ChunkMeta>;
}
export type WholeVolumeSource = (volumeId: string) => Promise<{ meta: VolumeMeta; data: Uint8Array }>;
export type VolumeSource = WholeVolumeSource | ProgressiveVolumeSource;

export const apiVolumeSource: ProgressiveVolumeSource = {
  slice: (volumeId) => useApi().api['volumes.getSlice']({ volumeId }),
  chunk: (volumeId, start, count) => useApi().api['volumes.getChunk']({ volumeId, start, count }),
  chunkInto: (volumeId, start, count, into) => callBinaryInto('volumes.getChunk', { volumeId, start, count }, into),
};
