/**
 * One level of the registration pyramid: a volume resampled along its own axes to a coarser
 * spacing (never finer than the source), with intensities clipped to a chest window so that lungs,
 * soft tissue and their boundaries drive the similarity and bone or metal cannot dominate it.
 */
import type { WorkingGrid } from '../analysis/chest-ct/working-grid';
import { resampleToWorkingGrid } from '../analysis/chest-ct/working-grid';
import { mat3Inverse, type Mat3, type Vec3 } from '../geometry';
import { indexToWorld, indexToWorldMatrix } from '../../shared/geometry/grid';
import type { Volume } from '../volume-assembly/volume';

/** HU window the similarity sees: air .. dense soft tissue. */
export const CLIP_HU: readonly [number, number] = [-1000, 300];

export interface RegistrationImage {
  data: Float32Array;
  dims: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: Mat3;
  /** world -> continuous index: index = worldToIndex * (x - origin). */
  worldToIndex: Mat3;
}

export type VolumeLike = Pick<Volume, 'scalars' | 'dims' | 'spacing' | 'origin' | 'direction'>;

/** A grid along the volume's axes, centred on its extent, with `spacingMm` (or the source spacing where coarser). */
function gridAtSpacing(volume: Omit<VolumeLike, 'scalars'>, spacingMm: number): WorkingGrid {
  const dims = [0, 0, 0] as Vec3;
  const spacing = [0, 0, 0] as Vec3;
  const offset = [0, 0, 0] as Vec3;
  const ratio = [0, 0, 0] as Vec3;
  for (let a = 0; a < 3; a++) {
    const sourceDim = volume.dims[a]!;
    const sourceSpacing = volume.spacing[a]!;
    const extent = sourceDim * sourceSpacing;
    const dim = Math.max(1, Math.round(extent / Math.max(spacingMm, sourceSpacing)));
    const step = extent / dim;
    const r = step / sourceSpacing;
    dims[a] = dim;
    spacing[a] = step;
    ratio[a] = r;
    offset[a] = (sourceDim - 1) / 2 - ((dim - 1) / 2) * r;
  }
  return { dims, spacing, origin: indexToWorld(volume, offset), direction: [...volume.direction] as Mat3, offset, ratio, sourceDims: [...volume.dims] as Vec3 };
}

export function imageFromData(data: Float32Array, g: Pick<RegistrationImage, 'dims' | 'spacing' | 'origin' | 'direction'>): RegistrationImage {
  const inv = mat3Inverse(indexToWorldMatrix(g));
  if (!inv) throw new Error('registration: degenerate volume geometry');
  return { data, dims: [...g.dims], spacing: [...g.spacing], origin: [...g.origin], direction: [...g.direction] as Mat3, worldToIndex: inv };
}

/** Resamples (tent-filtered, so averaged when coarser) and clips to CLIP_HU. */
export function resampleForRegistration(volume: VolumeLike, spacingMm: number): RegistrationImage {
  const grid = gridAtSpacing(volume, spacingMm);
  const data = resampleToWorkingGrid(volume, grid);
  const [lo, hi] = CLIP_HU;
  for (let p = 0; p < data.length; p++) {
    const v = data[p]!;
    data[p] = v < lo ? lo : v > hi ? hi : v;
  }
  return imageFromData(data, grid);
}

/** Coarser levels from a finer one (cheaper than from the full volume). */
export function coarsen(image: RegistrationImage, spacingMm: number): RegistrationImage {
  return resampleForRegistration({ scalars: image.data, dims: image.dims, spacing: image.spacing, origin: image.origin, direction: image.direction }, spacingMm);
}
