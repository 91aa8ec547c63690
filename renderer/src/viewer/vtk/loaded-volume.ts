import type { ViewerVolumeInfo } from '../stores/viewer-store';
import type { VoxelArray } from '../../../../electron/shared/imaging/voxel-arrays';
import type { VolumeStream } from './volume-stream';

/** A volume as the viewer holds it: metadata plus the voxels viewed from the API payload. */
export interface LoadedVolume {
  volumeId: string;
  info: ViewerVolumeInfo;
  scalars: VoxelArray;
  /**
   * Present while the voxels stream in (the progressive API source): `scalars` is the volume's one
   * buffer, filled chunk by chunk, and the stream says which slices were written.
   */
  stream?: VolumeStream;
}
