/**
 * Body and lung masks on a registration image, for the starting alignment (centroids) and to keep
 * the similarity on the patient: the body is the largest component above BODY_HU with its holes
 * filled per slice (lungs and airways are inside); the lungs are the air inside the body.
 */
import { largestComponent } from '../imaging/connected-components';
import { boxFilter, fillHolesPerSlice } from '../imaging/mask-ops';
import type { Vec3 } from '../geometry';
import { indexToWorld } from '../../shared/geometry/grid';
import type { RegistrationImage } from './registration-image';

export const BODY_HU = -400;
export const LUNG_HU = -500;

export function bodyMask(image: RegistrationImage): Uint8Array {
  const above = new Uint8Array(image.data.length);
  for (let p = 0; p < above.length; p++) above[p] = image.data[p]! > BODY_HU ? 1 : 0;
  return fillHolesPerSlice(largestComponent(above, image.dims), image.dims);
}

/** The body grown by one voxel, so that the skin edge (the strongest boundary) is sampled too. */
export function similarityMask(body: Uint8Array, image: RegistrationImage): Uint8Array {
  return boxFilter(body, image.dims, [1, 1, 1], false);
}

export function lungMask(image: RegistrationImage, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length);
  for (let p = 0; p < out.length; p++) out[p] = body[p] && image.data[p]! < LUNG_HU ? 1 : 0;
  return out;
}

export interface MaskCentroid {
  centroid: Vec3;
  volumeMl: number;
}

/** World centroid and volume of a mask; null when empty. */
export function maskCentroid(mask: Uint8Array, image: RegistrationImage): MaskCentroid | null {
  const [nx, ny] = image.dims;
  let n = 0;
  let si = 0, sj = 0, sk = 0;
  for (let p = 0; p < mask.length; p++) {
    if (!mask[p]) continue;
    n++;
    si += p % nx;
    sj += Math.floor(p / nx) % ny;
    sk += Math.floor(p / (nx * ny));
  }
  if (n === 0) return null;
  const voxelMl = (image.spacing[0] * image.spacing[1] * image.spacing[2]) / 1000;
  return { centroid: indexToWorld(image, [si / n, sj / n, sk / n]), volumeMl: n * voxelMl };
}
