import type { Mat3 } from '../volume-assembly/volume';
import { closestAxisAssignment } from '../../shared/geometry/grid';
import type { AxisPermutation } from './kernels/types';

/** Sign of each LPS world axis the oriented array's axes must point along. */
const TARGET_SIGNS: Record<'RAS' | 'LPS', [number, number, number]> = {
  // i towards the patient's Left (+x), j Posterior (+y), k Superior (+z)
  LPS: [1, 1, 1],
  // i towards the Right (-x), j Anterior (-y), k Superior (+z)
  RAS: [-1, -1, 1],
};

/**
 * The axis permutation and flips that bring a volume with `direction` (LPS, column-major: column a
 * is the unit vector of array axis a) closest to RAS or LPS orientation (as nibabel's
 * as_closest_canonical / MONAI Orientation, exactly for axis-aligned grids; oblique grids get the
 * nearest axis assignment, without resampling). Output axis t is input axis perm[t], reversed
 * where flip[t].
 */
export function orientationPermutation(direction: Mat3, target: 'RAS' | 'LPS'): AxisPermutation {
  // best[t] = the array axis assigned to world axis t (x, y, z).
  const best = closestAxisAssignment(direction, [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  const signs = TARGET_SIGNS[target];
  const flip: [boolean, boolean, boolean] = [false, false, false];
  for (let t = 0; t < 3; t++) flip[t] = Math.sign(direction[best[t]! * 3 + t]!) !== signs[t];
  return { perm: [best[0], best[1], best[2]], flip };
}

export function isIdentityPermutation(p: AxisPermutation): boolean {
  return p.perm[0] === 0 && p.perm[1] === 1 && p.perm[2] === 2 && !p.flip[0] && !p.flip[1] && !p.flip[2];
}
