import type { VolumesService } from '../../services';
import type { ApiHandlers } from '../dispatch';

/** Color images for display (`images.rgb`). */
export function createImageHandlers({ volumes }: { volumes: VolumesService }): Pick<ApiHandlers, 'images.rgb'> {
  return {
    'images.rgb': async ({ volumeId, index }) => {
      const { rgb, rows, columns, bits, photometricInterpretation } = await volumes.rgbImage(volumeId, index);
      return { meta: { rows, columns, bits, photometricInterpretation }, data: rgb };
    },
  };
}
