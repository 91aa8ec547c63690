import type { ViewerVolumeInfo } from '../stores/viewer-store';
import type { VoxelArray } from '../../../../electron/shared/imaging/voxel-arrays';
import type { VolumeStream } from './volume-stream';

/** A volume as the viewer holds it: metadata plus the voxels viewed from the API payload. */
export interface LoadedVolume {
  volumeId: string;
  info: ViewerVolumeInfo;
  /**
   * The voxels: the whole volume, except for a streamed one, where it is an empty array of the
   * volume's type until the viewer places the voxels (`stream.place`): 'whole' sets it to the
   * volume's one buffer, filled chunk by chunk; 'texture' leaves it empty (the voxels go to the
   * viewer's texture chunk by chunk, and nowhere else).
   */
  scalars: VoxelArray;
  /** Present while the voxels stream in (the progressive API source): says which slices were written. */
  stream?: VolumeStream;
}
