import type { StudyVolumeService } from '../../study-volumes/study-volume-service';
import type { ApiHandlers } from '../dispatch';

/** Colour images for display (`images.rgb`). */
export function createImageHandlers(deps: { volumes: StudyVolumeService }): Pick<ApiHandlers, 'images.rgb'> {
  return {
    'images.rgb': async ({ volumeId, index }) => {
      const { rgb, rows, columns, bits, photometricInterpretation } = await deps.volumes.rgbImage(volumeId, index);
      return { meta: { rows, columns, bits, photometricInterpretation }, data: rgb };
    },
  };
}
