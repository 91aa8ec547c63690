import type { Vec3 } from '../../../../electron/core/dicom/dicom-instance';
import type { Mat3, Volume, VolumeScalars } from '../../../../electron/core/volume-assembly/volume';

/** A Volume around `scalars` with the given geometry (identity direction, 1 mm, origin 0 by default). */
export function makeVolume(scalars: VolumeScalars, dims: Vec3, geometry: { spacing?: Vec3; origin?: Vec3; direction?: Mat3; units?: 'HU' | 'raw' } = {}): Volume {
  return {
    scalars,
    dims,
    spacing: geometry.spacing ?? [1, 1, 1],
    origin: geometry.origin ?? [0, 0, 0],
    direction: geometry.direction ?? [1, 0, 0, 0, 1, 0, 0, 0, 1],
    units: geometry.units ?? 'raw',
    modality: 'CT',
    frameOfReferenceUid: '1.2.3.4',
    seriesInstanceUid: '1.2.3.4.5',
    sopInstanceUids: new Array<string | null>(dims[2]).fill(null),
    invertForDisplay: false,
    defaultWindow: null,
    warnings: [],
  };
}

/** Deterministic pseudo-random values in [-1, 1) (xorshift), never exactly 0. */
export function noise(n: number, seed = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let q = 0; q < n; q++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    const v = s / 2 ** 31 - 1;
    out[q] = v === 0 ? 0.5 : v;
  }
  return out;
}
