/**
 * Copies of a real volume with a known rigid transform applied, as a prior would be:
 * copy(x) = original(T(x)), so that T maps the copy's (prior) patient coordinates to the original's
 * (current) ones. A translation only moves the origin (the pixels are the same, as in a copy with a
 * translated ImagePositionPatient); a rotation resamples the pixels (trilinear, air outside).
 */
import { indexToWorld, worldToIndex } from '../../../../electron/shared/geometry/grid';
import { applyTransform, axisRotation, transformAboutCentre, type RigidTransform } from '../../../../electron/core/registration/rigid-transform';
import type { Vec3 } from '../../../../electron/core/geometry';
import type { Volume } from '../../../../electron/core/volume-assembly/volume';

const AIR_HU = -1024;

export function volumeCentre(v: Pick<Volume, 'dims' | 'spacing' | 'origin' | 'direction'>): Vec3 {
  return indexToWorld(v, [(v.dims[0] - 1) / 2, (v.dims[1] - 1) / 2, (v.dims[2] - 1) / 2]);
}

/** T: a rotation of `degrees` about world axis `axis` through the volume centre, then `translation`. */
export function knownTransform(volume: Volume, axis: 0 | 1 | 2, degrees: number, translation: Vec3): RigidTransform {
  return transformAboutCentre(axisRotation(axis, (degrees * Math.PI) / 180), volumeCentre(volume), translation);
}

/** The prior for a pure translation T(x) = x + t: same pixels, origin moved by -t, new frame of reference. */
export function translatedCopy(volume: Volume, t: Vec3, frameOfReferenceUid: string): Volume {
  return { ...volume, origin: [volume.origin[0] - t[0], volume.origin[1] - t[1], volume.origin[2] - t[2]], frameOfReferenceUid };
}

/** The prior for any rigid T: the same grid, pixels resampled from the original at T(x). */
export function resampledCopy(volume: Volume, transform: RigidTransform, frameOfReferenceUid: string): Volume & { scalars: Int16Array } {
  const [nx, ny, nz] = volume.dims;
  const out = new Int16Array(nx * ny * nz);
  const src = volume.scalars;
  const plane = nx * ny;
  // Index of T(world(ijk)) in the original is affine in ijk: base + i*di + j*dj + k*dk.
  const at = (ijk: Vec3) => worldToIndex(volume, applyTransform(transform, indexToWorld(volume, ijk)));
  const base = at([0, 0, 0]);
  const step = ([1, 0, 0] as const).map((_, a) => {
    const e: Vec3 = [0, 0, 0];
    e[a] = 1;
    const p = at(e);
    return [p[0] - base[0], p[1] - base[1], p[2] - base[2]];
  });
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      let u = base[0] + j * step[1]![0]! + k * step[2]![0]!;
      let v = base[1] + j * step[1]![1]! + k * step[2]![1]!;
      let w = base[2] + j * step[1]![2]! + k * step[2]![2]!;
      const row = k * plane + j * nx;
      for (let i = 0; i < nx; i++, u += step[0]![0]!, v += step[0]![1]!, w += step[0]![2]!) {
        if (!(u >= 0 && v >= 0 && w >= 0 && u <= nx - 1 && v <= ny - 1 && w <= nz - 1)) {
          out[row + i] = AIR_HU;
          continue;
        }
        const i0 = Math.min(nx - 2, u | 0), j0 = Math.min(ny - 2, v | 0), k0 = Math.min(nz - 2, w | 0);
        const fx = u - i0, fy = v - j0, fz = w - k0;
        const p = k0 * plane + j0 * nx + i0;
        const x00 = src[p]! + fx * (src[p + 1]! - src[p]!);
        const x10 = src[p + nx]! + fx * (src[p + nx + 1]! - src[p + nx]!);
        const x01 = src[p + plane]! + fx * (src[p + plane + 1]! - src[p + plane]!);
        const x11 = src[p + plane + nx]! + fx * (src[p + plane + nx + 1]! - src[p + plane + nx]!);
        const y0 = x00 + fy * (x10 - x00);
        const y1 = x01 + fy * (x11 - x01);
        out[row + i] = Math.round(y0 + fz * (y1 - y0));
      }
    }
  }
  return { ...volume, scalars: out, frameOfReferenceUid, sopInstanceUids: volume.sopInstanceUids.map(() => null) };
}
