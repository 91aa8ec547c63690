/**
 * The patient's midline for the REFERENCE side of annotated lesions, from the volume itself (not
 * from the analysis being evaluated): the mean LPS x of the body, taken as the voxels denser than
 * -500 HU (soft tissue, bone; air and lung excluded) on every other row and column. The table is
 * thin and centred under the patient, so it barely moves the mean. For non-HU volumes: the centre
 * of the field of view. Lesions at larger x than the midline are on the patient's LEFT.
 */
import { indexToWorld, indexToWorldMatrix } from '../../shared/geometry/grid';
import type { Volume } from '../volume-assembly/volume';

const BODY_MIN_HU = -500;

export function bodyMidlineX(volume: Volume): number {
  const [nx, ny, nz] = volume.dims;
  const centre = indexToWorld(volume, [(nx - 1) / 2, (ny - 1) / 2, (nz - 1) / 2])[0];
  if (volume.units !== 'HU') return centre;
  const m = indexToWorldMatrix(volume);
  let sum = 0;
  let count = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j += 2) {
      const row = k * nx * ny + j * nx;
      for (let i = 0; i < nx; i += 2) {
        if (volume.scalars[row + i]! > BODY_MIN_HU) {
          sum += m[0] * i + m[3] * j + m[6] * k;
          count++;
        }
      }
    }
  }
  return count > 0 ? volume.origin[0] + sum / count : centre;
}
