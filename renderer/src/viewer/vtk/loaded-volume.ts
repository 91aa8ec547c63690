import type { ViewerVolumeInfo } from '../store/viewer-store';
import type { VoxelArray } from './scalar-view';

/** A volume as the viewer holds it: metadata plus the voxels viewed from the API payload. */
export interface LoadedVolume {
  volumeId: string;
  info: ViewerVolumeInfo;
  scalars: VoxelArray;
}
