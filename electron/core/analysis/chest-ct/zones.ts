/**
 * Lung zones: upper / middle / lower thirds of each lung's craniocaudal extent, measured on the
 * aerated lung of that side as far as the scan shows it (world z of its highest and lowest working
 * slices). A voxel's zone is that of its slice's z; a finding's is that of its centroid's z. When a
 * lung reaches the first or last slice the extent, and so the zones, are those of the visible part
 * (the analysis then adds a warning).
 */
import { LEFT, RIGHT } from './lungs';
import { evalLinear, worldAxis, type GridGeometry } from './orientation';

export type Zone = 'upper' | 'middle' | 'lower';
export const ZONES: readonly Zone[] = ['upper', 'middle', 'lower'];

export interface LungExtent {
  /** World z, mm. */
  top: number;
  bottom: number;
  /** The lung touches the first or last slice: the scan does not show all of it. */
  truncated: boolean;
}

export function lungExtents(lungSide: Uint8Array, g: GridGeometry): Record<'right' | 'left', LungExtent | null> {
  const [nx, ny, nz] = g.dims;
  const plane = nx * ny;
  const wz = worldAxis(g, 2);
  const res: Record<'right' | 'left', LungExtent | null> = { right: null, left: null };
  for (const [name, label] of [['right', RIGHT], ['left', LEFT]] as const) {
    let kMin = -1;
    let kMax = -1;
    for (let k = 0; k < nz; k++) {
      let any = false;
      for (let q = k * plane; q < (k + 1) * plane; q++) {
        if (lungSide[q] === label) {
          any = true;
          break;
        }
      }
      if (!any) continue;
      if (kMin < 0) kMin = k;
      kMax = k;
    }
    if (kMin < 0) continue;
    // z at the slice centre, extended by half a slice: the extent of the voxels.
    const half = Math.abs(wz[3]) / 2;
    const z1 = evalLinear(wz, 0, 0, kMin);
    const z2 = evalLinear(wz, 0, 0, kMax);
    res[name] = { top: Math.max(z1, z2) + half, bottom: Math.min(z1, z2) - half, truncated: kMin === 0 || kMax === nz - 1 };
  }
  return res;
}

export function zoneAt(extent: LungExtent, z: number): Zone {
  const third = (extent.top - extent.bottom) / 3;
  if (z > extent.top - third) return 'upper';
  if (z < extent.bottom + third) return 'lower';
  return 'middle';
}
