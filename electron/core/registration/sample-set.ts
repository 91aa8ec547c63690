/**
 * The fixed image's samples the similarity is computed on: voxels inside a mask, thinned to at most
 * `maxSamples` by a deterministic hash of the voxel index (no regular stride, so no aliasing with
 * rows or slices), as world positions relative to the rotation centre plus their intensities.
 */
import type { Vec3 } from '../geometry';
import { indexToWorld } from '../../shared/geometry/grid';
import type { RegistrationImage } from './registration-image';

export interface SampleSet {
  /** x, y, z per sample: world position minus `centre`. */
  positions: Float32Array;
  values: Float32Array;
  centre: Vec3;
}

function hash01(p: number): number {
  let h = Math.imul(p ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export function sampleSet(image: RegistrationImage, mask: Uint8Array, centre: Vec3, maxSamples: number): SampleSet {
  let inside = 0;
  for (let p = 0; p < mask.length; p++) inside += mask[p]!;
  const keep = Math.min(1, maxSamples / Math.max(1, inside));
  const [nx, ny] = image.dims;
  const origin = indexToWorld(image, [0, 0, 0]);
  const ax = indexToWorld(image, [1, 0, 0]).map((v, a) => v - origin[a]!);
  const ay = indexToWorld(image, [0, 1, 0]).map((v, a) => v - origin[a]!);
  const az = indexToWorld(image, [0, 0, 1]).map((v, a) => v - origin[a]!);
  const pos: number[] = [];
  const val: number[] = [];
  for (let p = 0; p < mask.length; p++) {
    if (!mask[p] || (keep < 1 && hash01(p) >= keep)) continue;
    const i = p % nx;
    const j = Math.floor(p / nx) % ny;
    const k = Math.floor(p / (nx * ny));
    for (let a = 0; a < 3; a++) pos.push(origin[a]! + ax[a]! * i + ay[a]! * j + az[a]! * k - centre[a]!);
    val.push(image.data[p]!);
  }
  return { positions: Float32Array.from(pos), values: Float32Array.from(val), centre: [...centre] };
}
